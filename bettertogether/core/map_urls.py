"""The offline basemap under /api/map/ (no language prefix: outlines and place names only)."""

from django.urls import path

from . import map_views

app_name = "core_map"

urlpatterns = [
    path("basemap-<slug:region>.geojson", map_views.basemap_geojson, name="basemap"),
]
