"""The contact form's write: send the message to the program's address, or keep it sealed when
the mail server does not take it (site.models.KeptMessage) so nothing the sender wrote is lost.

A sender's rate-limit slot (CONTACT_SCOPE) is spent only on a message that was sent; a kept one
counts in its own scope (KEPT_SCOPE, same limit) so a mail outage cannot be used to fill the
database.
"""

from __future__ import annotations

import enum
import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from bettertogether.core import ratelimit

from .models import KeptMessage

logger = logging.getLogger(__name__)

CONTACT_SCOPE = "contact"
KEPT_SCOPE = "contact.kept"
CONTACT_WINDOW = timedelta(hours=1)
# What a mail server that is down, refuses or times out raises (socket and TLS errors are OSErrors).
MAIL_ERRORS: tuple[type[Exception], ...] = (smtplib.SMTPException, OSError)


class Outcome(enum.Enum):
    SENT = "sent"
    KEPT = "kept"  # mail failed; the message is stored sealed for the team
    REFUSED = "refused"  # mail failed and this sender already has as many kept messages as allowed


def contact_limit() -> int:
    return int(getattr(settings, "BT_CONTACT_RATE", 5))


def contact_allowed(client_key: str) -> bool:
    """Whether this client (a core.ratelimit key hash) may send another message now. Counts nothing:
    `deliver_contact_message` spends the slot once the message is sent."""
    return ratelimit.remaining(CONTACT_SCOPE, client_key, limit=contact_limit(), window=CONTACT_WINDOW) > 0


def build_email(*, name: str, reply_to: str, message: str, language: str) -> EmailMessage:
    # The team reads the frame in the site's default language, whatever the sender's.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Message from the Better Together contact form")
        body = "\n".join(
            [
                f"{_('Name')}: {name or '-'}",
                f"{_('Reply to')}: {reply_to or '-'}",
                f"{_('Language')}: {language}",
                "",
                message,
            ]
        )
    return EmailMessage(
        subject=str(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.BT_PROGRAM_EMAIL],
        reply_to=[reply_to] if reply_to and "@" in reply_to else None,
    )


def deliver_contact_message(*, client_key: str, name: str, reply_to: str, message: str, language: str) -> Outcome:
    """E-mail the message to settings.BT_PROGRAM_EMAIL; if the mail server fails, keep it sealed."""
    try:
        build_email(name=name, reply_to=reply_to, message=message, language=language).send(fail_silently=False)
    except MAIL_ERRORS as exc:
        logger.error("Contact message not sent: %s", type(exc).__name__)
        if not ratelimit.allow(KEPT_SCOPE, client_key, limit=contact_limit(), window=CONTACT_WINDOW):
            return Outcome.REFUSED
        KeptMessage.objects.create(
            name=name, reply_to=reply_to, message=message, language=language, last_error=type(exc).__name__
        )
        return Outcome.KEPT
    ratelimit.allow(CONTACT_SCOPE, client_key, limit=contact_limit(), window=CONTACT_WINDOW)
    return Outcome.SENT


def resend_kept(ids: Iterable[int]) -> tuple[int, int]:
    """Try again to e-mail the kept messages `ids`: each one sent is deleted, each failure counted
    on the message. Returns (sent, still kept)."""
    sent = failed = 0
    for kept in KeptMessage.objects.filter(pk__in=list(ids)).order_by("created_at"):
        email = build_email(name=kept.name, reply_to=kept.reply_to, message=kept.message, language=kept.language)
        try:
            email.send(fail_silently=False)
        except MAIL_ERRORS as exc:
            failed += 1
            KeptMessage.objects.filter(pk=kept.pk).update(
                attempts=kept.attempts + 1, last_error=type(exc).__name__[:100]
            )
            continue
        with transaction.atomic():
            KeptMessage.objects.filter(pk=kept.pk).delete()
        sent += 1
    return sent, failed
