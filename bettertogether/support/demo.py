"""Demo data of the case desk, for local use only: a few plainly fictional cases of the CMWR NS
case worker, helpline contacts, a referral with consent and an emergency request for the funder.

Loaded only where settings.BT_DEMO_PASSWORDS_ALLOWED is True (the demo users exist only there).
The demo case worker, coordinator and administrator get a second-factor device with a published
key (docs/demo.md) so the flows can be tried with any authenticator app; that key is for local use
only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from bettertogether.directory.door import BT_NAMESPACE

from . import services
from .audit import Actor
from .models import Case, CaseDeskMember, HelplineContact, SealedTOTPDevice

# Base32 "JBSWY3DPEHPK3PXP" (the usual authenticator test key), as the hex the device stores (encrypted).
DEMO_TOTP_HEX = "48656c6c6f21deadbeef"
DEMO_TOTP_BASE32 = "JBSWY3DPEHPK3PXP"
# Demo users besides the case worker whose role needs the second factor (directory/demo/users.py).
SECOND_FACTOR_DEMO_USERS = ("coordinator", "admin")


def _org_id(key: str) -> uuid.UUID:
    # Same derivation as directory/demo/loader.py demo_id.
    return uuid.uuid5(BT_NAMESPACE, f"demo:organization:{key}")


def load(log: Callable[[str], None]) -> None:
    if not getattr(settings, "BT_DEMO_PASSWORDS_ALLOWED", False):
        log("support: no demo cases here (BT_DEMO_PASSWORDS_ALLOWED is False)")
        return
    User = get_user_model()
    worker = User.objects.filter(username="caseworker").first()
    staff = User.objects.filter(username="partner.cmwr").first()
    if worker is None or staff is None:
        log("support: demo users missing; load the directory demo first")
        return
    CaseDeskMember.objects.update_or_create(user=worker, defaults={"is_supervisor": True})
    # Coordinators and administrators need the second factor too: the same published demo key.
    for user in [worker, *User.objects.filter(username__in=SECOND_FACTOR_DEMO_USERS)]:
        SealedTOTPDevice.objects.update_or_create(
            user=user, name="demo authenticator", defaults={"key": DEMO_TOTP_HEX, "confirmed": True}
        )
    cmwr = _org_id("cmwr-ns")
    if Case.objects.filter(organization_id=cmwr, created_by=worker).exists():
        log("support: demo cases already loaded")
        return
    actor = Actor(user=worker, ip_address="127.0.0.1")
    today = timezone.localdate()
    first = services.open_case(
        actor,
        services.Intake(
            worker_name="Demo Worker A (fictional)",
            contact="WhatsApp +1 902 555 0100 (fictional)",
            language="es",
            province="NS",
            issue_types=["workplace-safety", "health"],
            employer="Example Farms Ltd. (fictional)",
            employer_specific_permit="yes",
            consent_given=True,
        ),
    )
    services.add_note(actor, first, "Fictional demo note: injury at work, wants to file a compensation claim.")
    services.add_follow_up(actor, first, "Call back about the claim form", today - dt.timedelta(days=1))
    services.add_follow_up(actor, first, "Accompany to the clinic", today + dt.timedelta(days=3))
    services.record_service(actor, first, "legal", "Explained the claim process (demo)")
    madhu = _org_id("madhu-centre")
    services.record_consent(actor, first, madhu, ["worker_name", "language", "province", "issue_types"])
    services.send_referral(actor, first, madhu, "Fictional demo referral for legal support.")
    services.request_emergency(
        actor, first, "housing", Decimal("420.00"), "Three nights of emergency lodging after leaving employer housing."
    )
    second = services.open_case(
        actor,
        services.Intake(
            worker_name="Demo Worker B (fictional)",
            language="tl",
            province="NS",
            issue_types=["rights-info"],
            consent_given=True,
        ),
    )
    services.add_note(actor, second, "Fictional demo note: unpaid overtime questions.")
    services.close_case(actor, second, "resolved")
    staff_actor = Actor(user=staff, ip_address="127.0.0.1")
    if not HelplineContact.objects.filter(organization_id=cmwr).exists():
        for n, (channel, language, topics) in enumerate(
            [
                ("phone", "es", ["workplace-safety"]),
                ("whatsapp", "tl", ["housing"]),
                ("walk_in", "es", ["health"]),
                ("whatsapp", "hi", ["rights-info"]),
                ("outreach", "es", ["rights-info", "legal"]),
                ("email", "en", ["legal"]),
                ("phone", "es", ["emergency"]),
            ]
        ):
            services.log_helpline_contact(
                staff_actor,
                services.HelplineEntry(
                    channel=channel,
                    language=language,
                    province="NS",
                    topics=topics,
                    duration_minutes=5 + 5 * n,
                    contacted_on=today - dt.timedelta(days=n),
                ),
            )
    log("support: 2 demo cases, 7 helpline contacts, 1 referral, 1 emergency request")
