"""Retention of suggested corrections.

A reviewed suggestion's free-text comment may hold details the public should not have written
(a name, a phone number): it is blanked BT_SUGGESTION_COMMENT_RETENTION_DAYS after review. The
suggestion itself and the ChangeLog keep what was changed.
(Rate-limit counts live in the shared cache and expire there: core/ratelimit.py.)

Called by `purge_expired` through core.retention (each app's `purge(now, dry_run)`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from .models import Suggestion

DEFAULT_COMMENT_RETENTION_DAYS = 90


def comment_retention_days() -> int:
    return int(getattr(settings, "BT_SUGGESTION_COMMENT_RETENTION_DAYS", DEFAULT_COMMENT_RETENTION_DAYS))


def purge(now: datetime, dry_run: bool = False) -> dict[str, int]:
    comments = Suggestion.objects.exclude(status=Suggestion.Status.PENDING).exclude(comment="")
    comments = comments.filter(reviewed_at__lt=now - timedelta(days=comment_retention_days()))
    result = {"suggestion_comments": comments.count()}
    if dry_run:
        return result
    with transaction.atomic():
        comments.update(comment="")
    return result
