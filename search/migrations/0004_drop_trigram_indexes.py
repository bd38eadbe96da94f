from django.db import migrations

TRIGRAM_INDEXES = {
    "sohoa_indexentry_title_trgm": "title_text",
    "sohoa_indexentry_body_trgm": "body_text",
}


def drop_trigram_indexes(apps, schema_editor):
    """The site search no longer uses modelsearch's pg_trgm fuzzy search (it took 4-15 s per
    query at 100,000 books, see search.query.supports_fuzzy); its indexes only slowed
    indexing. The extension stays, for anyone who searches with `Fuzzy` directly."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in TRIGRAM_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def create_trigram_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    with connection.cursor() as cursor:
        for name, column in TRIGRAM_INDEXES.items():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_autocomplete_index")]

    operations = [migrations.RunPython(drop_trigram_indexes, create_trigram_indexes)]
