"""The system tests' own machinery (tests/system/servers.py): runs that share a PostgreSQL server
do not meet, and what a killed run leaves behind does not break the next one."""

from __future__ import annotations

import contextlib
import os
import socket
from urllib.parse import urlsplit

import psycopg2
import pytest
from psycopg2 import sql

from tests.system import servers
from tests.system.servers import (
    BASE_URL,
    MAX_NAME,
    admin_connection,
    database_url,
    fresh_database,
    system_database_name,
    throwaway_cluster,
)


def database_exists(name: str) -> bool:
    with contextlib.closing(admin_connection()) as conn, conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cur.fetchone() is not None


def is_closed_by_server(conn) -> bool:
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
    except psycopg2.OperationalError:
        return True
    return False


def test_system_databases_are_named_after_the_run_s_database():
    assert system_database_name("backup", "postgres://u@h:5432/ntm", "") == "ntm_e2e_backup"
    assert system_database_name("backup", "postgres://u@h/ntm_a", "") == "ntm_a_e2e_backup"
    assert system_database_name("backup").startswith(urlsplit(BASE_URL).path[1:] + "_e2e_")
    # Names past PostgreSQL's limit are cut, and stay apart from their neighbours.
    long_a, long_b = (f"postgres://u@h/{'x' * 60}_{c}" for c in "ab")
    names = {
        system_database_name(purpose, base)
        for purpose in ("backup", "restored")
        for base in (long_a, long_b)
    }
    assert len(names) == 4
    assert all(len(name.encode()) <= MAX_NAME for name in names)


def test_two_pytest_xdist_workers_name_their_databases_apart():
    base = "postgres://u@h/ntm"
    assert system_database_name("backup", base, "gw0") == "ntm_e2e_backup_gw0"
    assert system_database_name("backup", base, "gw1") == "ntm_e2e_backup_gw1"
    assert system_database_name("backup").endswith(f"_{servers.WORKER}" if servers.WORKER else "")
    long = f"postgres://u@h/{'x' * 60}"
    assert system_database_name("backup", long, "gw0") != system_database_name(
        "backup", long, "gw1"
    )


def test_servers_default_database_is_the_one_of_the_test_settings(tmp_path):
    """Without TEST_DATABASE_URL, tests/system/servers.py and config/settings_test.py agree."""
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    out = servers.run_python(
        env,
        "-c",
        "from urllib.parse import urlsplit\n"
        "from django.conf import settings\n"
        "from tests.system.servers import BASE_URL\n"
        "print(settings.DATABASES['default']['NAME'], urlsplit(BASE_URL).path[1:])",
    ).stdout.split()
    assert out[0] == out[1]


def test_fresh_database_replaces_a_leftover_that_a_connection_still_holds(tmp_path):
    name = system_database_name("leftover")
    for run in (1, 2):
        # What a killed run leaves: the database, with its data, a connection still open
        # in the middle of a transaction.
        if not database_exists(name):
            with contextlib.closing(admin_connection()) as admin, admin.cursor() as cur:
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        leftover = psycopg2.connect(database_url(name))
        with leftover.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS stale (run int)")
            cur.execute("INSERT INTO stale VALUES (%s)", [run])
            leftover.commit()
            cur.execute("SELECT count(*) FROM stale")

        folder = tmp_path / str(run)
        folder.mkdir()
        with fresh_database(name, folder) as env:
            assert is_closed_by_server(leftover)
            held = psycopg2.connect(env["DATABASE_URL"])
            with held.cursor() as cur:
                cur.execute("SELECT to_regclass('stale'), count(*) FROM communes_commune")
                assert cur.fetchone() == (None, 108)
                cur.execute("SELECT count(*) FROM django_migrations")
                assert cur.fetchone()[0] > 0
            # `held` stays open, as in a test that fails before it closes its connection.

        assert not database_exists(name)
        assert is_closed_by_server(held)
        leftover.close()
        held.close()


@pytest.mark.skipif(
    not sorted(servers.Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")),
    reason="PostgreSQL server binaries not installed",
)
def test_throwaway_cluster_takes_another_port_when_its_port_is_taken(monkeypatch):
    """The port is free when chosen but someone may take it before PostgreSQL binds it."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    taken_port = taken.getsockname()[1]
    real_free_port = servers.free_port
    offered: list[int] = []

    def free_port() -> int:  # first the taken port, then real free ones
        offered.append(real_free_port() if offered else taken_port)
        return offered[-1]

    monkeypatch.setattr(servers, "free_port", free_port)
    with taken, throwaway_cluster() as cluster:
        assert offered[0] == taken_port
        assert cluster.port == offered[-1] != taken_port
        with contextlib.closing(psycopg2.connect(cluster.url)) as conn, conn.cursor() as cur:
            cur.execute("SHOW port")
            assert cur.fetchone() == (str(cluster.port),)
