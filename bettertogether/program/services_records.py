"""Writes of the program's records: agreement documents, evaluations, the advocacy log. Each owns its
transaction, takes the acting user (never a request) and leaves an entry in the change log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from bettertogether.core.users import Account
from bettertogether.directory.door import record_change
from bettertogether.outreach.door import check_upload, clean_filename

from .models import AdvocacyEntry, AgreementDocument, Evaluation, SubAgreement


def _log(by: Account | None, action: str, obj: Any, changes: dict[str, Any], note: str = "") -> None:
    record_change(by, action, obj._meta.model_name, obj.pk, changes, note)


def upload_document(
    agreement_id: int, *, kind: str, title: str, fileobj: IO[bytes], filename: str, size: int, by: Account
) -> AgreementDocument:
    """Keep a file of an agreement after the resources library's checks (type by content, size);
    raises ValidationError saying why a file is refused. Stored under a random name."""
    file_type = check_upload(fileobj, filename, size)
    if kind not in AgreementDocument.Kind.values or not title.strip():
        raise ValueError("a document needs a kind and a title")
    with transaction.atomic():
        agreement = SubAgreement.objects.get(pk=agreement_id)
        document = AgreementDocument(
            agreement=agreement,
            kind=kind,
            title=title.strip(),
            original_name=clean_filename(filename, fallback="document"),
            content_type=file_type.content_type,
            size=size,
            uploaded_by=by,
        )
        document.extension = file_type.extension
        document.file.save("upload", File(fileobj), save=False)
        name = document.file.name
        try:
            document.save()
            _log(by, "agreement_document.upload", document, {"agreement": ["", str(agreement.pk)], "kind": ["", kind]})
        except Exception:
            default_storage.delete(name)
            raise
        return document


def delete_document(document_id: int, *, by: Account) -> None:
    """Remove a document and, once that is committed, its file."""
    with transaction.atomic():
        document = AgreementDocument.objects.select_for_update().get(pk=document_id)
        name = document.file.name
        _log(by, "agreement_document.delete", document, {"title": [document.title, ""]})
        document.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


def record_download(document: AgreementDocument, *, by: Account) -> None:
    """Who opened which agreement document, and when: documents are confidential."""
    _log(by, "agreement_document.download", document, {})


@dataclass(frozen=True)
class EvaluationInput:
    held_on: dt.date
    title: str
    evaluator: str
    findings: str
    lessons: str = ""
    organization_ids: tuple[Any, ...] = ()
    event_id: Any = None


def save_evaluation(data: EvaluationInput, *, by: Account | None, evaluation_id: int | None = None) -> Evaluation:
    if not (data.title.strip() and data.evaluator.strip() and data.findings.strip()):
        raise ValueError("an evaluation needs a title, an evaluator and its findings")
    with transaction.atomic():
        evaluation = (
            Evaluation.objects.select_for_update().get(pk=evaluation_id)
            if evaluation_id is not None
            else Evaluation(recorded_by=by)
        )
        before = _values(evaluation, ("held_on", "title", "evaluator", "findings", "lessons", "event_id"))
        evaluation.held_on, evaluation.title, evaluation.evaluator = data.held_on, data.title.strip(), data.evaluator
        evaluation.findings, evaluation.lessons, evaluation.event_id = data.findings, data.lessons, data.event_id
        evaluation.save()
        evaluation.organizations.set(data.organization_ids)
        after = _values(evaluation, before.keys())
        _log(
            by, "evaluation.create" if evaluation_id is None else "evaluation.update", evaluation, _diff(before, after)
        )
        return evaluation


@dataclass(frozen=True)
class AdvocacyInput:
    held_on: dt.date
    kind: str
    body: str
    subject: str
    outcome: str = ""
    organization_ids: tuple[Any, ...] = ()


def save_advocacy(data: AdvocacyInput, *, by: Account | None, entry_id: int | None = None) -> AdvocacyEntry:
    if data.kind not in AdvocacyEntry.Kind.values or not (data.body.strip() and data.subject.strip()):
        raise ValueError("an advocacy entry needs a kind, a body and a subject")
    with transaction.atomic():
        entry = (
            AdvocacyEntry.objects.select_for_update().get(pk=entry_id)
            if entry_id is not None
            else AdvocacyEntry(recorded_by=by)
        )
        before = _values(entry, ("held_on", "kind", "body", "subject", "outcome"))
        entry.held_on, entry.kind, entry.body = data.held_on, data.kind, data.body.strip()
        entry.subject, entry.outcome = data.subject.strip(), data.outcome
        entry.save()
        entry.organizations.set(data.organization_ids)
        after = _values(entry, before.keys())
        _log(by, "advocacy.create" if entry_id is None else "advocacy.update", entry, _diff(before, after))
        return entry


def _values(obj: Any, fields: Iterable[str]) -> dict[str, str]:
    return {f: "" if getattr(obj, f, None) is None else str(getattr(obj, f)) for f in fields}


def _diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """Changed field names with short old/new values (texts cut: the log is not a second copy)."""
    return {k: [before[k][:80], after[k][:80]] for k in after if before[k] != after[k]}
