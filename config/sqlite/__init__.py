"""The embedded demo's SQLite database: WAL, BEGIN IMMEDIATE, a busy timeout, a retry
(the backend is config/sqlite/base.py). No Django import here: the settings read it."""

from __future__ import annotations

from typing import Any

PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
# timeout: seconds SQLite waits for the write lock (its busy timeout)
OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": PRAGMAS}


def configure(database: Any) -> Any:
    """The settings' database (a dict, or dj-database-url's typed dict), with this backend
    and its options when it is SQLite."""
    if database.get("ENGINE") == "django.db.backends.sqlite3":
        database["ENGINE"] = "config.sqlite"
        database["OPTIONS"] = {**OPTIONS, **database.get("OPTIONS", {})}
    return database
