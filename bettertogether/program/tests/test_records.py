"""Agreement documents (the resources library's upload checks, who may open them, audit), evaluations
linked to partners and knowledge-sharing events, and the advocacy log with its filters."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bettertogether.directory.models import ChangeLog, Organization
from bettertogether.outreach.knowledge import KnowledgeEventInput, knowledge_sharing_events, save_knowledge_event
from bettertogether.outreach.models import Event, EventKind
from bettertogether.program import services_records
from bettertogether.program.models import AdvocacyEntry, AgreementDocument, Evaluation
from bettertogether.program.worklist import program_work
from bettertogether.support.tests.factories import member, signed_in

from .factories import agreement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def pair(orgs: dict[str, Any]) -> dict[str, Any]:
    return {"own": agreement(orgs["own"], status="active"), "other": agreement(orgs["other"], status="active")}


def _upload(client: Client, agreement_pk: int, name: str, content: bytes, **extra: str) -> Any:
    data = {"kind": "signed_agreement", "title": "Signed agreement 2023", **extra}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")  # type: ignore[assignment]
    return client.post(reverse("program:document-upload", args=[agreement_pk]), data)


def test_a_coordinator_keeps_a_document_that_only_the_agreements_organization_opens(
    orgs: dict[str, Any], pair: dict[str, Any], media: Path
) -> None:
    coordinator = signed_in(member("coordinator"))
    response = _upload(coordinator, pair["own"].pk, "../../etc/Signed agreement.pdf", PDF)
    assert response.status_code == 302
    document = AgreementDocument.objects.get()
    # Stored under a random name inside the media folder, never the uploader's.
    assert document.file.name.startswith("program/agreements/") and document.file.name.endswith(".pdf")
    assert "Signed" not in document.file.name and (media / document.file.name).read_bytes() == PDF
    assert document.original_name == "Signed agreement.pdf" and document.size == len(PDF)
    url = reverse("program:document", args=[document.pk])
    assert not url.startswith("/media/")
    page = coordinator.get(reverse("program:agreement", args=[pair["own"].pk])).content.decode()
    assert url in page and "Signed agreement 2023" in page

    own_staff = signed_in(member("partner_staff", orgs["own"]))
    response = own_staff.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    # Another organization's staff, a funder, anonymous: nothing.
    assert signed_in(member("partner_staff", orgs["other"])).get(url).status_code == 404
    assert signed_in(member("funder_approver")).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    # Partners read, they do not add or remove.
    assert _upload(own_staff, pair["own"].pk, "x.pdf", PDF).status_code == 404
    assert own_staff.post(reverse("program:document-delete", args=[document.pk])).status_code == 404
    # The upload and the opening are in the change log, with who did it.
    actions = list(
        ChangeLog.objects.filter(object_type="agreementdocument", object_id=str(document.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["agreement_document.download", "agreement_document.upload"]


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("agreement.pdf", b"MZ\x90\x00 not a pdf", "content must match"),
        ("agreement.exe", b"MZ\x90\x00", "content must match"),
        ("agreement.docx", PDF, "content must match"),
        ("agreement.html", b"<script>alert(1)</script>", "content must match"),
        ("agreement.docx", b"PK\x03\x04 not a zip", "content must match"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_the_resources_checks_refuse_a_bad_file(
    name: str, content: bytes, why: str, pair: dict[str, Any], media: Path
) -> None:
    client = signed_in(member("coordinator"))
    response = _upload(client, pair["own"].pk, name, content)
    assert response.status_code == 302
    assert not AgreementDocument.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))
    page = client.get(response["Location"]).content.decode()
    assert why in page.replace("’", "'")


def test_a_file_over_the_limit_is_refused(settings: Any, pair: dict[str, Any], media: Path) -> None:
    settings.BT_RESOURCE_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        services_records.upload_document(
            pair["own"].pk,
            kind="schedule",
            title="Schedule A",
            fileobj=io.BytesIO(PDF + b"0" * 1000),
            filename="a.pdf",
            size=len(PDF) + 1000,
            by=None,
        )
    assert refused.value.code == "too_large"
    assert not AgreementDocument.objects.exists()
    # A Word file within the limit is kept.
    body = docx_bytes()
    services_records.upload_document(
        pair["own"].pk,
        kind="schedule",
        title="Schedule A",
        fileobj=io.BytesIO(body),
        filename="a.docx",
        size=len(body),
        by=None,
    )
    assert AgreementDocument.objects.get().content_type.endswith("wordprocessingml.document")


def test_removing_a_document_removes_its_file(
    pair: dict[str, Any], media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    document = services_records.upload_document(
        pair["own"].pk,
        kind="amendment",
        title="Amendment 1",
        fileobj=io.BytesIO(PDF),
        filename="a.pdf",
        size=len(PDF),
        by=None,
    )
    stored = media / document.file.name
    assert stored.is_file()
    client = signed_in(member("coordinator"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("program:document-delete", args=[document.pk])).status_code == 302
    assert not AgreementDocument.objects.exists() and not stored.exists()
    assert ChangeLog.objects.filter(action="agreement_document.delete").count() == 1


def test_an_evaluation_links_partners_and_a_knowledge_sharing_event(orgs: dict[str, Any]) -> None:
    agreement(orgs["own"])  # a partner: it holds an agreement
    starts = timezone.now() - dt.timedelta(days=30)
    event = save_knowledge_event(
        uuid.uuid4(),
        KnowledgeEventInput(
            organization_id=orgs["own"].pk,
            province="NS",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=4),
            titles={"en": "Partners' knowledge sharing"},
            descriptions={"en": ""},
            online_url="https://example.org/meeting",
        ),
    )
    assert Event.objects.get(pk=event.id).kind == EventKind.KNOWLEDGE_SHARING
    client = signed_in(member("coordinator"))
    form = client.get(reverse("program:evaluation-new")).content.decode()
    assert "Partners&#x27; knowledge sharing" in form
    response = client.post(
        reverse("program:evaluation-new"),
        {
            "held_on": "2024-03-20",
            "title": "Mid-term evaluation",
            "evaluator": "External evaluator",
            "findings": "Sessions reached workers at their work sites.",
            "lessons": "Evening sessions work best.",
            "organizations": [str(orgs["own"].pk)],
            "event": str(event.id),
        },
    )
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("program:evaluation", args=[evaluation.pk])
    assert list(evaluation.organizations.all()) == [orgs["own"]] and evaluation.event_id == event.id
    page = client.get(reverse("program:knowledge")).content.decode()
    assert "Mid-term evaluation" in page and "Partners&#x27; knowledge sharing" in page
    detail = client.get(response["Location"]).content.decode()
    assert "Evening sessions work best." in detail and "Own Centre" in detail
    assert ChangeLog.objects.filter(action="evaluation.create", object_id=str(evaluation.pk)).exists()
    # An edit is logged with the fields it changed.
    client.post(
        reverse("program:evaluation-edit", args=[evaluation.pk]),
        {"held_on": "2024-03-20", "title": "Final evaluation", "evaluator": "External evaluator", "findings": "F"},
    )
    entry = ChangeLog.objects.get(action="evaluation.update")
    assert entry.changes["title"] == ["Mid-term evaluation", "Final evaluation"]
    assert not Evaluation.objects.get().organizations.exists()


def test_an_evaluation_without_findings_or_with_control_characters_is_refused(orgs: dict[str, Any]) -> None:
    client = signed_in(member("coordinator"))
    data = {"held_on": "2024-03-20", "title": "T\x07", "evaluator": "E", "findings": ""}
    response = client.post(reverse("program:evaluation-new"), data)
    assert response.status_code == 400 and not Evaluation.objects.exists()
    html = response.content.decode()
    assert "Remove the invisible control character" in html and "This field is required." in html


@pytest.fixture
def log(orgs: dict[str, Any]) -> dict[str, AdvocacyEntry]:
    def add(held_on: dt.date, kind: str, body: str, subject: str, *partners: Any) -> AdvocacyEntry:
        return services_records.save_advocacy(
            services_records.AdvocacyInput(
                held_on=held_on, kind=kind, body=body, subject=subject, organization_ids=tuple(p.pk for p in partners)
            ),
            by=None,
        )

    return {
        "seat": add(dt.date(2023, 5, 10), "committee_seat", "Provincial committee", "Housing of workers", orgs["own"]),
        "brief": add(dt.date(2024, 2, 1), "submission", "Standing committee", "Recruitment fees", orgs["other"]),
        "meeting": add(dt.date(2024, 6, 3), "meeting", "Labour department", "Housing inspections"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Housing of workers", "Recruitment fees", "Housing inspections"}),
        ({"kind": "submission"}, {"Recruitment fees"}),
        ({"q": "housing"}, {"Housing of workers", "Housing inspections"}),
        ({"q": "standing"}, {"Recruitment fees"}),
        ({"since": "2024-01-01"}, {"Recruitment fees", "Housing inspections"}),
        ({"since": "2024-01-01", "until": "2024-03-31"}, {"Recruitment fees"}),
        ({"kind": "nonsense"}, {"Housing of workers", "Recruitment fees", "Housing inspections"}),
    ],
)
def test_the_advocacy_log_filters(query: dict[str, str], expected: set[str], log: dict[str, Any]) -> None:
    html = signed_in(member("coordinator")).get(reverse("program:advocacy"), query).content.decode()
    shown = {e.subject for e in log.values() if e.subject in html}
    assert shown == expected


def test_the_advocacy_log_filters_by_partner(orgs: dict[str, Any], pair: dict[str, Any], log: dict[str, Any]) -> None:
    html = signed_in(member("coordinator")).get(reverse("program:advocacy"), {"organization": orgs["own"].pk})
    text = html.content.decode()
    assert "Housing of workers" in text and "Recruitment fees" not in text and "Housing inspections" not in text


def test_a_coordinator_adds_and_edits_an_advocacy_entry(orgs: dict[str, Any]) -> None:
    agreement(orgs["own"])
    client = signed_in(member("coordinator"))
    data = {
        "held_on": "2024-05-01",
        "kind": "meeting",
        "body": "Municipal council",
        "subject": "Transport to work sites",
        "outcome": "A pilot bus route was proposed.",
        "organizations": [str(orgs["own"].pk)],
    }
    assert client.post(reverse("program:advocacy-new"), data).status_code == 302
    entry = AdvocacyEntry.objects.get()
    assert list(entry.organizations.all()) == [orgs["own"]]
    response = client.post(reverse("program:advocacy-edit", args=[entry.pk]), data | {"outcome": "Route agreed."})
    assert response.status_code == 302
    assert AdvocacyEntry.objects.get().outcome == "Route agreed."
    assert list(
        ChangeLog.objects.filter(object_type="advocacyentry").values_list("action", flat=True).order_by("pk")
    ) == [
        "advocacy.create",
        "advocacy.update",
    ]
    bad = client.post(reverse("program:advocacy-new"), data | {"kind": "lunch", "held_on": "soon"})
    assert bad.status_code == 400 and AdvocacyEntry.objects.count() == 1


def test_load_demo_gives_the_knowledge_sharing_events_the_evaluation_and_the_advocacy_log(db: Any) -> None:
    for _ in range(2):  # idempotent
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    events = knowledge_sharing_events(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert [(e.starts_at.date(), e.online) for e in events] == [
        (dt.date(2024, 12, 10), True),
        (dt.date(2024, 3, 21), False),
    ]
    assert (events[0].ends_at - events[0].starts_at) == dt.timedelta(hours=3, minutes=30)  # a half day
    evaluation = Evaluation.objects.get()
    assert evaluation.held_on.strftime("%Y-%m") == "2024-03" and evaluation.event_id == events[1].id
    assert evaluation.organizations.count() == 6
    entries = AdvocacyEntry.objects.all()
    assert len(entries) == 4 and {e.kind for e in entries} == {"committee_seat", "submission", "meeting"}
    assert all("(demo)" in e.body for e in entries)
    sanctuary = Organization.objects.filter(in_sanctuary_network=True)
    assert sanctuary.count() == 6
    assert set(entries.get(subject__startswith="A sanctuary network").organizations.all()) == set(sanctuary)


def test_the_staff_home_flags_agreements_without_their_signed_copy(orgs: dict[str, Any], pair: dict[str, Any]) -> None:
    coordinator = member("coordinator")
    assert program_work(coordinator).missing_signed_copies == 2
    assert program_work(member("partner_staff", orgs["own"])).missing_signed_copies == 0  # not theirs to add
    services_records.upload_document(
        pair["own"].pk,
        kind="schedule",
        title="Schedule",
        fileobj=io.BytesIO(PDF),
        filename="s.pdf",
        size=len(PDF),
        by=None,
    )
    assert program_work(coordinator).missing_signed_copies == 2  # a schedule is not the signed copy
    services_records.upload_document(
        pair["own"].pk,
        kind="signed_agreement",
        title="Signed",
        fileobj=io.BytesIO(PDF),
        filename="a.pdf",
        size=len(PDF),
        by=None,
    )
    assert program_work(coordinator).missing_signed_copies == 1
    html = signed_in(coordinator).get("/en/staff/").content.decode()
    assert "Agreements without their signed copy" in html
    assert 'href="/en/program/advocacy/"' in html and 'href="/en/program/knowledge/"' in html
