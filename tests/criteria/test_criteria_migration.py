"""The criteria-set migrations on a database that already has assessments: every
assessment still points at the criterion it pointed at (the 19 keep their ids, now the
criteria of set qd-318-2022 with the same numbers), and the ids continue after them.

Run in a throwaway PostgreSQL database of its own (the session's test database stays
as it is), through manage.py as a deployment runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]

BEFORE = """
from django.db import connection
from communes.services import admin_units_load
from communes.models import Commune
admin_units_load()
codes = list(Commune.objects.order_by("pk").values_list("pk", flat=True)[:2])
with connection.cursor() as cur:
    for code in codes:
        for n in range(1, 20):
            cur.execute(
                "INSERT INTO criteria_assessment (commune_id, criterion_id, assessed_on, met,"
                " note, evidence, recorded_at) VALUES (%s, %s, '2020-12-20', %s, '', '', now())",
                [code, n, n % 2 == 0],
            )
"""

AFTER = """
import json
from criteria.models import Assessment, CriteriaSet, Criterion
rows = Assessment.objects.values_list(
    "criterion_id", "criterion__number", "criterion__criteria_set__code"
)
s = CriteriaSet.objects.get(code="qd-51-2025")
made = Criterion.objects.create(criteria_set=s, number=11, name="Thử", short_name="Thử")
print(json.dumps({
    "rows": sorted(set(rows)),
    "count": Assessment.objects.count(),
    "sets": list(CriteriaSet.objects.values_list("code", flat=True)),
    "new_ids": sorted(Criterion.objects.filter(criteria_set=s).values_list("id", flat=True)),
    "made": made.pk,
}))
"""


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def scratch_database():
    db = settings.DATABASES["default"]
    name = f"ntm_migration_{uuid.uuid4().hex[:10]}"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
    }

    def run(sql: str) -> None:
        conn = psycopg2.connect(**params)
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    run(f'CREATE DATABASE "{name}"')
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    try:
        yield f"postgres://{user}@{params['host']}:{params['port']}/{name}"
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}"')


def test_migration_keeps_every_assessment_on_its_criterion(scratch_database):
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    _manage(env, "migrate", "communes", "-v0")
    _manage(env, "migrate", "criteria", "0002", "-v0")
    _manage(env, "shell", "-c", BEFORE)
    _manage(env, "migrate", "-v0")
    result = json.loads(_manage(env, "shell", "-c", AFTER).strip().splitlines()[-1])
    assert result["count"] == 38
    # each row's criterion id is the number it held, now criterion n of set qd-318-2022
    assert result["rows"] == [[n, n, "qd-318-2022"] for n in range(1, 20)]
    assert result["sets"] == ["qd-318-2022", "qd-51-2025"]
    assert result["new_ids"][:10] == list(range(20, 30))
    assert result["made"] == 30  # the identity continues after the largest id
