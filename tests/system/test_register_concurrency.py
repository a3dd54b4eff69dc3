"""Issue 16, part 1: two documents issued at the same moment never share a number.

A fresh database (migrated, production settings) and one Django process whose 16 threads,
each on its own PostgreSQL connection, wait at a barrier and then issue a document of the
same body at once, half on 31/12/2024 and half on 1/1/2025; each holds its transaction
open a moment after taking its number, so that the others must wait for it. A third of
them then fail (their transaction rolls back): their numbers are not spent. The register
must read 01..n in each year, without a gap or a repeat.
"""

from __future__ import annotations

import json

from tests.system.servers import (
    django_run,
    empty_database,
    manage,
    production_env,
    system_database_name,
)

THREADS = 16

SCRIPT = """
import datetime as dt, json, time
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from django.db import connection, transaction
from dossiers.documents.models import OutgoingDocument
from dossiers.documents.register import outgoing_document_issue

barrier = Barrier(%(threads)d)

def one(i):
    barrier.wait()
    on = dt.date(2024, 12, 31) if i %% 2 else dt.date(2025, 1, 1)
    try:
        with transaction.atomic():
            doc = outgoing_document_issue(
                body_key="province:06", body_name="UBND tỉnh Bắc Kạn", body_abbreviation="UBND",
                kind_code="QĐ", issued_on=on, excerpt=f"Quyết định {i}",
            )
            time.sleep(0.05)
            if i %% 3 == 0:
                raise RuntimeError("rolled back")
        return [doc.year, doc.full_number]
    except RuntimeError:
        return None
    finally:
        connection.close()

with ThreadPoolExecutor(%(threads)d) as pool:
    issued = [r for r in pool.map(one, range(%(threads)d)) if r]
rows = list(OutgoingDocument.objects.order_by("year", "number").values_list("year", "number"))
print(json.dumps({"issued": issued, "rows": rows}))
"""


def test_documents_issued_at_once_get_distinct_numbers_in_each_year(tmp_path):
    with empty_database(system_database_name("register")) as url:
        env = production_env(tmp_path, db_url=url)
        manage(env, "migrate", "-v0")
        out = json.loads(django_run(env, SCRIPT % {"threads": THREADS}).strip().splitlines()[-1])
    committed = [i for i in range(THREADS) if i % 3]
    by_year = {
        2024: sum(1 for i in committed if i % 2),
        2025: sum(1 for i in committed if not i % 2),
    }
    assert len(out["issued"]) == len(committed)
    assert len({tuple(x) for x in out["issued"]}) == len(committed)  # no number twice
    for year, count in by_year.items():
        numbers = [n for y, n in out["rows"] if y == year]
        assert numbers == list(range(1, count + 1)), (year, numbers)  # 01.., no gap
        assert sorted(num for y, num in out["issued"] if y == year) == [
            f"{n:02d}/QĐ-UBND" for n in range(1, count + 1)
        ]
