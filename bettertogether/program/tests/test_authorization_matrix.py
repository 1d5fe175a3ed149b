"""Every program URL × every role → the expected status, generated from urls.py: a new URL without a row
in EXPECTED fails `test_every_url_has_expectations`. Another organization's agreement is a 404."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from bettertogether.program import calls_services as cs
from bettertogether.program import services, services_records, urls
from bettertogether.program.calls_models import Application
from bettertogether.program.models import Milestone
from bettertogether.support.tests.factories import member, signed_in

from .factories import agreement
from .factories_calls import PDF, application, call

pytestmark = pytest.mark.django_db


ROLES = [
    "anonymous",
    "reviewer",
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

# Calls for proposals. "reviewer" is a funder approver assigned to the call (elsewhere the same as any
# funder approver); the own organization's application has been screened eligible.
CALLS_OFFICE = PROGRAM_STAFF | {"reviewer": 200}
CALLS_WRITE = PROGRAM_WRITE | {"reviewer": 302}
APPLICATION_READ = OWN_ORGANIZATION | {"reviewer": 200}
# Only partner staff of the application's organization write it (sent back to its page).
APPLICANT_WRITE = dict.fromkeys(ROLES, 404) | {"anonymous": 302, "partner_staff": 302}

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
    "calls": ("get", EVERYONE),
    "call": ("get", EVERYONE),
    "calls-office": ("get", CALLS_OFFICE),
    "call-new": ("get", PROGRAM_STAFF),
    "call-apply": ("post", APPLICANT_WRITE),
    "call-status": ("post", PROGRAM_WRITE),
    "call-reviewers": ("post", PROGRAM_WRITE),
    "call-applications": ("get", CALLS_OFFICE),
    "call-ranking": ("get", PROGRAM_STAFF),
    "application": ("get", APPLICATION_READ),
    "application-save": ("post", APPLICANT_WRITE),
    "application-attach": ("post", APPLICANT_WRITE),
    "application-submit": ("post", APPLICANT_WRITE),
    "attachment": ("get", APPLICATION_READ),
    "attachment-remove": ("post", APPLICANT_WRITE),
    "application-screen": ("post", PROGRAM_WRITE),
    "application-review": ("get", CALLS_OFFICE),
    "application-conflict": ("post", CALLS_WRITE),
    "application-decide": ("post", PROGRAM_WRITE),
    "application-agreement": ("post", PROGRAM_WRITE),
}
PUBLIC = ("overview", "calls", "call")


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
        "reviewer": member("funder_approver"),
    }
    objects["call"] = call(reviewers=(objects["reviewer"],))
    for which in ("own", "other"):
        made = application(objects["call"], orgs[which], status="eligible")
        objects[f"{which}-application"] = made
        Application.objects.filter(pk=made.pk).update(status="draft")
        objects[f"{which}-attachment"] = cs.attach(made.pk, io.BytesIO(PDF), "plan.pdf", len(PDF), by=None)
        Application.objects.filter(pk=made.pk).update(status="eligible")
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


def _calls_url(name: str, objects: dict[str, Any], which: str) -> str:
    if name.startswith("call") and name not in ("calls", "calls-office", "call-new"):
        return reverse(f"program:{name}", args=[objects["call"].slug])
    if name.startswith("application"):
        return reverse(f"program:{name}", args=[objects[f"{which}-application"].pk])
    if name.startswith("attachment"):
        return reverse(f"program:{name}", args=[objects[f"{which}-attachment"].pk])
    return reverse(f"program:{name}")


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
    if name.startswith(("call", "application", "attachment")):
        return _calls_url(name, objects, which)
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


def _client(role: str, orgs: dict[str, Any], objects: dict[str, Any] | None = None) -> Client:
    if role == "anonymous":
        return Client()
    if role == "reviewer":
        assert objects is not None
        return signed_in(objects["reviewer"])
    if role == "partner_without_organization":
        return signed_in(member("partner_staff"))
    if role in ("partner_staff", "case_worker"):
        return signed_in(member(role, orgs["own"]))
    return signed_in(member(role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_matrix(name: str, role: str, orgs: dict[str, Any], objects: dict[str, Any]) -> None:
    method, expected = EXPECTED[name]
    client = _client(role, orgs, objects)
    response = getattr(client, method)(_url(name, objects))
    wanted = expected.get(role, expected["funder_approver"])
    assert response.status_code == wanted, (name, role, response.status_code)
    if role == "anonymous" and wanted == 302:
        assert response["Location"].startswith(reverse("login"))
    if name not in PUBLIC and response.status_code == 200:
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
        "call-new",
        "application-review",
    )
]


@pytest.mark.parametrize("name", READ_ONLY)
def test_pages_refuse_writes(name: str, orgs: dict[str, Any], objects: dict[str, Any]) -> None:
    assert signed_in(member("coordinator")).post(_url(name, objects)).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "application",
        "application-save",
        "application-attach",
        "application-submit",
        "attachment",
        "attachment-remove",
    ],
)
@pytest.mark.parametrize("role", ["partner_staff", "case_worker"])
def test_another_organizations_application_is_not_found(
    name: str, role: str, orgs: dict[str, Any], objects: dict[str, Any]
) -> None:
    client = _client(role, orgs)
    method = EXPECTED[name][0]
    assert getattr(client, method)(_url(name, objects, "other")).status_code == 404
