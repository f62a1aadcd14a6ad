"""SQLite: the text index keeps which column holds a word, not its positions (smaller and
faster; see search.FTS_TABLE). Its stemmed text is copied over as it is."""

from django.db import migrations

from wijkkracht.practices.search import FTS_TABLE


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'practices_fts'")
        row = cursor.fetchone()
    if row and "detail=column" in row[0]:
        return  # made by a migration 0002 that already knew
    schema_editor.execute("DROP TABLE IF EXISTS practices_fts_old")
    if row:
        schema_editor.execute("ALTER TABLE practices_fts RENAME TO practices_fts_old")
    schema_editor.execute(f"CREATE VIRTUAL TABLE practices_fts {FTS_TABLE}")
    if row:
        schema_editor.execute("INSERT INTO practices_fts (rowid, name, body) "
                              "SELECT rowid, name, body FROM practices_fts_old")
        schema_editor.execute("DROP TABLE practices_fts_old")


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_library_version")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
