"""Re-encrypt every confidential value with the current (first) key of BT_FIELD_KEYS.

Rotation: put a new key first in BT_FIELD_KEYS (keep the old ones after it), run this command,
then remove the old keys. Prints counts only, never values.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from bettertogether.support.crypto import encrypted_fields


class Command(BaseCommand):
    help = "Re-encrypt confidential fields with the first key of BT_FIELD_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        for model, name in encrypted_fields():
            count = 0
            with transaction.atomic():
                # Reading decrypts with any key; writing encrypts with the first.
                for pk, value in model._default_manager.values_list("pk", name).iterator(chunk_size=500):
                    model._default_manager.filter(pk=pk).update(**{name: value})
                    count += 1
            total += count
            self.stdout.write(f"{model._meta.label}.{name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} values."))
