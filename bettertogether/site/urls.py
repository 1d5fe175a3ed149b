from django.urls import path

from . import pages, views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("rights/", pages.rights, name="rights"),
    path("contact/", pages.contact, name="contact"),
]
