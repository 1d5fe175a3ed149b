from django.urls import path

from . import suggest_views, views

app_name = "directory"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("<uuid:pk>/", views.service_detail, name="detail"),
    path("<uuid:pk>/suggest/", suggest_views.suggest, name="suggest"),
]
