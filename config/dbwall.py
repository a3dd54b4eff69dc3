"""The second wall between provinces sharing one PostgreSQL database (issue 18).

Row-level security on every province-scoped table (the policies and the list of shared
tables: :mod:`emulation.rowsecurity`; migrations dossiers 0008 and 0015, communes 0003,
criteria 0006, emulation 0017, documents 0008) shows a row only when its province is one
of the session's ``app.province``. Each connection this process opens sets it to the
installation's province and its lineage (Bắc Kạn with the merged Thái Nguyên), so a
query whose province filter was forgotten returns the installation's rows and nothing of
another province's. The installation's province is
the process's (``PROVINCE_CODE``), the same for every request: set once per connection,
it costs no query per request.

``PROVINCE_WALL=0`` leaves it unset (a maintenance session that must see every province,
e.g. loading a second province's data; ``load_admin_units`` lowers it for its own
transaction with ``emulation.rowsecurity.maintenance``); a PostgreSQL superuser is never
subject to row-level security, so the app's role must not be one (README: "Security").
"""

from __future__ import annotations

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

from emulation.provinces import installation_provinces


def province_list() -> str:
    """``app.province``'s value: the installation's province keys, comma-separated."""
    return ",".join(sorted(installation_provinces()))


def refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    """Set ``app.province`` again on an open connection: after a command loaded a
    reorganisation, the installation's lineage has grown (a connection opened before
    keeps the old one; the app's processes are restarted after such a load)."""
    set_wall(None, connections[using])


def set_wall(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql" or not settings.PROVINCE_WALL:
        return
    with connection.cursor() as cursor:
        # the lineage is read from the unit records once they exist (not while the test
        # database or a fresh one is being created)
        cursor.execute("SELECT to_regclass('communes_unitchange') IS NOT NULL")
        (ready,) = cursor.fetchone()
        keys = province_list() if ready else settings.PROVINCE_CODE
        cursor.execute("SELECT set_config('app.province', %s, false)", [keys])


def install() -> None:
    connection_created.connect(set_wall, dispatch_uid="config.dbwall")
