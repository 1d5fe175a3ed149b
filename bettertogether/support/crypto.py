"""Encryption at rest for confidential fields, with keys apart from SECRET_KEY.

Keys come from settings.BT_FIELD_KEYS (env BT_FIELD_KEYS: comma-separated Fernet keys). The first
encrypts; every key decrypts, so a new key is put first, `rotate_field_keys` re-encrypts every
value with it, and the old key is dropped afterwards. Values are stored as Fernet tokens (ASCII)
in a text column, which SQLite and PostgreSQL treat alike. Empty strings are encrypted too (they
stay empty strings, never NULL). Encrypted columns cannot be searched or filtered by value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in check_field_keys(list(keys))])


def check_field_keys(keys: list[str]) -> list[str]:
    """The keys, each checked; ImproperlyConfigured names the first bad one by position, never by value.
    Called by the production settings (so a bad key stops start-up), the system check and `fernet()`."""
    if not keys:
        raise ImproperlyConfigured("Set BT_FIELD_KEYS (comma-separated Fernet keys) to store case data.")
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise ImproperlyConfigured(
                f"BT_FIELD_KEYS: key {position} is not a Fernet key (32 url-safe base64 bytes); generate one with "
                "python3 -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
            ) from None
    return keys


def fernet() -> MultiFernet:
    return _fernet(tuple(getattr(settings, "BT_FIELD_KEYS", ()) or ()))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        # Never echo the token or the plaintext: just say which keys failed.
        raise ImproperlyConfigured("A confidential value cannot be decrypted with BT_FIELD_KEYS.") from exc


def rotate(token: str) -> str:
    """The same value re-encrypted with the first (current) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


class EncryptedTextField(models.TextField[str, str]):
    """A text field stored as a Fernet token. Python sees plaintext; the database never does."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return decrypt(value)


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every encrypted field in the project."""
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]
