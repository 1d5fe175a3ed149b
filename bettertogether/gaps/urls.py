"""Gap analysis pages under /<lang>/gaps/ (coordinators only)."""

from django.urls import path

from . import views

app_name = "gaps"

urlpatterns = [
    path("", views.page, name="page"),
    path("data.json", views.data_json, name="data"),
    path("report.<str:fmt>", views.download, name="download"),
]
