"""PostgreSQL only: the trigram extension and the indexes that make search fast. SQLite has
neither and searches without them."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    (
        "search_document_vector_gin",
        "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
        "ON search_searchdocument USING gin (search_vector)",
    ),
    (
        "search_document_title_trgm",
        "CREATE INDEX IF NOT EXISTS search_document_title_trgm "
        "ON search_searchdocument USING gin (title gin_trgm_ops)",
    ),
    (
        "search_term_word_trgm",
        "CREATE INDEX IF NOT EXISTS search_term_word_trgm "
        "ON search_searchterm USING gin (word gin_trgm_ops)",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _, sql in INDEXES:
            schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _ in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        # Skipped on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
