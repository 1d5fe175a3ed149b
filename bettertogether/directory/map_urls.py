"""Map data under /api/map/ (no language prefix; content language from ?lang= or Accept-Language)."""

from django.urls import path

from . import views

app_name = "map_api"

urlpatterns = [
    path("services.geojson", views.services_geojson, name="services"),
]
