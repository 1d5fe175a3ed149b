"""The contact form's write: send the message to the program's address. Nothing is stored."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from bettertogether.core import ratelimit

CONTACT_SCOPE = "contact"
CONTACT_WINDOW = timedelta(hours=1)


def contact_allowed(client_key: str) -> bool:
    """Whether this client (a core.ratelimit key hash) may send another message now; counts the attempt."""
    limit = int(getattr(settings, "BT_CONTACT_RATE", 5))
    return ratelimit.allow(CONTACT_SCOPE, client_key, limit=limit, window=CONTACT_WINDOW)


def send_contact_message(*, name: str, reply_to: str, message: str, language: str) -> None:
    """E-mail the message to settings.BT_PROGRAM_EMAIL. The message is not kept in the database."""
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
    email = EmailMessage(
        subject=str(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.BT_PROGRAM_EMAIL],
        reply_to=[reply_to] if reply_to and "@" in reply_to else None,
    )
    email.send(fail_silently=False)
