"""Rule-set versions are never rewritten on SQLite either (the demo database): triggers
refuse UPDATE and DELETE, as the PostgreSQL trigger of 0004 does. (The model and its
queryset refuse them in Python on every database.)"""

from django.db import migrations

SQLITE_TRIGGERS = (
    """
CREATE TRIGGER IF NOT EXISTS emulation_ruleset_no_update
BEFORE UPDATE ON emulation_ruleset
BEGIN
    SELECT RAISE(ABORT, 'emulation_ruleset rows are never rewritten: create a new version');
END;
""",
    """
CREATE TRIGGER IF NOT EXISTS emulation_ruleset_no_delete
BEFORE DELETE ON emulation_ruleset
BEGIN
    SELECT RAISE(ABORT, 'emulation_ruleset rows are never deleted');
END;
""",
)
DROP_SQLITE_TRIGGERS = (
    "DROP TRIGGER IF EXISTS emulation_ruleset_no_update;",
    "DROP TRIGGER IF EXISTS emulation_ruleset_no_delete;",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP_SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("emulation", "0015_plan_baseline_criteria_from_set")]

    operations = [migrations.RunPython(create, drop)]
