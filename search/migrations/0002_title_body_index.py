from django.db import migrations

INDEX_NAME = "sohoa_indexentry_title_body"


def create_title_body_index(apps, schema_editor):
    """A GIN index on `title || body`, the vector a PostgreSQL search matches (see
    search/database.py): without it every search read every index entry."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING gin ((title || body))"
        )


def drop_title_body_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_enable_fuzzy_search_on_postgresql")]

    operations = [migrations.RunPython(create_title_body_index, drop_title_body_index)]
