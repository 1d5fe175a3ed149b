import pytest
from django.test import Client

from bettertogether.core.models import User
from bettertogether.core.tests.factories import sign_in

from .factories import EventFactory, LinkVersionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/outreach/event/",
        "/admin/outreach/event/add/",
        "/admin/outreach/resource/",
        "/admin/outreach/resource/add/",
        "EVENT",
        "RESOURCE",
    ],
)
def test_admin_pages_open(client: Client, path: str) -> None:
    sign_in(client, User.objects.create_superuser("root", "root@example.org", "x" * 12))
    if path == "EVENT":
        path = f"/admin/outreach/event/{EventFactory().pk}/change/"
    elif path == "RESOURCE":
        path = f"/admin/outreach/resource/{LinkVersionFactory().resource.pk}/change/"
    assert client.get(path).status_code == 200


def test_registrations_are_not_exposed_in_the_admin(client: Client) -> None:
    sign_in(client, User.objects.create_superuser("root", "root@example.org", "x" * 12))
    assert client.get("/admin/outreach/registration/").status_code == 404
