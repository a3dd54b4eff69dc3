"""Fixtures of the configuration's tests."""

from __future__ import annotations

import pytest
from django.db import connection

from config.dbwall import province_list


@pytest.fixture
def as_the_app():
    """Run as a role that is not a superuser (as the app's role must be), with
    ``app.province`` set as config.dbwall sets it; ``as_the_app(keys)`` changes the keys."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ntm_wall_probe')"
            " THEN CREATE ROLE ntm_wall_probe NOLOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$"
        )
        cursor.execute("GRANT USAGE ON SCHEMA public TO ntm_wall_probe")
        cursor.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ntm_wall_probe"
        )
        cursor.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ntm_wall_probe")
        cursor.execute("SET LOCAL ROLE ntm_wall_probe")

    def keys(value: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.province', %s, true)", [value])

    keys(province_list())
    yield keys
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
