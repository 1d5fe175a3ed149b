"""Case-desk test data: organizations, members per role, a signed-in client with a second factor."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from bettertogether.core.tests.factories import ROLE_FACTORIES
from bettertogether.directory.models import Organization
from bettertogether.support import permissions, services
from bettertogether.support.audit import Actor
from bettertogether.support.models import CaseDeskMember, SealedTOTPDevice

# Fictional values the tests look for where they must never be.
SECRET_NAME = "Zephyrine Quillbottom"
SECRET_CONTACT = "+1 902 555 0147"
SECRET_EMPLOYER = "Grimsby Blueberry Packers"
SECRET_NOTE = "Worker fears retaliation from the night supervisor"


def organization(name: str) -> Organization:
    return Organization.objects.create(name=name)


def member(role: str, org: Organization | None = None, *, supervisor: bool = False) -> Any:
    user = ROLE_FACTORIES[role](organization=org) if org is not None else ROLE_FACTORIES[role]()
    if supervisor:
        CaseDeskMember.objects.create(user=user, is_supervisor=True)
    return user


def device_for(user: Any) -> SealedTOTPDevice:
    return SealedTOTPDevice.objects.get_or_create(user=user, defaults={"name": "test", "confirmed": True})[0]


def token(device: SealedTOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return str(totp.token()).zfill(device.digits)


def signed_in(user: Any, *, second_factor: bool = True) -> Client:
    """A client signed in as `user`; every role that needs it (permissions.needs_second_factor) also
    passes the second factor with a real code."""
    client = Client()
    client.force_login(user)
    if second_factor and permissions.needs_second_factor(user):
        device = device_for(user)
        response = client.post(reverse("support:otp-verify"), {"token": token(device)})
        assert response.status_code == 302, response.content[:500]
    return client


def fill_case(worker: Any, *, to_org: Organization | None = None) -> dict[str, Any]:
    """A case with one of everything, made through the services."""
    actor = Actor(user=worker, ip_address="192.0.2.10")
    case = services.open_case(
        actor,
        services.Intake(
            worker_name=SECRET_NAME,
            contact=SECRET_CONTACT,
            employer=SECRET_EMPLOYER,
            language="es",
            province="NS",
            issue_types=["workplace-safety"],
            employer_specific_permit="yes",
            consent_given=True,
        ),
    )
    note = services.add_note(actor, case, SECRET_NOTE)
    follow_up = services.add_follow_up(
        actor, case, "Call back about the claim", timezone.localdate() - dt.timedelta(days=2)
    )
    services.record_service(actor, case, "legal", "Helped file the claim")
    objects: dict[str, Any] = {"case": case, "note": note, "follow_up": follow_up}
    if to_org is not None:
        services.record_consent(actor, case, to_org.pk, ["language", "province", "issue_types"])
        objects["referral"] = services.send_referral(actor, case, to_org.pk, "Needs a lawyer")
    objects["emergency"] = services.request_emergency(
        actor, case, "housing", Decimal("450.00"), "Two nights of emergency lodging"
    )
    return objects
