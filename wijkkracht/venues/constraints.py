"""On PostgreSQL the database itself refuses overlapping bookings of one room."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE venues_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
    room_id WITH =, tstzrange(start, held_until, '[)') WITH &&
) WHERE (status IN ('requested', 'approved'));
"""
DROP = "ALTER TABLE venues_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


def operation():
    return migrations.RunPython(create, drop)
