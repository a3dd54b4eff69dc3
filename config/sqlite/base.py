"""SQLite for the embedded demo, made to share its file with the document worker.

The demo's web server and its background worker (scripts/worker.sh) write the same
SQLite file. Django's default SQLite setup answers "database is locked" (a 500) as
soon as both write at once: a deferred transaction that starts reading and then
writes cannot wait for the other writer. Here:

- the journal is WAL (readers never wait for the writer, the writer never waits for
  readers), set on every new connection with synchronous=NORMAL;
- every transaction starts with BEGIN IMMEDIATE (it takes the write lock first and
  waits for it, instead of failing half-way);
- a busy timeout makes SQLite itself wait for the lock (settings' OPTIONS "timeout");
- and a statement refused for a lock outside a transaction (a BEGIN, or a write in
  autocommit) is retried a few times with a growing pause: nothing of it was applied,
  so running it again is safe. Inside a transaction nothing is retried.
"""

from __future__ import annotations

import sqlite3
import time

from django.db.backends.sqlite3 import base

# Pauses (seconds) between the attempts of a statement refused for a lock.
RETRY_PAUSES = (0.2, 0.5, 1.0, 2.0)


def is_lock_error(exc: BaseException) -> bool:
    message = str(exc).lower()
    return "database is locked" in message or "database table is locked" in message


def with_retries(call, *args, retry: bool = True):
    """call(*args), again after a pause while SQLite refuses it for a lock."""
    for pause in (*RETRY_PAUSES, None) if retry else (None,):
        try:
            return call(*args)
        except sqlite3.OperationalError as exc:
            if pause is None or not is_lock_error(exc):
                raise
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


class RetryingCursorWrapper(base.SQLiteCursorWrapper):
    # Only when no transaction is open: the refused statement changed nothing.
    def execute(self, query, params=None):
        return with_retries(
            super().execute, query, params, retry=not self.connection.in_transaction
        )

    def executemany(self, query, param_list):
        # a generator of parameters is used up by the first attempt: keep a list
        return with_retries(
            super().executemany, query, list(param_list), retry=not self.connection.in_transaction
        )


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        # Turning a new file to WAL needs it unlocked for a moment: wait like a statement
        return with_retries(super().get_new_connection, conn_params)

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=RetryingCursorWrapper)
