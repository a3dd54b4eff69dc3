"""The SQLite demo never answers 500 for a lock (issue 17, part 12).

The web server and the document worker write one SQLite file. The demo's database
runs in WAL mode, starts every transaction with BEGIN IMMEDIATE, waits for the lock
(busy timeout) and retries a statement refused for a lock outside a transaction.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from config import sqlite

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def hold_write_lock(path: Path, seconds: float) -> tuple[threading.Thread, threading.Event]:
    """Another writer (the worker) holding the write lock of `path` for `seconds`."""
    taken = threading.Event()

    def hold():
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO job (name) VALUES ('worker')")
        taken.set()
        time.sleep(seconds)
        raw.execute("COMMIT")
        raw.close()

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(5)
    return thread, taken


def sqlite_connection(path: Path, engine: str, timeout: float):
    database = sqlite.configure({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    database["ENGINE"] = engine
    database["OPTIONS"]["timeout"] = timeout
    if engine == "django.db.backends.sqlite3":
        # Django's own backend, as the demo had it (WAL alone does not stop the 500)
        database["OPTIONS"].pop("transaction_mode")
    return ConnectionHandler({"default": database})["default"]


@pytest.fixture
def demo_file(tmp_path, django_db_blocker):
    """A demo SQLite file with a table (the test database, PostgreSQL, is not used)."""
    path = tmp_path / "db.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE job (id INTEGER PRIMARY KEY, name TEXT)")
    raw.commit()
    raw.close()
    with django_db_blocker.unblock():
        yield path


def test_a_write_waits_out_a_lock_longer_than_the_busy_timeout(demo_file):
    connection = sqlite_connection(demo_file, "config.sqlite", timeout=0.1)
    try:
        thread, _ = hold_write_lock(demo_file, 1.0)
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO job (name) VALUES (%s)", ["web"])
        assert time.monotonic() - started >= 0.5  # it waited, then wrote
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM job ORDER BY id")
            assert [row[0] for row in cursor.fetchall()] == ["worker", "web"]
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        connection.close()


def test_a_transaction_takes_the_lock_first_and_is_retried(demo_file):
    connection = sqlite_connection(demo_file, "config.sqlite", timeout=0.1)
    try:
        thread, _ = hold_write_lock(demo_file, 1.0)
        # what transaction.atomic does: BEGIN IMMEDIATE (waited for, retried), then work
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM job")
            cursor.execute("INSERT INTO job (name) VALUES (%s)", ["web"])
        connection.commit()
        connection.set_autocommit(True)
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM job")
            assert cursor.fetchone()[0] == 2
    finally:
        connection.close()


def test_django_stock_backend_fails_where_the_demo_backend_waits(demo_file):
    """The control: the same lock gives Django's own SQLite setup "database is locked"."""
    connection = sqlite_connection(demo_file, "django.db.backends.sqlite3", timeout=0.1)
    try:
        thread, _ = hold_write_lock(demo_file, 1.0)
        with pytest.raises(OperationalError, match="database is locked"):
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO job (name) VALUES (%s)", ["web"])
        thread.join()
    finally:
        connection.close()


def test_the_demo_settings_use_the_backend_in_wal_mode(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(VAR_DIR=str(tmp_path), SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="config.settings")
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]\n"
        "c.execute('PRAGMA busy_timeout'); busy = c.fetchone()[0]\n"
        "print(connection.settings_dict['ENGINE'], mode, busy, connection.transaction_mode)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.sqlite", "wal", "20000", "IMMEDIATE"]
