from django.db import migrations

TABLE = "sohoa_autocomplete_fts"


def create_autocomplete_index(apps, schema_editor):
    """SQLite: an FTS5 index of the autocomplete column with prefix indexes (1-3 letters).

    modelsearch's own FTS5 table has none, so a short prefix ("th", "di t") expanded to every
    indexed word starting so and took 50-100 ms at 100,000 books; prefix indexes answer it in
    about a millisecond. The table holds no text of its own (external content: it reads the
    index entries) and follows them through triggers, so `update_index` and page saves keep
    it current without knowing it exists. See search/database.py."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    statements = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(autocomplete, "
        f"content='{entries}', content_rowid='id', prefix='1 2 3')",
        f"INSERT INTO {TABLE}({TABLE}) VALUES('rebuild')",
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON {entries} BEGIN "
        f"INSERT INTO {TABLE}(rowid, autocomplete) VALUES (new.id, new.autocomplete); END",
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON {entries} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, autocomplete) "
        f"VALUES ('delete', old.id, old.autocomplete); END",
        # Only when the autocomplete text changes: title_norm is rewritten on every entry
        # after each indexing run.
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF autocomplete ON {entries} "
        f"BEGIN INSERT INTO {TABLE}({TABLE}, rowid, autocomplete) "
        f"VALUES ('delete', old.id, old.autocomplete); "
        f"INSERT INTO {TABLE}(rowid, autocomplete) VALUES (new.id, new.autocomplete); END",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_autocomplete_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_title_body_index")]

    operations = [migrations.RunPython(create_autocomplete_index, drop_autocomplete_index)]
