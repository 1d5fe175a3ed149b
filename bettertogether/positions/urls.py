"""TFW positions pages under /<lang>/positions/: the public map and table, and the coordinators' pages."""

from django.urls import path

from . import views, views_staff

app_name = "positions"

# Coordinators' pages, in the staff frame (tested as a matrix in tests/test_staff_pages.py).
staff_urlpatterns = [
    path("imports/", views_staff.imports, name="imports"),
    path("review/", views_staff.review, name="review"),
]

urlpatterns = [
    path("", views.map_page, name="map"),
    path("table/", views.table_page, name="table"),
    path("positions.csv", views.download_csv, name="csv"),
    *staff_urlpatterns,
]
