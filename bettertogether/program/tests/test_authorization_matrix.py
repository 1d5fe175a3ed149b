"""Every program URL × every role → the expected status, generated from urls.py: a new URL without a row
in EXPECTED fails `test_every_url_has_expectations`. Another organization's agreement is a 404."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from bettertogether.program import services, services_records, urls
from bettertogether.program.models import Milestone
from bettertogether.support.tests.factories import member, signed_in

from .factories import agreement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"

ROLES = [
    "anonymous",
    "partner_staff",
    "partner_without_organization",
    "case_worker",
    "coordinator",
    "funder_approver",
    "administrator",
]
PROGRAM_STAFF = {"anonymous": 302, "coordinator": 200, "administrator": 200} | dict.fromkeys(
    ("partner_staff", "partner_without_organization", "case_worker", "funder_approver"), 404
)
PROGRAM_WRITE = PROGRAM_STAFF | {"coordinator": 302, "administrator": 302}
OWN_ORGANIZATION = PROGRAM_STAFF | {"partner_staff": 200, "case_worker": 200}
EVERYONE = dict.fromkeys(ROLES, 200)
# The agreement's own organization writes its reports (then is sent back to the report page).
PARTNER_WRITE = dict.fromkeys(ROLES, 404) | {"anonymous": 302, "partner_staff": 302, "case_worker": 302}

# name → (method, expected per role)
EXPECTED: dict[str, tuple[str, dict[str, int]]] = {
    "overview": ("get", EVERYONE),
    "results": ("get", PROGRAM_STAFF),
    "results-download": ("get", PROGRAM_STAFF),
    "denominator": ("post", PROGRAM_WRITE),
    "agreements": ("get", OWN_ORGANIZATION),
    "agreement-new": ("get", PROGRAM_STAFF),
    "agreement": ("get", OWN_ORGANIZATION),
    "agreement-status": ("post", PROGRAM_WRITE),
    "agreement-amend": ("post", PROGRAM_WRITE),
    "visit-new": ("get", PROGRAM_STAFF),
    "visit": ("get", OWN_ORGANIZATION),
    "action-add": ("post", PROGRAM_WRITE),
    "action-status": ("post", PROGRAM_WRITE),
    "overdue": ("get", PROGRAM_STAFF),
    "report-schedule": ("get", PROGRAM_STAFF),
    "report": ("get", OWN_ORGANIZATION),
    "report-save": ("post", PARTNER_WRITE),
    "report-submit": ("post", PARTNER_WRITE),
    "report-review": ("post", PROGRAM_WRITE),
    "milestones": ("get", PROGRAM_STAFF),
    "milestone-status": ("post", PROGRAM_WRITE),
    "document-upload": ("post", PROGRAM_WRITE),
    "document": ("get", OWN_ORGANIZATION),
    "document-delete": ("post", PROGRAM_WRITE),
    "knowledge": ("get", PROGRAM_STAFF),
    "evaluation-new": ("get", PROGRAM_STAFF),
    "evaluation": ("get", PROGRAM_STAFF),
    "evaluation-edit": ("get", PROGRAM_STAFF),
    "advocacy": ("get", PROGRAM_STAFF),
    "advocacy-new": ("get", PROGRAM_STAFF),
    "advocacy-edit": ("get", PROGRAM_STAFF),
}


def patterns() -> list[URLPattern]:
    return [p for p in urls.urlpatterns if isinstance(p, URLPattern)]


def test_every_url_has_expectations() -> None:
    names = {p.name for p in patterns()}
    assert names == set(EXPECTED), f"add rows for {names - set(EXPECTED)}, drop {set(EXPECTED) - names}"


@pytest.fixture
def objects(orgs: dict[str, Any], settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    objects = {
        "own": agreement(orgs["own"], status="active"),
        "other": agreement(orgs["other"], status="active", title="Other"),
        "milestone": Milestone.objects.create(key="m", starts_on=dt.date(2024, 12, 1), title="Event"),
    }
    for which in ("own", "other"):
        visit = services.record_visit(
            objects[which].pk,
            services.VisitInput(kind="meeting", held_on=dt.date(2024, 9, 1), place="Halifax", attendees="A"),
            by=None,
        )
        objects[f"{which}-visit"] = visit
        objects[f"{which}-action"] = services.add_action(
            visit.pk, description="Call", owner="Ana", due_on=dt.date(2024, 9, 30), by=None
        )
        objects[f"{which}-report"] = services.schedule_report(
            objects[which].pk,
            period_start=dt.date(2024, 4, 1),
            period_end=dt.date(2024, 9, 30),
            due_on=dt.date(2024, 10, 31),
            by=None,
        )
        objects[f"{which}-document"] = services_records.upload_document(
            objects[which].pk,
            kind="signed_agreement",
            title="Signed",
            fileobj=io.BytesIO(PDF),
            filename="signed.pdf",
            size=len(PDF),
            by=None,
        )
    objects["evaluation"] = services_records.save_evaluation(
        services_records.EvaluationInput(held_on=dt.date(2024, 3, 20), title="E", evaluator="X", findings="F"), by=None
    )
    objects["advocacy"] = services_records.save_advocacy(
        services_records.AdvocacyInput(held_on=dt.date(2024, 3, 1), kind="meeting", body="B", subject="S"), by=None
    )
    return objects


def _records_url(name: str, objects: dict[str, Any], which: str) -> str | None:
    if name == "document-upload":
        return reverse(f"program:{name}", args=[objects[which].pk])
    if name in ("document", "document-delete"):
        return reverse(f"program:{name}", args=[objects[f"{which}-document"].pk])
    if name in ("evaluation", "evaluation-edit"):
        return reverse(f"program:{name}", args=[objects["evaluation"].pk])
    if name == "advocacy-edit":
        return reverse(f"program:{name}", args=[objects["advocacy"].pk])
    return None


def _url(name: str, objects: dict[str, Any], which: str = "own") -> str:
    records_url = _records_url(name, objects, which)
    if records_url is not None:
        return records_url
    if name == "results-download":
        return reverse("program:results-download", args=["csv"])
    if (
        name.startswith("agreement")
        and name not in ("agreements", "agreement-new")
        or name
        in (
            "visit-new",
            "report-schedule",
        )
    ):
        return reverse(f"program:{name}", args=[objects[which].pk])
    if name in ("visit", "action-add"):
        return reverse(f"program:{name}", args=[objects[f"{which}-visit"].pk])
    if name.startswith("report") and name != "report-schedule":
        return reverse(f"program:{name}", args=[objects[f"{which}-report"].pk])
    if name == "action-status":
        return reverse(f"program:{name}", args=[objects[f"{which}-action"].pk])
    if name == "milestone-status":
        return reverse("program:milestone-status", args=[objects["milestone"].pk])
    return reverse(f"program:{name}")


def _client(role: str, orgs: dict[str, Any]) -> Client:
    if role == "anonymous":
        return Client()
    if role == "partner_without_organization":
        return signed_in(member("partner_staff"))
    if role in ("partner_staff", "case_worker"):
        return signed_in(member(role, orgs["own"]))
    return signed_in(member(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, orgs: dict[str, Any], objects: dict[str, Any]) -> None:
    method, expected = EXPECTED[name]
    client = _client(role, orgs)
    response = getattr(client, method)(_url(name, objects))
    assert response.status_code == expected[role], (name, role, response.status_code)
    if role == "anonymous" and expected[role] == 302:
        assert response["Location"].startswith(reverse("login"))
    if name != "overview" and response.status_code == 200:
        assert "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "name",
    [
        "agreement",
        "agreement-status",
        "agreement-amend",
        "visit",
        "report",
        "report-save",
        "report-submit",
        "document",
    ],
)
@pytest.mark.parametrize("role", ["partner_staff", "case_worker"])
def test_another_organizations_agreement_is_not_found(
    name: str, role: str, orgs: dict[str, Any], objects: dict[str, Any]
) -> None:
    client = _client(role, orgs)
    method = EXPECTED[name][0]
    assert getattr(client, method)(_url(name, objects, "other")).status_code == 404
    listing = client.get(reverse("program:agreements")).content.decode()
    assert "Rights sessions" in listing and ">Other<" not in listing


READ_ONLY = [
    n
    for n, (method, _) in EXPECTED.items()
    if method == "get"
    and n
    not in (
        "overview",
        "agreement-new",
        "visit-new",
        "report-schedule",
        "evaluation-new",
        "evaluation-edit",
        "advocacy-new",
        "advocacy-edit",
    )
]


@pytest.mark.parametrize("name", READ_ONLY)
def test_pages_refuse_writes(name: str, orgs: dict[str, Any], objects: dict[str, Any]) -> None:
    assert signed_in(member("coordinator")).post(_url(name, objects)).status_code == 405
