"""Public TFW positions pages under /<lang>/positions/."""

from django.urls import path

from . import views

app_name = "positions"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("table/", views.table_page, name="table"),
    path("positions.csv", views.download_csv, name="csv"),
]
