"""Results against figures worked out by hand: reach per province from events, the helpline and cases;
the denominators from positions or a coordinator's own count; what the public summary leaves out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from bettertogether.core.periods import parse_period
from bettertogether.outreach import services as outreach
from bettertogether.outreach.tests.factories import EventFactory
from bettertogether.positions.tests.factories import ApprovedPositionFactory, ImportRunFactory
from bettertogether.program import services
from bettertogether.program.results import partner_reach, public_summary, results
from bettertogether.support import services as support
from bettertogether.support.audit import Actor
from bettertogether.support.tests.factories import member

from .factories import agreement

pytestmark = pytest.mark.django_db

LMIA = parse_period("2021Q3-2021Q4")


def _held(org: Any, province: str, people: list[dict[str, str]], anonymous: int = 0) -> None:
    start = timezone.now() - dt.timedelta(days=10)
    event = EventFactory(organization=org, province=province, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    ids = [
        outreach.register(event.pk, consent_text="c", now=start - dt.timedelta(days=1), **p).registration.pk
        for p in people
    ]
    outreach.record_attendance(event.pk, present_registration_ids=ids, anonymous_count=anonymous)


@pytest.fixture
def world(orgs: dict[str, Any]) -> dict[str, Any]:
    own = orgs["own"]
    # Events: NS — Ana, Ben and 2 anonymous; NB — Ana again and Chen. PE: none.
    _held(own, "NS", [{"name": "Ana", "phone": "902-555-0101"}, {"name": "Ben", "email": "ben@example.org"}], 2)
    _held(own, "NB", [{"name": "Ana", "phone": "9025550101"}, {"name": "Chen"}])
    # Helpline: 7 in NS, 3 in NB (withheld by the statistics: 1–5), 6 in PE. Cases: 6 in NS.
    actor = Actor(user=member("case_worker", own))
    for province, n in (("NS", 7), ("NB", 3), ("PE", 6)):
        for _ in range(n):
            support.log_helpline_contact(
                actor, support.HelplineEntry(channel="phone", language="es", province=province)
            )
    for i in range(6):
        support.open_case(actor, support.Intake(worker_name=f"W{i}", language="es", province="NS", consent_given=True))
    # Positions: 2021Q3 NS 40 + 60, NB 25; 2021Q4 PE 30; and a 2022Q1 row outside the period.
    q3 = ImportRunFactory()
    q4 = ImportRunFactory(period="2021Q4", period_start=dt.date(2021, 10, 1), period_end=dt.date(2021, 12, 31))
    q1 = ImportRunFactory(period="2022Q1", period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 3, 31))
    ApprovedPositionFactory(run=q3, province="NS", positions=40)
    ApprovedPositionFactory(run=q3, province="NS", positions=60)
    ApprovedPositionFactory(run=q3, province="NB", positions=25)
    ApprovedPositionFactory(run=q4, province="PE", positions=30)
    ApprovedPositionFactory(run=q1, province="NS", positions=1000)
    agreement(own, status="active")
    agreement(orgs["other"], status="closed", title="Other project")
    agreement(orgs["other"], kind="transitional", status="closed", title="Transitional")
    agreement(orgs["other"], status="draft", title="Not signed")
    return orgs


def _reached_in() -> Any:
    today = timezone.localdate()
    return parse_period(f"{today.year - 1}Q1-{today.year}Q4")


def test_reach_per_province_against_hand_worked_figures(world: dict[str, Any]) -> None:
    data = results(LMIA, _reached_in())
    by = {p["province"]: p for p in data["provinces"]}
    # NS: 4 unique people at events + 7 helpline contacts + 6 cases = 17 of 100 positions.
    assert (by["NS"]["events_people"], by["NS"]["helpline_contacts"], by["NS"]["cases"]) == (4, 7, 6)
    assert by["NS"]["reached"] == 17 and by["NS"]["denominator"] == 100 and by["NS"]["share"] == 0.17
    # NB: Ana and Chen; the 3 helpline contacts are withheld (1–5) and count as 0: 2 of 25.
    assert by["NB"]["reached"] == 2 and by["NB"]["withheld"] and by["NB"]["share"] == 0.08
    # PE: 6 helpline contacts of 30 positions.
    assert by["PE"]["reached"] == 6 and by["PE"]["denominator"] == 30 and by["PE"]["share"] == 0.2
    assert not any(p["met"] for p in data["provinces"])
    # Signed, active or closed, transitional not counted: 2 against 4–6.
    assert data["agreements"]["value"] == 2 and data["agreements"]["target"] == "4–6"
    assert not data["agreements"]["met"]


def test_a_coordinators_denominator_replaces_the_positions(world: dict[str, Any]) -> None:
    services.set_denominator("NS", "2021Q3", "2021Q4", value=34, source="IRCC work permit holders", by=None)
    ns = results(LMIA, _reached_in())["provinces"][0]
    assert ns["denominator"] == 34 and ns["positions"] == 100 and ns["share"] == 0.5 and ns["met"]
    assert ns["denominator_source"] == "IRCC work permit holders" and ns["denominator_entered"]
    # Another LMIA period is not affected; withdrawing brings the positions back.
    assert results(parse_period("2021Q3"), _reached_in())["provinces"][0]["denominator"] == 100
    services.set_denominator("NS", "2021Q3", "2021Q4", value=None, source="", by=None)
    assert results(LMIA, _reached_in())["provinces"][0]["denominator"] == 100
    with pytest.raises(ValueError):
        services.set_denominator("NS", "2021Q3", "2021Q4", value=10, source=" ", by=None)


def test_a_period_before_the_activity_reaches_nobody(world: dict[str, Any]) -> None:
    data = results(LMIA, parse_period("2019"))
    assert [p["reached"] for p in data["provinces"]] == [0, 0, 0]


def test_public_summary_has_no_partner_detail(world: dict[str, Any]) -> None:
    data = results(LMIA, _reached_in())
    summary = public_summary(data)
    assert "Own Centre" not in repr(summary) and "Other Centre" not in repr(summary)
    assert not {"helpline_contacts", "cases", "events_people", "positions"} & set(summary["provinces"][0])
    assert set(summary) == {"period", "reached_in", "definitions", "agreements", "provinces"}
    assert [p["reached"] for p in summary["provinces"]] == [17, 2, 6]
    rows = partner_reach(_reached_in())
    assert rows == [
        {"organization": "Other Centre", "events": 0, "unique_people": 0},
        {"organization": "Own Centre", "events": 2, "unique_people": 3 + 2},
    ]


def test_partner_reach_names_each_organization_in_the_readers_language(world: dict[str, Any]) -> None:
    own = world["own"]
    own.name_fr = "Centre propre"
    own.save()
    with translation.override("fr"):
        names = [row["organization"] for row in partner_reach(_reached_in())]
    assert names == ["Centre propre", "Other Centre"]
    with translation.override("en"):
        assert [row["organization"] for row in partner_reach(_reached_in())] == ["Other Centre", "Own Centre"]
