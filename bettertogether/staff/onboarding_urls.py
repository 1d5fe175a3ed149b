"""URLs of onboarding: organizations, services and staff accounts, without the admin."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
