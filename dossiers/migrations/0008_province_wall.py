"""The second wall between provinces sharing one PostgreSQL database (issue 18): row-level
security on the tables that carry a province — dossiers and accounts. A row is visible
(and writable) only when its province is one of ``app.province`` (a comma-separated list
of province keys, set on each connection by config.dbwall to the installation's province
and its lineage); an unset or empty ``app.province`` (a maintenance session) sees all.
FORCE makes the tables' owner — the app's role — subject to it too; a PostgreSQL
superuser is never subject to row-level security (README: "Security").
SQLite (the demo, one province) has no row-level security: nothing is done there."""

from django.db import migrations

TABLES = ["dossiers_dossier", "emulation_user"]
VISIBLE = (
    "coalesce(current_setting('app.province', true), '') = '' "
    "OR province_id IS NULL "
    "OR province_id = ANY (string_to_array(current_setting('app.province', true), ','))"
)


def wall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        schema_editor.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        schema_editor.execute(
            f"CREATE POLICY province_wall ON {table} USING ({VISIBLE}) WITH CHECK ({VISIBLE})"
        )


def unwall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP POLICY IF EXISTS province_wall ON {table}")
        schema_editor.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        schema_editor.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0007_notification_email_state"),
        ("emulation", "0013_user_province_set"),
    ]

    operations = [migrations.RunPython(wall, unwall)]
