"""The province wall's SQL: PostgreSQL row-level security on every province-scoped table
(issue 18, part 1's second wall), one line per table in its app's migration.

A walled table has row-level security enabled and forced (its owner, the app's role, is
subject too) and one policy, ``province_wall``, for every command: a row is visible, and
may be written, only when its province is one of the connection's ``app.province`` (a
comma-separated list of province keys that :mod:`config.dbwall` sets on each connection
to the installation's province and its lineage). An unset or empty ``app.province`` is a
maintenance session (``PROVINCE_WALL=0``) and sees every province. A PostgreSQL superuser
is never subject to row-level security (README: "Security").

How a table names its province (the ``condition`` of :func:`province_wall`):

- :func:`by_province`: a column holding the province key (``province_id``,
  ``province_code``); a row whose column is NULL belongs to no province and is seen by
  all when ``nullable`` (an account of a superuser, an agency recorded before its
  province was loaded), as migration dossiers 0008_province_wall does.
- :func:`through`: a row hanging from a walled parent (a nominee from its dossier, a
  village from its commune) is visible when its parent is: ``EXISTS`` on the parent,
  whose own policy applies inside the subquery (one index probe of the parent's primary
  key per row; measured in README "Security": no denormalised column was needed).
- :func:`by_body_key`: an issuing body's key (``province:06``, ``district:061``,
  ``commune:01834``, ``agency:snn``, see :mod:`dossiers.documents.bodies`): the body is
  the installation's province or one of its walled units or agencies.

Adding a table: ``province_wall("app_table", by_province())`` (or ``through(...)``) in
the migration that creates it; ``tests/config/test_province_wall_everywhere.py`` fails
for any model with a province-scoped relation that has no policy and is not in
:data:`SHARED_TABLES`.

Shared, not walled (:data:`SHARED_TABLES`, with the reason of each):

- ``communes_province``: the national list of provinces, public; read to find the
  installation's lineage before ``app.province`` is set.
- ``communes_unitchange``: the national record of reorganisations (public resolutions);
  the lineage that sets ``app.province`` is read from it.
- ``criteria_criteriaset``, ``criteria_criterion``, ``criteria_indicator``: the national
  criteria sets (Quyết định 318/QĐ-TTg, 51/2025/QĐ-TTg …), the same for every province.
- ``emulation_plan``, ``emulation_planround``, ``emulation_planroundtitle``: a plan is a
  public document, and a province without its own plan row reads the one that ships
  (Bắc Kạn's, loaded in every database by a migration; ``Plan.objects.ordered_for``):
  walled, another province's installation would have no plan at all.
- ``emulation_ruleset``: the rule sets (thresholds) are shared for now (README: "Not yet
  per province"), as their plans are. (A district's plan targets are walled through the
  district; the province's own targets, with no district, are seen by all for now.)
- ``documents_certificatelayout``, ``documents_certificatefield``: one active certificate
  blank per database for now (constraint ``one_active_certificate_layout``); provinces
  sharing a database share it.
- ``django_admin_log``: the Django admin is closed to all but superusers, who operate the
  whole database.
- ``django_session``, ``django_tasks_database_dbtaskresult``: infrastructure keyed by
  random ids; a session is refused on another installation (the first wall), a task
  reads its job through the walled ``documents_documentjob``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, migrations, transaction

SETTING = "current_setting('app.province', true)"
KEYS = f"string_to_array({SETTING}, ',')"
MAINTENANCE = f"coalesce({SETTING}, '') = ''"
POLICY = "province_wall"

# table -> why it is not walled (module docstring)
SHARED_TABLES: dict[str, str] = {
    "communes_province": "the national list of provinces; the lineage is read from it",
    "communes_unitchange": "the national record of reorganisations; the lineage is read from it",
    "criteria_criteriaset": "the national criteria sets, the same for every province",
    "criteria_criterion": "the national criteria sets' criteria",
    "criteria_indicator": "the national criteria sets' indicators",
    "emulation_plan": "a province without its own plan reads the one that ships (README)",
    "emulation_planround": "the rounds of a shared plan",
    "emulation_planroundtitle": "the titles of a shared plan's rounds",
    "emulation_ruleset": "rule sets are shared for now (README), as their plans are",
    "documents_certificatelayout": "one active certificate blank per database for now",
    "documents_certificatefield": "the fields of the shared certificate blank",
    "django_admin_log": "the Django admin is closed to all but superusers",
    "django_session": "random keys; a session is refused on another installation",
    "django_tasks_database_dbtaskresult": "a task reads its job through the walled job table",
}

# A condition is SQL with ``{table}`` standing for the walled table's name.


def by_province(column: str = "province_id", *, nullable: bool = False) -> str:
    """The row's ``column`` holds a province key of the installation (NULL: seen by all
    when ``nullable``)."""
    condition = f"{{table}}.{column} = ANY ({KEYS})"
    return f"{{table}}.{column} IS NULL OR {condition}" if nullable else condition


def through(column: str, parent: str, parent_column: str = "id", *, nullable: bool = False) -> str:
    """The row's parent (``column`` → ``parent.parent_column``) is visible under the
    parent's own wall; NULL: seen by all when ``nullable``."""
    condition = (
        f"EXISTS (SELECT 1 FROM {parent} parent "  # noqa: S608  # nosec B608 - names, no values
        f"WHERE parent.{parent_column} = {{table}}.{column})"
    )
    return f"{{table}}.{column} IS NULL OR {condition}" if nullable else condition


def by_body_key(column: str = "body_key") -> str:
    """An issuing body's key (``kind:code``) names the installation's province, or a
    district, commune or agency visible under their walls."""
    code = f"split_part({{table}}.{column}, ':', 2)"
    return (
        f"CASE split_part({{table}}.{column}, ':', 1) "  # noqa: S608  # nosec B608 - names
        f"WHEN 'province' THEN EXISTS (SELECT 1 FROM communes_province p "
        f"WHERE p.code = {code} AND p.key = ANY ({KEYS})) "
        f"WHEN 'district' THEN EXISTS (SELECT 1 FROM communes_district d WHERE d.code = {code}) "
        f"WHEN 'commune' THEN EXISTS (SELECT 1 FROM communes_commune c WHERE c.code = {code}) "
        f"WHEN 'agency' THEN EXISTS (SELECT 1 FROM emulation_agency a WHERE a.code = {code}) "
        f"ELSE false END"
    )


def any_of(*conditions: str) -> str:
    """Visible when any of ``conditions`` holds (a row of a commune or of a district)."""
    return " OR ".join(f"({condition})" for condition in conditions)


def wall_sql(table: str, condition: str) -> list[str]:
    """The statements that wall ``table`` (row-level security enabled and forced, one
    policy for reads and writes)."""
    visible = f"{MAINTENANCE} OR ({condition.format(table=table)})"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY {POLICY} ON {table} USING ({visible}) WITH CHECK ({visible})",
    ]


def unwall_sql(table: str) -> list[str]:
    """The statements that take the wall down again."""
    return [
        f"DROP POLICY IF EXISTS {POLICY} ON {table}",
        f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
    ]


def _on_postgresql(statements: Callable[[], list[str]]) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        # SQLite (the demo, one province) has no row-level security: nothing to do there
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements():
            schema_editor.execute(statement)

    return run


def province_wall(table: str, condition: str) -> migrations.RunPython:
    """A reversible migration operation walling ``table`` on PostgreSQL:
    ``province_wall("dossiers_nominee", through("dossier_id", "dossiers_dossier"))``."""
    return migrations.RunPython(
        _on_postgresql(lambda: wall_sql(table, condition)),
        _on_postgresql(lambda: unwall_sql(table)),
    )


@contextmanager
def maintenance(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """The wall lowered for what runs inside (a transaction): for a management command
    that loads national reference data whose rows belong to several provinces (the unit
    list, whose reorganisation of 1/7/2025 brings the merged Thái Nguyên's units before
    the lineage that joins it to Bắc Kạn is loaded). Never from a request. The wall is
    back on leaving, as it was (a failure rolls the setting back with the rest)."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {SETTING}")
            (before,) = cursor.fetchone()
            cursor.execute("SELECT set_config('app.province', '', true)")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.province', %s, true)", [before or ""])
