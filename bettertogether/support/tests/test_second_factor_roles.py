"""The second factor for every role that can change others' data (coordinators, administrators,
Django's /admin/), reproducing the attack first: signed in with only a password, a coordinator or
an administrator could delete a case worker's authenticator, add case-desk members and change
every service's phone numbers."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from bettertogether.core.tests.factories import PASSWORD
from bettertogether.directory.models import Phone, Service
from bettertogether.support.models import CaseDeskMember, SealedTOTPDevice

from .factories import device_for, member, signed_in, token


def _password_only(user: Any) -> Client:
    """Signed in through the sign-in page with the password and nothing else."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def _sent_to_code(response: Any) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location.startswith((reverse("support:otp-verify"), reverse("support:otp-setup")))


@pytest.fixture
def service(orgs: dict[str, Any]) -> Service:
    service = Service.objects.create(organization=orgs["other"], name="Helpline")
    Phone.objects.create(service=service, number="902-555-0100")
    return service


def _phone_change(service: Service) -> dict[str, str]:
    phone = service.phones.get()
    return {
        "name_en": service.name_en or "Helpline",
        "status": "active",
        "is_free": "unknown",
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "1",
        "phones-0-id": str(phone.pk),
        "phones-0-number": "1 900 555 6666",
        "phones-0-type": "voice",
        "hours-TOTAL_FORMS": "0",
        "hours-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_a_password_alone_changes_no_phone_number(role: str, service: Service) -> None:
    client = _password_only(member(role))
    response = client.post(reverse("directory_manage:service", args=[service.pk]), _phone_change(service))
    assert _sent_to_code(response), (response.status_code, response.get("Location"))
    assert service.phones.get().number == "902-555-0100"


def test_a_password_alone_deletes_no_authenticator(orgs: dict[str, Any]) -> None:
    worker_device = device_for(member("case_worker", orgs["own"]))
    client = _password_only(member("administrator"))
    response = client.post(reverse("admin:support_sealedtotpdevice_delete", args=[worker_device.pk]), {"post": "yes"})
    assert _sent_to_code(response), (response.status_code, response.get("Location"))
    assert SealedTOTPDevice.objects.filter(pk=worker_device.pk).exists()


def test_a_password_alone_adds_no_case_desk_member(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    client = _password_only(member("administrator"))
    response = client.post(reverse("admin:support_casedeskmember_add"), {"user": str(worker.pk), "is_supervisor": "on"})
    assert _sent_to_code(response), (response.status_code, response.get("Location"))
    assert not CaseDeskMember.objects.filter(user=worker).exists()


def test_a_new_administrator_is_sent_to_set_up_a_code_and_then_gets_in(orgs: dict[str, Any]) -> None:
    admin = member("administrator")
    client = _password_only(admin)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("support:otp-setup"))
    setup = client.get(response["Location"])
    assert setup.status_code == 200 and b"<img" in setup.content
    device = SealedTOTPDevice.objects.get(user=admin, confirmed=False)
    done = client.post(response["Location"], {"token": token(device), "next": reverse("admin:index")})
    assert done.status_code == 302 and done["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_the_code_a_coordinator_changes_the_phone_number(service: Service) -> None:
    coordinator = member("coordinator")
    device_for(coordinator)
    client = _password_only(coordinator)
    response = client.post(reverse("support:otp-verify"), {"token": token(device_for(coordinator))})
    assert response.status_code == 302
    response = client.post(reverse("directory_manage:service", args=[service.pk]), _phone_change(service))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert service.phones.get().number == "1 900 555 6666"


def test_signed_in_helper_passes_the_code_for_every_role_that_needs_it(orgs: dict[str, Any]) -> None:
    for role in ("coordinator", "administrator"):
        client = signed_in(member(role))
        assert client.get(reverse("directory_manage:index")).status_code == 200


# Where a person not signed in is sent to sign in (ours, or the admin's own page).
SIGN_IN_PAGES = ("/en/accounts/login/", "/admin/login/")
DUMMY = {"uuid": "00000000-0000-4000-8000-000000000000", "int": "1", "slug": "x", "str": "x", "path": "1"}


def _paths() -> list[str]:
    """Every URL of the project (English prefix), its parameters filled with harmless values."""
    found: list[str] = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            route = str(entry.pattern)
            if "(?P" in route or route.startswith("^"):  # the admin's per-app regex index
                continue
            if isinstance(entry, URLResolver):
                walk(entry, prefix + route)
            elif isinstance(entry, URLPattern):
                found.append(prefix + re.sub(r"<(?:(\w+):)?\w+>", lambda m: DUMMY[m.group(1) or "str"], route))

    with translation.override("en"):
        walk(get_resolver(), "/")
    return sorted(set(found))


def _staff_paths(paths: list[str]) -> list[str]:
    """The paths that send a person not signed in to a sign-in page."""
    anonymous = Client()
    staff = []
    for path in paths:
        response = anonymous.get(path)
        if response.status_code == 302 and response["Location"].startswith(SIGN_IN_PAGES):
            staff.append(path)
    return staff


def test_no_staff_page_opens_with_a_password_alone(orgs: dict[str, Any]) -> None:
    """Generated from the URL configuration: a new staff URL is checked without a line added here."""
    staff = _staff_paths(_paths())
    assert len(staff) > 60 and "/admin/" in staff and "/en/manage/" in staff
    admin = member("administrator")
    device_for(admin)  # one enrolled, one not: the code page and the set-up page
    clients = {"coordinator": Client(), "administrator": Client()}
    clients["coordinator"].force_login(member("coordinator"))
    clients["administrator"].force_login(admin)
    for role, client in clients.items():
        for path in staff:
            if path in (reverse("support:otp-setup"), reverse("support:otp-verify")):
                continue  # where the code is set up and entered
            response = client.get(path)
            assert _sent_to_code(response), (role, path, response.status_code, response.get("Location"))
