"""Kept contact messages are deleted BT_CONTACT_KEPT_DAYS after they arrived (`purge_expired`)."""

from datetime import datetime, timedelta

from django.conf import settings

from .models import KeptMessage

DEFAULT_KEPT_DAYS = 30


def purge(now: datetime, dry_run: bool = False) -> dict[str, int]:
    days = int(getattr(settings, "BT_CONTACT_KEPT_DAYS", DEFAULT_KEPT_DAYS))
    expired = KeptMessage.objects.filter(created_at__lt=now - timedelta(days=days))
    result = {"kept_messages": expired.count()}
    if not dry_run:
        expired.delete()
    return result
