import base64
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from bettertogether.support.demo import DEMO_TOTP_BASE32
from bettertogether.support.models import Case, EmergencyRequest, HelplineContact, Referral, SealedTOTPDevice

pytestmark = pytest.mark.django_db


def test_demo_cases_load_once_and_are_fictional() -> None:
    for _ in range(2):
        call_command("load_demo", app=["directory", "support"], stdout=StringIO())
    assert Case.objects.count() == 2
    assert all("(fictional)" in case.worker_name for case in Case.objects.all())
    assert HelplineContact.objects.count() == 7
    assert Referral.objects.count() == 1 and EmergencyRequest.objects.get().state == "requested"
    device = SealedTOTPDevice.objects.get(user__username="caseworker")
    assert device.confirmed
    # The published key (docs/demo.md) gives codes the sealed device accepts.
    totp = TOTP(base64.b32decode(DEMO_TOTP_BASE32))
    totp.time = time.time()
    assert device.verify_token(str(totp.token()).zfill(6))


def test_no_demo_cases_where_demo_passwords_are_refused(settings) -> None:
    settings.BT_DEMO_PASSWORDS_ALLOWED = False
    out = StringIO()
    call_command("load_demo", app=["support"], stdout=out)
    assert not Case.objects.exists() and "no demo cases" in out.getvalue()


def test_demo_coordinator_and_admin_sign_in_with_the_published_key() -> None:
    call_command("load_demo", app=["directory", "support"], stdout=StringIO())
    for username, password in (("coordinator", "demo-coordinator-2024"), ("admin", "demo-admin-2024")):
        client = Client()
        assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
        assert client.get(reverse("directory_manage:index"))["Location"].startswith(reverse("support:otp-verify"))
        totp = TOTP(base64.b32decode(DEMO_TOTP_BASE32))
        totp.time = time.time()
        response = client.post(reverse("support:otp-verify"), {"token": str(totp.token()).zfill(6)})
        assert response.status_code == 302, username
        assert client.get(reverse("directory_manage:index")).status_code == 200
