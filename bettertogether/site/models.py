"""The one thing the public site stores: a contact message the mail server did not take.

Sealed like case data (support.crypto's EncryptedTextField: Fernet with BT_FIELD_KEYS), seen only
by administrators in the admin, where they send it again or clear it; deleted once sent, and
after BT_CONTACT_KEPT_DAYS in any case (site/retention.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bettertogether.support.crypto import EncryptedTextField


class KeptMessage(models.Model):
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    name = EncryptedTextField(_("name"), blank=True)
    reply_to = EncryptedTextField(_("reply to"), blank=True)
    message = EncryptedTextField(_("message"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=1)
    last_error = models.CharField(_("last error"), max_length=100, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("kept contact message")
        verbose_name_plural = _("kept contact messages")

    def __str__(self) -> str:
        return f"KeptMessage {self.pk}"
