from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from bettertogether.support.models import Case, EmergencyRequest, HelplineContact, Referral

pytestmark = pytest.mark.django_db


def test_demo_cases_load_once_and_are_fictional() -> None:
    for _ in range(2):
        call_command("load_demo", app=["directory", "support"], stdout=StringIO())
    assert Case.objects.count() == 2
    assert all("(fictional)" in case.worker_name for case in Case.objects.all())
    assert HelplineContact.objects.count() == 7
    assert Referral.objects.count() == 1 and EmergencyRequest.objects.get().state == "requested"
    assert TOTPDevice.objects.get(user__username="caseworker").confirmed


def test_no_demo_cases_where_demo_passwords_are_refused(settings) -> None:
    settings.BT_DEMO_PASSWORDS_ALLOWED = False
    out = StringIO()
    call_command("load_demo", app=["support"], stdout=out)
    assert not Case.objects.exists() and "no demo cases" in out.getvalue()
