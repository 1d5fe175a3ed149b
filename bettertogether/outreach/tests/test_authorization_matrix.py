"""Every outreach URL (public events and resources, calendar feeds, the organizers' pages) × every role ×
an object of the user's own organization or another's → the expected status, generated from urls.py: a URL
without a row in EXPECTED fails `test_every_url_has_expectations`. GET only; writes are tested apart.
Another organization's event or resource answers 404 on the organizers' pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bettertogether.core.roles import Role
from bettertogether.core.tests.url_matrix import UrlConf, assert_answers, client_for, missing_rows, named_patterns
from bettertogether.directory.models import Membership
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.outreach import services, urls
from bettertogether.outreach.forms import ResourceVersionForm
from bettertogether.outreach.models import ResourceVersion

from .factories import EventFactory, ResourceFactory, UserFactory, partner_staff

pytestmark = pytest.mark.django_db

URLCONFS: dict[str, UrlConf] = {"outreach": urls, "outreach_feeds": urls.feed_urlpatterns}
ROLES = ["anonymous", "partner", "case_worker", "no_membership", "funder", "coordinator", "administrator"]
PUBLIC = dict.fromkeys(ROLES, 200)
# The organizers' pages: members of an organization, coordinators and administrators; others are refused.
ORGANIZERS = {**dict.fromkeys(ROLES, 200), "anonymous": 302, "no_membership": 403, "funder": 403}
EXPECTED: dict[str, dict[str, int]] = {
    "outreach:events": PUBLIC,
    "outreach:events_past": PUBLIC,
    "outreach:event": PUBLIC,
    "outreach:event_ics": PUBLIC,
    "outreach:register": PUBLIC,
    "outreach:cancel": PUBLIC,
    "outreach:resources": PUBLIC,
    "outreach:resource_file": PUBLIC,
    "outreach:manage": ORGANIZERS,
    "outreach:manage_new": ORGANIZERS,
    "outreach:manage_edit": ORGANIZERS,
    "outreach:attendance": ORGANIZERS,
    "outreach:resource_manage": ORGANIZERS,
    "outreach:resource_manage_new": ORGANIZERS,
    "outreach:resource_manage_edit": ORGANIZERS,
    "outreach_feeds:feed": PUBLIC,
    "outreach_feeds:organization_feed": PUBLIC,
}
# URL name → (its keyword argument, which object of the organization it names).
OBJECT_OF = {
    "outreach:event": ("pk", "event"),
    "outreach:event_ics": ("pk", "event"),
    "outreach:register": ("pk", "event"),
    "outreach:cancel": ("token", "token"),
    "outreach:resource_file": ("pk", "file"),
    "outreach:manage_edit": ("pk", "event"),
    "outreach:attendance": ("pk", "event"),
    "outreach:resource_manage_edit": ("pk", "resource"),
    "outreach_feeds:organization_feed": ("org_id", "organization"),
}
# Roles bound to their own organization on the organizers' pages: another organization's object is not found.
ORGANIZATION_BOUND = ("partner", "case_worker")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_url_has_expectations() -> None:
    assert not missing_rows(URLCONFS, EXPECTED), missing_rows(URLCONFS, EXPECTED)
    with_argument = {name for name, p in named_patterns(URLCONFS).items() if p.pattern.converters}
    assert with_argument == set(OBJECT_OF)


def _objects(organization: Any) -> dict[str, Any]:
    event = EventFactory(organization=organization)
    registration = services.register(event.pk, name="Ana", phone="902 555 0100", consent_text="yes")
    resource = ResourceFactory(organization=organization)
    form = ResourceVersionForm(
        data={"language": "en", "title": "", "url": ""},
        files={"file": SimpleUploadedFile("guide.pdf", PDF_BYTES, content_type="application/pdf")},
        instance=ResourceVersion(resource=resource),
    )
    assert form.is_valid(), form.errors
    return {
        "organization": organization.pk,
        "event": event.pk,
        "token": registration.token,
        "resource": resource.pk,
        "file": form.save().pk,
    }


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    own, other = OrganizationFactory(), OrganizationFactory()
    return {
        "own": _objects(own),
        "other": _objects(other),
        "users": {
            "anonymous": None,
            "partner": partner_staff(own),
            "case_worker": _case_worker(own),
            "no_membership": UserFactory(role=Role.PARTNER_STAFF),
            "funder": UserFactory(role=Role.FUNDER_APPROVER),
            "coordinator": UserFactory(role=Role.COORDINATOR),
            "administrator": UserFactory(role=Role.ADMINISTRATOR),
        },
    }


def _case_worker(organization: Any) -> Any:
    user = UserFactory(role=Role.CASE_WORKER)
    Membership.objects.create(user=user, organization=organization)
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, world: dict[str, Any]) -> None:
    client = client_for(world["users"][role])
    for side in ("own", "other"):
        kwargs = {}
        if name in OBJECT_OF:
            argument, key = OBJECT_OF[name]
            kwargs[argument] = world[side][key]
        url = reverse(name, kwargs=kwargs)
        expected = EXPECTED[name][role]
        bound = name in OBJECT_OF and EXPECTED[name] is ORGANIZERS
        if side == "other" and bound and role in ORGANIZATION_BOUND:
            expected = 404
        assert_answers(client, url, expected, name, role, side)
