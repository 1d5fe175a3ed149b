"""Map data under /api/map/ (no language prefix; labels' language from ?lang= or Accept-Language)."""

from django.urls import path

from . import views

app_name = "positions_api"

urlpatterns = [
    path("positions.geojson", views.positions_geojson, name="positions"),
]
