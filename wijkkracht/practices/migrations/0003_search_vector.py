import django.contrib.postgres.search
from django.db import migrations, models

import wijkkracht.practices.models

GIN = "practices_practice_search_vector_gin"


def create_gin_index(apps, schema_editor):
    """PostgreSQL only: SQLite searches its FTS5 table and leaves the column empty."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN} ON practices_practice USING gin (search_vector)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")


class Migration(migrations.Migration):

    dependencies = [
        ('practices', '0002_search_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='practice',
            name='search_vector',
            field=models.GeneratedField(db_persist=True, editable=False, expression=wijkkracht.practices.models.OnPostgreSQL(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('name', config='dutch', weight='A'), '||', django.contrib.postgres.search.SearchVector('search_text', config='dutch', weight='B'), django.contrib.postgres.search.SearchConfig('dutch'))), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
