"""On PostgreSQL with PostGIS: a GiST index on the locations' points as geography, for PostGIS's
nearest-neighbour search (search_near.knn_radius). Without PostGIS (or on SQLite) nothing is made
and the search widens its circle instead: same answers, more reads in sparse country."""

from django.db import DatabaseError, migrations, transaction

INDEX = "directory_location_geography"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint: a refusal undoes only this
                cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except DatabaseError:  # not installed on the server, or not ours to create: ask an administrator
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
            if cursor.fetchone() is None:
                return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_location "
            "USING gist (geography(ST_MakePoint(longitude, latitude)))"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_directory_version")]

    operations = [migrations.RunPython(create, drop)]
