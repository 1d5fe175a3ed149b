"""The project's URLs plus one view that fails, for the 500 page's tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bettertogether.urls import handler403, handler404, handler500, urlpatterns


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("crash/", crash), *urlpatterns]
__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
