"""Retention purge keeps aggregates; statistics suppress small counts; key rotation keeps data readable;
the state tables refuse what they do not declare."""

import datetime as dt
import json
from dataclasses import asdict
from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bettertogether.core.periods import Period
from bettertogether.support import crypto, services, workflows
from bettertogether.support.audit import Actor
from bettertogether.support.models import AccessLog, Case, CaseNote, FollowUp, HelplineContact
from bettertogether.support.retention import purge
from bettertogether.support.statistics import Count, case_statistics, suppress

from .factories import SECRET_NAME, SECRET_NOTE, fill_case, member, signed_in

YEAR = timezone.localdate().year


def _close(case: Case, worker: Any, days_ago: int) -> None:
    services.close_case(Actor(worker), case, "resolved", now=timezone.now() - dt.timedelta(days=days_ago))


def test_purge_dry_run_then_real_keeps_aggregates(desk: dict[str, Any], orgs: dict[str, Any], settings: Any) -> None:
    settings.BT_CASE_RETENTION_DAYS = 365
    worker = desk["own_worker"]
    old, recent = desk["own"]["case"], fill_case(worker)["case"]
    _close(old, worker, 400)
    _close(recent, worker, 30)
    before = case_statistics(Period.year(YEAR))
    now = timezone.now()

    counts = purge(now, dry_run=True)
    assert counts == {"cases": 1, "notes": 1, "follow_ups": 1}
    assert Case.objects.get(pk=old.pk).worker_name == SECRET_NAME  # nothing changed

    out = StringIO()
    call_command("purge_expired", stdout=out)
    line = next(json.loads(x) for x in out.getvalue().splitlines() if '"support"' in x)
    assert line["cases"] == 1 and line["dry_run"] is False
    old = Case.objects.get(pk=old.pk)
    assert old.anonymized_at is not None
    assert (old.worker_name, old.contact, old.employer) == ("", "", "")
    assert not CaseNote.objects.filter(case=old).exists() and not FollowUp.objects.filter(case=old).exists()
    assert Case.objects.get(pk=recent.pk).worker_name == SECRET_NAME  # within retention: kept
    assert case_statistics(Period.year(YEAR)) == before  # the aggregates survive
    assert AccessLog.objects.filter(action="anonymize", object_id=str(old.pk)).exists()
    assert purge(now, dry_run=True)["cases"] == 0  # re-running finds nothing more


def test_statistics_suppress_counts_from_one_to_five(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    period = Period.year(YEAR)
    assert case_statistics(period).cases.total == 0
    for _ in range(3):
        services.open_case(
            Actor(worker), services.Intake(worker_name="x", language="tl", province="PE", issue_types=["housing"])
        )
    stats = case_statistics(period, orgs["own"])
    assert stats.cases.total is None
    assert stats.cases.province == [Count("PE", None)]
    for _ in range(3):
        services.open_case(Actor(worker), services.Intake(worker_name="x", language="tl", province="PE"))
    stats = case_statistics(period, orgs["own"])
    assert stats.cases.total == 6 and stats.cases.province == [Count("PE", 6)]
    assert stats.cases.topic == [Count("housing", None)]
    assert case_statistics(period, orgs["other"]).cases.total == 0
    assert stats.referrals_sent == 0 and stats.emergencies_approved == 0
    assert [suppress(n) for n in (0, 1, 5, 6)] == [0, None, None, 6]
    # Nothing but counts: no row, no name.
    assert SECRET_NAME not in json.dumps(asdict(stats), default=str) and "x" not in [
        r.key for r in stats.cases.language
    ]


def test_helpline_contacts_are_counted(orgs: dict[str, Any]) -> None:
    staff = member("partner_staff", orgs["own"])
    for _ in range(7):
        services.log_helpline_contact(
            Actor(staff), services.HelplineEntry(channel="whatsapp", language="es", province="NS", topics=["health"])
        )
    stats = case_statistics(Period.year(YEAR)).helpline_contacts
    assert stats.total == 7 and stats.topic == [Count("health", 7)]
    assert HelplineContact.objects.visible_to(staff).count() == 7
    assert HelplineContact.objects.visible_to(member("partner_staff", orgs["other"])).count() == 0


def test_referrals_sent_and_emergencies_approved_are_counted(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    funder = Actor(member("funder_approver"))
    made = [fill_case(worker, to_org=orgs["third"]) for _ in range(6)]
    for objects in made[:5]:
        services.decide_emergency(funder, objects["emergency"], True, "Approved")
    services.decide_emergency(funder, made[5]["emergency"], False, "Declined")
    stats = case_statistics(Period.year(YEAR), orgs["own"])
    assert stats.referrals_sent == 6
    assert stats.emergencies_approved is None  # 5 approved: withheld
    services.decide_emergency(funder, fill_case(worker)["emergency"], True, "Approved")
    assert case_statistics(Period.year(YEAR), orgs["own"]).emergencies_approved == 6
    assert case_statistics(Period.year(YEAR), orgs["third"]).referrals_sent == 0


def _raw_note_token(note_id: Any) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT text FROM support_casenote WHERE id = %s",
            [note_id.hex if connection.vendor == "sqlite" else note_id],
        )
        return str(cursor.fetchone()[0])


def test_key_rotation_keeps_data_readable(desk: dict[str, Any], settings: Any) -> None:
    old_key = settings.BT_FIELD_KEYS[0]
    note = desk["own"]["note"]
    token_before = _raw_note_token(note.pk)
    new_key = Fernet.generate_key().decode()
    settings.BT_FIELD_KEYS = [new_key, old_key]
    call_command("rotate_field_keys", stdout=StringIO())
    token_after = _raw_note_token(note.pk)
    assert token_after != token_before
    settings.BT_FIELD_KEYS = [new_key]  # the old key is retired
    assert CaseNote.objects.get(pk=note.pk).text == SECRET_NOTE
    assert Case.objects.get(pk=desk["own"]["case"].pk).worker_name == SECRET_NAME
    settings.BT_FIELD_KEYS = [old_key]  # and the old key alone no longer reads the data
    with pytest.raises(Exception, match="BT_FIELD_KEYS"):
        CaseNote.objects.get(pk=note.pk)


def test_missing_keys_refuse_to_store(settings: Any) -> None:
    settings.BT_FIELD_KEYS = []
    with pytest.raises(Exception, match="BT_FIELD_KEYS"):
        crypto.encrypt("anything")


def test_state_tables_refuse_undeclared_moves() -> None:
    assert workflows.REFERRAL.advance("sent", "accept", "receiver") == "accepted"
    with pytest.raises(workflows.TransitionRefused):
        workflows.REFERRAL.advance("sent", "accept", "owner")  # the sender cannot accept its own referral
    with pytest.raises(workflows.TransitionRefused):
        workflows.EMERGENCY.advance("approved", "decline", "approver")
    with pytest.raises(workflows.TransitionRefused):
        workflows.CASE.advance("closed", "close", "owner")


def test_cases_are_assigned_within_the_organization(desk: dict[str, Any], orgs: dict[str, Any]) -> None:
    case = desk["own"]["case"]
    with pytest.raises(services.SupportError):
        services.assign_case(Actor(desk["own_worker"]), case, desk["other_worker"])
    colleague = member("case_worker", orgs["own"])
    assert services.assign_case(Actor(desk["own_worker"]), case, colleague).assigned_to == colleague
    with pytest.raises(services.SupportError):
        services.add_note(Actor(desk["other_worker"]), case, "not mine")


def test_statistics_page_shows_every_breakdown_of_the_year(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    for _ in range(6):
        services.open_case(
            Actor(worker), services.Intake(worker_name="x", language="tl", province="PE", issue_types=["housing"])
        )
    page = signed_in(member("coordinator")).get(reverse("support:statistics"), {"year": YEAR}).content.decode()
    for caption in ("By province", "By language", "By organization", "By topic"):
        assert caption in page
    assert page.count("<td>6</td>") == 4  # six cases: one row in each of the four breakdowns
    assert str(orgs["own"].name) in page
