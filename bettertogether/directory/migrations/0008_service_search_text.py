"""What each service's searches match (directory/search_text.py), written for every service."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    from bettertogether.directory import search_text

    historical = search_text.Models(
        service=apps.get_model("directory", "Service"),
        attribute=apps.get_model("directory", "Attribute"),
        service_area=apps.get_model("directory", "ServiceArea"),
        address=apps.get_model("directory", "Address"),
        search_text=apps.get_model("directory", "ServiceSearchText"),
    )
    search_text.refresh(models=historical)


class Migration(migrations.Migration):
    dependencies = [("directory", "0007_location_geography_index")]

    operations = [
        migrations.CreateModel(
            name="ServiceSearchText",
            fields=[
                (
                    "service",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_text",
                        serialize=False,
                        to="directory.service",
                    ),
                ),
                ("text_en", models.TextField(default="")),
                ("text_fr", models.TextField(default="")),
                ("text_es", models.TextField(default="")),
                ("text_tl", models.TextField(default="")),
                ("provinces", models.CharField(default="", max_length=100)),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
