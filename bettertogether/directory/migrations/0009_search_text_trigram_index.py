"""On PostgreSQL: trigram indexes (pg_trgm) on the search texts, so `LIKE '%word%'` reads the index
instead of every row. pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may
create it. Without it (or on SQLite) the texts are read in full: same answers, slower."""

from django.db import DatabaseError, migrations, transaction

COLUMNS = ("text_en", "text_fr", "text_es", "text_tl")


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint: a refusal undoes only this
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:  # not installed on the server: ask an administrator
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            if cursor.fetchone() is None:
                return
        for name in COLUMNS:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS directory_search_{name} ON directory_servicesearchtext "
                f"USING gin ({name} gin_trgm_ops)"
            )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for name in COLUMNS:
            schema_editor.execute(f"DROP INDEX IF EXISTS directory_search_{name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_service_search_text")]

    operations = [migrations.RunPython(create, drop)]
