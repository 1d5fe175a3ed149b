"""Move every django-otp TOTPDevice into support.SealedTOTPDevice, whose secret is encrypted with
BT_FIELD_KEYS, and delete the plaintext rows.

Reversible, so that rolling a release back keeps every case worker's authenticator working; the
reverse writes the secrets back in plaintext into django-otp's table, as before this migration.
Sessions verified with an old device ask for a code once more (the device id changes).
"""

from django.db import migrations

# Everything a device carries besides its id and key (the key is copied apart, to read it once).
FIELDS = [
    "user_id",
    "name",
    "confirmed",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
    "last_t",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "last_used_at",
]


def _move(source, target):
    for device in source.objects.order_by("pk").iterator():
        moved = target.objects.create(key=device.key, **{name: getattr(device, name) for name in FIELDS})
        # created_at is auto_now_add: set it afterwards to keep the original date.
        target.objects.filter(pk=moved.pk).update(created_at=device.created_at)
        device.delete()


def seal(apps, schema_editor):
    _move(apps.get_model("otp_totp", "TOTPDevice"), apps.get_model("support", "SealedTOTPDevice"))


def unseal(apps, schema_editor):
    _move(apps.get_model("support", "SealedTOTPDevice"), apps.get_model("otp_totp", "TOTPDevice"))


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_sealedtotpdevice"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(seal, unseal)]
