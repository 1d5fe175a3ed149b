from django.urls import path

from . import manage_views

app_name = "directory_manage"

urlpatterns = [
    path("", manage_views.index, name="index"),
    path("services/<uuid:pk>/", manage_views.service_edit, name="service"),
    path("locations/<uuid:pk>/", manage_views.location_edit, name="location"),
    path("suggestions/", manage_views.suggestion_list, name="suggestions"),
    path("suggestions/<uuid:pk>/", manage_views.suggestion_review, name="suggestion"),
]
