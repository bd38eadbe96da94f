from django.db import migrations


def enable_trigram(apps, schema_editor):
    """pg_trgm and GIN trigram indexes let one-typo queries find pages on PostgreSQL (Fuzzy).

    The indexed text is already folded (no diacritics), so no unaccent is needed. Other
    engines do without: SQLite answers a typo with "did you mean"."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS sohoa_indexentry_title_trgm "
            f"ON {table} USING gin (title_text gin_trgm_ops)"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS sohoa_indexentry_body_trgm "
            f"ON {table} USING gin (body_text gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(enable_trigram, migrations.RunPython.noop)]
