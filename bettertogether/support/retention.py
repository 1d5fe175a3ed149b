"""Retention of case data: BT_CASE_RETENTION_DAYS (default 365) after closing, a case is anonymized.

Called by `purge_expired` through core.retention. The case row stays with only what statistics
count (organization, dates, province, language, issue types, outcome); names, contacts, employer,
notes, follow-ups, service details, referral contents and justifications go. Helpline contacts
hold nothing identifying and are kept. The access log is kept (it holds no confidential value).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet

from .models import Case, CaseNote, FollowUp
from .services import anonymize_case

DEFAULT_RETENTION_DAYS = 365


def retention_days() -> int:
    return int(getattr(settings, "BT_CASE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def expired_cases(now: datetime) -> QuerySet[Case]:
    cutoff = now - timedelta(days=retention_days())
    return Case.objects.filter(status="closed", closed_at__lt=cutoff, anonymized_at__isnull=True)


def purge(now: datetime, dry_run: bool = False) -> dict[str, int]:
    cases = list(expired_cases(now).only("pk", "organization_id"))
    ids = [case.pk for case in cases]
    result = {
        "cases": len(ids),
        "notes": CaseNote.objects.filter(case_id__in=ids).count(),
        "follow_ups": FollowUp.objects.filter(case_id__in=ids).count(),
    }
    if not dry_run:
        for case in cases:
            anonymize_case(case, now)
    return result
