"""Case workers' authenticator secrets are encrypted at rest (SealedTOTPDevice) and verify like
django-otp's TOTPDevice: a code works once, failures back off, key rotation keeps them working,
and the migration moves plaintext devices over."""

import base64
import datetime as dt
from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, match_token, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from bettertogether.support.models import SealedTOTPDevice

from .factories import device_for, member, signed_in, token

KEY = "3a9f5c0e7b21d4c68e0f1a2b3c4d5e6f70819203"


def _raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return "\n".join(repr(row) for row in cursor.fetchall())


def _seeds(key: str) -> list[str]:
    """Every spelling of a secret that would let a dump reader set up an authenticator."""
    b32 = base64.b32encode(bytes.fromhex(key)).decode()
    return [key, key.upper(), b32, b32.rstrip("="), b32.lower()]


def _backed_off(device: SealedTOTPDevice) -> None:
    device.refresh_from_db()
    device.throttling_failure_timestamp = device.throttling_failure_timestamp - dt.timedelta(seconds=30)
    device.save(update_fields=["throttling_failure_timestamp"])


def test_raw_database_holds_no_totp_secret(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    SealedTOTPDevice.objects.create(user=worker, name="phone", key=KEY)
    generated = device_for(member("case_worker", orgs["own"]))  # a key of the default kind
    dump = _raw_rows(SealedTOTPDevice._meta.db_table)
    assert dump.count("gAAAA") == 2  # two Fernet tokens
    for secret in _seeds(KEY) + _seeds(generated.key):
        assert secret not in dump, secret
    assert not TOTPDevice.objects.exists()
    # …while the application reads the key back.
    assert SealedTOTPDevice.objects.get(user=worker).key == KEY


def test_a_code_verifies_once(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    device = device_for(worker)
    code = token(device)
    assert list(devices_for_user(worker)) == [device]
    assert match_token(worker, code) == device
    device.refresh_from_db()
    assert device.last_t > -1 and device.last_used_at is not None
    # The same code again is a replay: refused, whichever way it comes.
    assert match_token(worker, code) is None
    assert verify_token(worker, device.persistent_id, code) is None
    assert (
        signed_in(worker, second_factor=False).post(reverse("support:otp-verify"), {"token": code}).status_code == 200
    )
    # Not for another user's device either, and never a non-numeric code.
    other = member("case_worker", orgs["own"])
    assert verify_token(other, device.persistent_id, token(device, steps_ahead=1)) is None
    assert not device.verify_token("abcdef")


def test_failures_back_off_then_a_right_code_resets_them(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    device = device_for(worker)
    wrong = str((int(token(device)) + 1) % 1_000_000).zfill(6)
    assert match_token(worker, wrong) is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert match_token(worker, token(device)) is None  # right code, but within the back-off
    device.refresh_from_db()
    assert device.throttling_failure_count == 1 and not device.verify_is_allowed()[0]
    _backed_off(device)
    assert match_token(worker, wrong) is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 2 and not device.verify_is_allowed()[0]
    _backed_off(device)
    assert match_token(worker, token(device)) == device
    device.refresh_from_db()
    assert device.throttling_failure_count == 0 and device.throttling_failure_timestamp is None


def test_verified_session_passes_the_otp_middleware(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    device = device_for(worker)
    client = signed_in(worker)
    assert client.session[DEVICE_ID_SESSION_KEY] == f"support.sealedtotpdevice/{device.pk}"
    assert Device.from_persistent_id(client.session[DEVICE_ID_SESSION_KEY]) == device
    response = client.get(reverse("support:case-list"))
    assert response.status_code == 200 and response.wsgi_request.user.is_verified()
    # A deleted device unverifies the session at the next request.
    device.delete()
    assert client.get(reverse("support:case-list"))["Location"].startswith(reverse("support:otp-setup"))


def test_no_plaintext_device_can_be_saved(orgs: dict[str, Any]) -> None:
    with pytest.raises(PermissionError, match="SealedTOTPDevice"):
        TOTPDevice.objects.create(user=member("case_worker", orgs["own"]), name="phone", key=KEY)
    assert not TOTPDevice.objects.exists()


def test_config_url_matches_django_otp(orgs: dict[str, Any]) -> None:
    worker = member("case_worker", orgs["own"])
    device = SealedTOTPDevice.objects.create(user=worker, name="phone", key=KEY)
    assert device.config_url == TOTPDevice(user=worker, key=KEY).config_url
    assert device.config_url.startswith("otpauth://totp/Better%20Together%3A")


def test_key_rotation_keeps_the_authenticator_working(orgs: dict[str, Any], settings: Any) -> None:
    worker = member("case_worker", orgs["own"])
    device = device_for(worker)
    table = SealedTOTPDevice._meta.db_table
    before = _raw_rows(table)
    old_key = settings.BT_FIELD_KEYS[0]
    settings.BT_FIELD_KEYS = [Fernet.generate_key().decode(), old_key]
    out = StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "support.SealedTOTPDevice.key: 1" in out.getvalue()
    assert _raw_rows(table) != before
    settings.BT_FIELD_KEYS = settings.BT_FIELD_KEYS[:1]  # the old key is retired
    assert match_token(worker, token(device)) is not None
    settings.BT_FIELD_KEYS = [old_key]  # and the old key alone no longer reads the secret
    with pytest.raises(Exception, match="BT_FIELD_KEYS"):
        SealedTOTPDevice.objects.get(pk=device.pk)


def test_admin_never_shows_the_secret(orgs: dict[str, Any], client: Any) -> None:
    assert not admin.site.is_registered(TOTPDevice)
    device = SealedTOTPDevice.objects.create(user=member("case_worker", orgs["own"]), name="phone", key=KEY)
    client = signed_in(member("administrator"))
    listing = client.get(reverse("admin:support_sealedtotpdevice_changelist"))
    page = client.get(reverse("admin:support_sealedtotpdevice_change", args=[device.pk]))
    assert listing.status_code == 200 and page.status_code == 200
    for secret in _seeds(KEY):
        assert secret not in listing.content.decode() and secret not in page.content.decode()
    assert client.get(reverse("admin:support_sealedtotpdevice_add")).status_code == 403
    client.post(reverse("admin:support_sealedtotpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not SealedTOTPDevice.objects.filter(pk=device.pk).exists()


BEFORE = [("support", "0002_sealedtotpdevice"), ("otp_totp", "0003_add_timestamps")]
AFTER = [("support", "0003_seal_totp_secrets")]


@pytest.mark.django_db(transaction=True)
def test_migration_seals_existing_plaintext_devices() -> None:
    worker = member("case_worker")
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        created = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
        old = old_apps.get_model("otp_totp", "TOTPDevice").objects.create(
            user_id=worker.pk, name="phone", key=KEY, confirmed=True, last_t=42, drift=1, throttling_failure_count=3
        )
        old_apps.get_model("otp_totp", "TOTPDevice").objects.filter(pk=old.pk).update(created_at=created)
        assert KEY in _raw_rows("otp_totp_totpdevice")

        executor.loader.build_graph()
        executor.migrate(AFTER)
        assert _raw_rows("otp_totp_totpdevice") == ""
        dump = _raw_rows(SealedTOTPDevice._meta.db_table)
        assert dump and not any(secret in dump for secret in _seeds(KEY))
        device = SealedTOTPDevice.objects.get(user=worker)
        assert (device.key, device.name, device.confirmed) == (KEY, "phone", True)
        assert (device.last_t, device.drift, device.throttling_failure_count) == (42, 1, 3)
        assert device.created_at == created

        # Reversible: a rollback puts the device back where django-otp reads it.
        executor.loader.build_graph()
        executor.migrate(BEFORE)
        assert not SealedTOTPDevice.objects.exists()
        assert TOTPDevice.objects.get(user=worker).key == KEY
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert SealedTOTPDevice.objects.get(user=worker).key == KEY
