import uuid

from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("directory", "DirectoryVersion").objects.get_or_create(id=1, defaults={"token": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_organization_in_sanctuary_network"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectoryVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
