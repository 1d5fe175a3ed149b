"""URLs of the staff home and the pages it gathers."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
