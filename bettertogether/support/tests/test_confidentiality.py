"""Confidential values stay encrypted at rest and out of the audit log, application logs and URLs;
referral receivers and funder approvers see only what they may."""

import logging
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from bettertogether.support import services
from bettertogether.support.audit import Actor
from bettertogether.support.models import AccessLog, Case, CaseNote, Referral

from .factories import (
    SECRET_CONTACT,
    SECRET_EMPLOYER,
    SECRET_NAME,
    SECRET_NOTE,
    device_for,
    member,
    signed_in,
)

SECRETS = [SECRET_NAME, SECRET_CONTACT, SECRET_EMPLOYER, SECRET_NOTE]
IDENTIFYING = [SECRET_NAME, SECRET_CONTACT, SECRET_EMPLOYER]


def _support_tables() -> list[str]:
    return [t for t in connection.introspection.table_names() if t.startswith("support_")]


def _raw_dump() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in _support_tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_raw_database_holds_no_plaintext_name_or_note(desk: dict[str, Any]) -> None:
    seed = device_for(desk["own_worker"]).key  # the authenticator secret, sealed like the rest
    dump = _raw_dump()
    assert "support_case" in _support_tables() and "support_sealedtotpdevice" in _support_tables()
    for secret in SECRETS + ["Needs a lawyer", "Two nights of emergency lodging", seed, seed.upper()]:
        assert secret not in dump, secret
    # …while the application reads them back.
    case = Case.objects.get(pk=desk["own"]["case"].pk)
    assert (case.worker_name, case.contact, case.employer) == (SECRET_NAME, SECRET_CONTACT, SECRET_EMPLOYER)
    assert CaseNote.objects.get(case=case).text == SECRET_NOTE


def test_empty_values_stay_empty_strings(desk: dict[str, Any]) -> None:
    case = Case.objects.get(pk=desk["own"]["case"].pk)
    assert case.work_site == ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT work_site FROM support_case WHERE id = %s",
            [case.pk.hex if connection.vendor == "sqlite" else case.pk],
        )
        (raw,) = cursor.fetchone()
    assert raw and raw != ""  # an encrypted empty string, never NULL


def test_no_confidential_value_in_audit_logs_or_urls(orgs: dict[str, Any], caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    worker = member("case_worker", orgs["own"], supervisor=True)
    client = signed_in(worker)
    response = client.post(
        reverse("support:case-new"),
        {
            "worker_name": SECRET_NAME,
            "contact": SECRET_CONTACT,
            "employer": SECRET_EMPLOYER,
            "language": "es",
            "province": "NS",
            "issue_types": ["workplace-safety"],
            "employer_specific_permit": "yes",
            "consent_given": "on",
        },
    )
    assert response.status_code == 302
    locations = [response["Location"]]
    case = Case.objects.get()
    for url, data in [
        (reverse("support:note-new", args=[case.pk]), {"text": SECRET_NOTE}),
        (
            reverse("support:consent-new", args=[case.pk]),
            {"organization": orgs["third"].pk, "shared_fields": ["worker_name"]},
        ),
        (reverse("support:referral-new", args=[case.pk]), {"organization": orgs["third"].pk, "message": SECRET_NOTE}),
        (
            reverse("support:emergency-new", args=[case.pk]),
            {"need": "food", "amount": "80", "justification": "Groceries"},
        ),
    ]:
        response = client.post(url, data)
        assert response.status_code == 302, response.content[:400]
        locations.append(response["Location"])
    pages = [
        client.get(reverse("support:case-detail", args=[case.pk])),
        client.get(reverse("support:case-list")),
        client.get(reverse("support:case-history", args=[case.pk])),
    ]
    assert SECRET_NAME in pages[0].content.decode()
    hrefs = [h for page in pages for h in re.findall(r'(?:href|action|src)="([^"]*)"', page.content.decode())]
    rows = list(AccessLog.objects.values_list())
    assert len(rows) >= 8
    everything = "\n".join([repr(rows), caplog.text, *locations, *hrefs])
    for secret in SECRETS:
        assert secret not in everything, secret
        assert secret.replace(" ", "+") not in everything and secret.replace(" ", "%20") not in everything


def test_referral_without_consent_is_refused(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    case = services.open_case(Actor(worker), services.Intake(worker_name="A", language="en", province="NS"))
    with pytest.raises(services.ConsentMissing):
        services.send_referral(Actor(worker), case, orgs["third"].pk)
    # Consent to share with another organization does not count either.
    services.record_consent(Actor(worker), case, orgs["other"].pk, ["language"])
    with pytest.raises(services.ConsentMissing):
        services.send_referral(Actor(worker), case, orgs["third"].pk)
    response = signed_in(worker).post(
        reverse("support:referral-new", args=[case.pk]), {"organization": orgs["third"].pk, "message": ""}
    )
    assert response.status_code == 200
    assert "consent" in response.content.decode().lower()
    assert not Referral.objects.exists()


def test_receiver_sees_only_what_was_shared(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    referral = desk["own"]["referral"]  # consent shared language, province and issue types
    receiver = member("case_worker", orgs["third"])
    client = signed_in(receiver)
    page = client.get(reverse("support:referral-detail", args=[referral.pk])).content.decode()
    assert "<dd>Workplace safety</dd>" in page and "<dd>Nova Scotia</dd>" in page and "<dd>Spanish</dd>" in page
    for secret in SECRETS:
        assert secret not in page, secret
    # The receiver cannot open the case itself, nor see it in its lists.
    assert client.get(reverse("support:case-detail", args=[referral.case_id])).status_code == 404
    assert SECRET_NAME not in client.get(reverse("support:referral-list")).content.decode()
    # …and moves the referral along its state table.
    assert client.post(reverse("support:referral-action", args=[referral.pk, "accept"])).status_code == 302
    referral.refresh_from_db()
    assert referral.state == "accepted"
    assert client.get(reverse("support:referral-action", args=[referral.pk, "withdraw"])).status_code == 404


def test_approver_summary_has_no_identifying_field_and_decision_flows_back(desk: dict[str, Any]) -> None:
    approver = member("funder_approver")
    emergency = desk["own"]["emergency"]
    client = signed_in(approver)
    for url in (reverse("support:emergency-queue"), reverse("support:emergency-review", args=[emergency.pk])):
        page = client.get(url).content.decode()
        for secret in IDENTIFYING + [SECRET_NOTE]:
            assert secret not in page, (url, secret)
    assert "450.00" in page and "Two nights of emergency lodging" in page
    response = client.post(
        reverse("support:emergency-review", args=[emergency.pk]), {"decision": "approve", "reason": "Within policy"}
    )
    assert response.status_code == 302
    emergency.refresh_from_db()
    assert emergency.state == "approved" and emergency.decided_by == approver
    case_page = signed_in(member("case_worker", emergency.case.organization))
    page = case_page.get(reverse("support:case-detail", args=[emergency.case_id])).content.decode()
    assert "Approved" in page and "Within policy" in page
    actions = list(AccessLog.objects.filter(object_id=str(emergency.pk)).values_list("action", "username"))
    assert ("view", approver.username) in actions and ("update", approver.username) in actions


def test_access_log_is_append_only(desk: dict[str, Any]) -> None:
    entry = AccessLog.objects.first()
    assert entry is not None
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.update(action="view")


def test_supervisor_sees_who_read_the_case(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    case = desk["own"]["case"]
    reader = signed_in(desk["own_worker"])
    reader.get(reverse("support:case-detail", args=[case.pk]))
    supervisor = signed_in(member("case_worker", orgs["own"], supervisor=True))
    page = supervisor.get(reverse("support:case-history", args=[case.pk])).content.decode()
    assert desk["own_worker"].username in page and "Viewed" in page and "127.0.0.1" in page


def test_emergency_justification_must_not_name_the_worker(desk: dict[str, Any]) -> None:
    case = desk["own"]["case"]
    actor = Actor(desk["own_worker"])
    for text in (f"For {SECRET_NAME}", f"Fired by {SECRET_EMPLOYER.upper()}", f"Call {SECRET_CONTACT}"):
        with pytest.raises(services.SupportError):
            services.request_emergency(actor, case, "food", Decimal("50"), text)


def test_no_email_leaves_the_case_desk(desk: dict[str, Any]) -> None:
    client = signed_in(desk["own_worker"])
    client.get(reverse("support:case-detail", args=[desk["own"]["case"].pk]))
    assert mail.outbox == []


def test_supervisor_sees_the_receivers_reads_too(orgs: dict[str, Any], desk: dict[str, Any]) -> None:
    referral = desk["own"]["referral"]
    receiver = member("case_worker", orgs["third"])
    signed_in(receiver).get(reverse("support:referral-detail", args=[referral.pk]))
    supervisor = signed_in(member("case_worker", orgs["own"], supervisor=True))
    page = supervisor.get(reverse("support:case-history", args=[referral.case_id])).content.decode()
    assert receiver.username in page
    # The other organization's supervisor sees nothing of it.
    other_supervisor = signed_in(member("case_worker", orgs["other"], supervisor=True))
    assert other_supervisor.get(reverse("support:case-history", args=[referral.case_id])).status_code == 404
    assert (
        not AccessLog.objects.visible_to(member("case_worker", orgs["other"], supervisor=True))
        .filter(case_id=referral.case_id)
        .exists()
    )
