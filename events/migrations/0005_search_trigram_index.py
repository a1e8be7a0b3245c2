"""On PostgreSQL, a trigram GIN index makes the search's LIKE '% word%' an index scan.

SQLite has no such index and does not need one at the programme's size; the migration does
nothing there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "project_search_document_trgm": "search_document",
    "project_search_title_trgm": "search_title",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON events_project USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("events", "0004_labelled_projects_have_a_label_date")]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
