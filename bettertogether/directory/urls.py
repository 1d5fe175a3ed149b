from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("<uuid:pk>/", views.service_detail, name="detail"),
]
