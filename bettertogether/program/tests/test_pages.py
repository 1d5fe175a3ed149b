"""The pages as their users use them: the public program page from data, the results with their
definitions, CSV and PDF (read back), denominators, agreements and amendments, milestones, the staff home."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.program.models import Amendment, Denominator, Milestone, SubAgreement, Visit
from bettertogether.program.report import pdf_available
from bettertogether.staff.home import home_for
from bettertogether.support.tests.factories import member, signed_in

from .factories import agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(db: Any) -> Client:
    return signed_in(member("coordinator"))


@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl"])
def test_public_page_renders_in_each_language_without_cookies(client: Client, lang: str) -> None:
    response = client.get(f"/{lang}/program/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response.cookies == {} and not response.has_header("Set-Cookie")


def test_public_page_shows_timeline_partners_and_results_from_data(client: Client) -> None:
    OrganizationFactory(name="Cooper Institute", name_en="Cooper Institute", is_program_partner=True)
    OrganizationFactory(name="Not a partner", name_en="Not a partner", is_program_partner=False)
    OrganizationFactory(name="<b>Partner</b>", name_en="<b>Partner</b>", is_program_partner=True)
    html = client.get("/en/program/").content.decode()
    assert "The timeline is being prepared." in html  # nothing in the template: the milestones are data
    Milestone.objects.create(
        key="k",
        starts_on=dt.date(2024, 12, 1),
        title="<i>Virtual</i> half-day event",
        title_en="<i>Virtual</i> half-day event",
        title_fr="Demi-journée virtuelle",
        status="done",
    )
    Milestone.objects.create(key="p", starts_on=dt.date(2025, 3, 1), title="Evaluation", title_en="Evaluation")
    html = client.get("/en/program/").content.decode()
    assert "Cooper Institute" in html and "Not a partner" not in html
    assert "&lt;b&gt;Partner&lt;/b&gt;" in html and "<b>Partner" not in html and "&lt;i&gt;Virtual" in html
    assert "December 2024" in html and 'Evaluation <span class="status">Planned</span>' in html
    assert "funded by the Government of Canada's Migrant Worker Support Program" in html
    assert "Sub-agreements signed: 0 (target 4–6)." in html and "Share reached" in html
    assert "Definition:" in html
    fr = client.get("/fr/program/").content.decode()
    assert "Demi-journée virtuelle" in fr and "décembre 2024" in fr.lower()


def test_results_page_shows_each_definition_beside_its_figure(coordinator: Client) -> None:
    response = coordinator.get("/en/program/results/?from=2021Q3&to=2022Q2&reached_from=2023Q2&reached_to=2024Q1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reached during 2023Q2-2024Q1; migrant workers from the LMIA period 2021Q3-2022Q2" in html
    for phrase in (
        "Sub-agreements signed with partner organizations",
        "unique people at events",
        "Reached ÷ denominator",
    ):
        assert phrase in html
    assert (
        'href="/en/program/results.csv?from=2021Q3&amp;to=2022Q2&amp;reached_from=2023Q2&amp;reached_to=2024Q1"' in html
    )


@pytest.mark.parametrize("query", ["from=2031Q9", "reached_from=2024Q2&reached_to=2023Q1", "reached_from=abc"])
def test_bad_periods_are_named_and_the_defaults_shown(coordinator: Client, query: str) -> None:
    response = coordinator.get(f"/en/program/results/?{query}")
    assert response.status_code == 400 and "the defaults are shown instead" in response.content.decode()
    assert coordinator.get(f"/en/program/results.csv?{query}").status_code == 400


def test_csv_has_a_row_per_indicator_with_its_definition(coordinator: Client, orgs: dict[str, Any]) -> None:
    agreement(orgs["own"], status="active")
    response = coordinator.get("/en/program/results.csv?from=2021Q3&to=2022Q2")
    assert response["Content-Disposition"] == 'attachment; filename="program-results-2021Q3-2022Q2.csv"'
    rows = response.content.decode().splitlines()
    assert rows[0].startswith("indicator,province,value,numerator,denominator,target,baseline,definition,source")
    assert rows[1].startswith('sub_agreements,,1,,,4–6,0,"Sub-agreements signed')
    assert [r.split(",")[1] for r in rows[2:]] == ["NS", "NB", "PE"]
    assert all("Reached ÷ denominator" in r for r in rows[2:])


def test_pdf_is_rendered_and_reads_back(coordinator: Client) -> None:
    ok, reason = pdf_available()
    if not ok:
        pytest.skip(reason)

    Denominator.objects.create(
        province="PE", period_from="2021Q3", period_to="2022Q2", value=2000, source="IRCC permits"
    )
    response = coordinator.get("/en/program/results.pdf?from=2021Q3&to=2022Q2")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for phrase in (
        "program results",
        "Nova Scotia",
        "Prince Edward Island",
        "2,000",
        "IRCC permits",
        "Reached ÷ denominator",
        "4–6",
    ):
        assert phrase in text, phrase


def test_a_coordinator_enters_and_withdraws_a_denominator(coordinator: Client) -> None:
    url = reverse("program:denominator")
    form = {"province": "NB", "period_from": "2021Q3", "period_to": "2022Q2", "value": "4200", "source": "IRCC, 2022"}
    response = coordinator.post(url, form)
    assert response.status_code == 302 and response["Location"] == "/en/program/results/?from=2021Q3&to=2022Q2"
    html = coordinator.get(response["Location"]).content.decode()
    assert "4,200" in html and "IRCC, 2022" in html and "Denominator saved." in html
    for bad in ({"source": ""}, {"source": "IRCC\x07"}, {"value": "-3"}, {"period_from": "2021Q9"}):
        coordinator.post(url, form | bad)
        assert Denominator.objects.get().source == "IRCC, 2022"
    coordinator.post(url, form | {"value": "", "source": ""})
    assert not Denominator.objects.exists()


def test_a_coordinator_records_moves_and_extends_an_agreement(coordinator: Client, orgs: dict[str, Any]) -> None:
    new = coordinator.post(
        reverse("program:agreement-new"),
        {
            "organization": str(orgs["own"].pk),
            "kind": "new",
            "title": "Rights sessions in Kings County",
            "starts_on": "2023-04-01",
            "ends_on": "2024-03-31",
            "amount": "45000",
            "deliverables": "Twelve sessions",
        },
    )
    made = SubAgreement.objects.get()
    assert new["Location"] == reverse("program:agreement", args=[made.pk]) and made.status == "draft"
    bad = coordinator.post(
        reverse("program:agreement-new"),
        {
            "organization": str(orgs["own"].pk),
            "kind": "new",
            "title": "x",
            "starts_on": "2024-04-01",
            "ends_on": "2023-03-31",
            "amount": "1",
        },
    )
    assert bad.status_code == 400 and SubAgreement.objects.count() == 1
    status_url = reverse("program:agreement-status", args=[made.pk])
    coordinator.post(status_url, {"status": "closed"})  # refused: a draft is not closed
    made.refresh_from_db()
    assert made.status == "draft"
    assert (
        "cannot move to that status" in coordinator.get(reverse("program:agreement", args=[made.pk])).content.decode()
    )
    for step in ("signed", "active"):
        coordinator.post(status_url, {"status": step, "reason": "ok"})
    made.refresh_from_db()
    assert made.status == "active"
    coordinator.post(
        reverse("program:agreement-amend", args=[made.pk]),
        {"signed_on": "2024-04-01", "ends_on": "2025-03-31", "amount": "70000", "reason": "April 2024 extension"},
    )
    amendment = Amendment.objects.get()
    assert amendment.kind == "extension" and amendment.previous_ends_on == dt.date(2024, 3, 31)
    html = coordinator.get(reverse("program:agreement", args=[made.pk])).content.decode()
    assert "2024-03-31 → 2025-03-31" in html and "45000.00 → 70000.00" in html and "Draft → Signed" in html


def test_a_partner_sees_their_agreement_without_the_coordinators_controls(orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"], status="active")
    html = (
        signed_in(member("partner_staff", orgs["own"]))
        .get(reverse("program:agreement", args=[made.pk]))
        .content.decode()
    )
    assert "Rights sessions" in html and "Change the status" not in html and "Record an amendment" not in html


def test_milestones_move_from_the_timeline_page(coordinator: Client) -> None:
    m = Milestone.objects.create(key="m", starts_on=dt.date(2024, 12, 1), title="Knowledge sharing")
    coordinator.post(reverse("program:milestone-status", args=[m.pk]), {"status": "done"})
    m.refresh_from_db()
    assert m.status == "done"
    coordinator.post(reverse("program:milestone-status", args=[m.pk]), {"status": "planned"})
    m.refresh_from_db()
    assert m.status == "done"


def test_staff_home_counts(orgs: dict[str, Any]) -> None:
    agreement(orgs["own"], status="active")
    agreement(orgs["other"], status="draft", title="Other")
    coordinator = member("coordinator")
    section = next(s for s in home_for(coordinator).sections if s.key == "program")
    counts = {i.label: i.count for i in section.items}
    assert counts["Active sub-agreements"] == 1 and counts["Sub-agreements in draft"] == 1
    partner = member("partner_staff", orgs["own"])
    mine = next(s for s in home_for(partner).sections if s.key == "program")
    assert {i.label: i.count for i in mine.items}["Sub-agreements"] == 1
    assert not any(s.key == "program" for s in home_for(member("funder_approver")).sections)
    html = signed_in(coordinator).get("/en/staff/").content.decode()
    assert 'href="/en/program/results/"' in html


def test_load_demo_gives_the_real_timeline_and_the_six_extended_agreements(db: Any) -> None:
    for _ in range(2):  # idempotent
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    assert Milestone.objects.count() == 12
    assert Milestone.objects.first().starts_on == dt.date(2022, 10, 1)
    assert Milestone.objects.last().title_en == "Virtual half-day knowledge-sharing event."
    agreements = SubAgreement.objects.select_related("organization")
    assert sorted(a.organization.name for a in agreements) == sorted(
        [
            "Centre for Migrant Worker Rights Nova Scotia",
            "YMCA of Greater Halifax/Dartmouth",
            "Madhu Verma Migrant Justice Centre",
            "Miramichi Regional Multicultural Association",
            "PEI Community Navigators",
            "Cooper Institute",
        ]
    )
    assert all(a.amendments.get().kind == "extension" and a.ends_on == dt.date(2025, 3, 31) for a in agreements)
    visits = Visit.objects.all()
    assert len(visits) == 6 and all(dt.date(2024, 8, 1) <= v.held_on <= dt.date(2024, 12, 31) for v in visits)
    assert all(v.kind == "site_visit" and v.actions.get().status == "done" for v in visits)
    assert all(a.reports.get().status == "accepted" and a.reports.get().figures.count() == 6 for a in agreements)
