"""Concurrency through the real server: many people pressing buttons on the same dossiers at once.

gunicorn with several worker processes serves the production settings. Ten submitted
dossiers get, all at the same moment, several "receive" clicks each; then competing
"return" and "appraise"; then competing "resubmit"/"withdraw" and "approve"/"return".
Every dossier must end in exactly one valid state, every click must get a clear answer
(done, or refused because someone else was first), and the history must be complete:
one event per accepted click, each starting where the previous ended.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import psycopg2
import pytest

from tests.conftest import PASSWORD
from tests.system.servers import (
    Browser,
    fresh_database,
    gunicorn,
    seed_dossiers,
    seed_users,
    system_database_name,
)

DOSSIERS = 10
DONE = re.compile(r"Đã “[^”]+” hồ sơ HS")
REFUSED = re.compile(r"Không thể “[^”]+”: hồ sơ đang ở trạng thái")

VALID = {
    ("draft", "submit"): "submitted",
    ("submitted", "receive"): "received",
    ("received", "appraise"): "appraised",
    ("received", "return"): "returned",
    ("appraised", "return"): "returned",
    ("appraised", "approve"): "approved",
    ("approved", "decide"): "decided",
    ("returned", "resubmit"): "submitted",
    ("returned", "withdraw"): "withdrawn",
    ("draft", "withdraw"): "withdrawn",
}


class Clicker:
    """One browser session that clicks a workflow button and reads the answer."""

    def __init__(self, url: str, username: str):
        self.browser = Browser(url)
        self.browser.login(username, PASSWORD)
        self.token = self.browser.csrf_token("/")

    def click(self, pk: int, action: str, note: str = "") -> str:
        response = self.browser.request(
            "POST",
            f"/ho-so/{pk}/chuyen/{action}/",
            data={"csrfmiddlewaretoken": self.token, "note": note},
        )
        assert response.status_code == 302, (action, response.status_code, response.text[:500])
        page = self.browser.get(response.headers["Location"]).text
        if DONE.search(page):
            return "done"
        if REFUSED.search(page):
            return "refused"
        raise AssertionError(f"{action} on {pk}: no clear answer")


class Person:
    """One user, with as many sessions as clicks they make at once (a browser tab each).

    The answer to a click is a flash message shown on the page after the redirect; two
    clicks sharing one session at the same instant could each read the other's message,
    so a person's simultaneous clicks never share a session."""

    def __init__(self, url: str, username: str):
        self.url, self.username = url, username
        self.tabs: list[Clicker] = []

    def tab(self, i: int) -> Clicker:
        while len(self.tabs) <= i:
            self.tabs.append(Clicker(self.url, self.username))
        return self.tabs[i]


def race(jobs: list[tuple[Person, int, str, str]]) -> list[tuple[int, str, str]]:
    """Run every click at the same instant (a barrier per round); return (pk, action, answer)."""
    barrier = Barrier(len(jobs))
    opened: dict[int, int] = {}
    tabs = []
    for person, *_ in jobs:  # each click of a person in its own tab (session)
        opened[id(person)] = opened.get(id(person), -1) + 1
        tabs.append(person.tab(opened[id(person)]))

    def run(job, tab):
        _, pk, action, note = job
        barrier.wait(timeout=60)
        return pk, action, tab.click(pk, action, note)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs, tabs))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("concurrency")
    with fresh_database(system_database_name("concurrency"), tmp) as env:
        seed_users(env, PASSWORD)
        ids = seed_dossiers(env, DOSSIERS, submit=True)
        with gunicorn(env, workers=4, log=tmp / "gunicorn.log") as app:
            yield app, env, ids, tmp


def test_parallel_transitions_leave_every_dossier_in_one_valid_state(server):
    app, env, ids, tmp = server
    reviewers = [Person(app.url, "bantdkt") for _ in range(3)]
    appraiser = Person(app.url, "vpdp")
    districts = [Person(app.url, "huyen_a") for _ in range(2)]
    accepted: list[tuple[int, str]] = []

    def play(jobs):
        results = race(jobs)
        accepted.extend((pk, action) for pk, action, answer in results if answer == "done")
        return results

    # 1. three reviewers receive every dossier at once: one wins each
    results = play([(r, pk, "receive", "") for pk in ids for r in reviewers])
    for pk in ids:
        assert [a for p, _, a in results if p == pk].count("done") == 1

    # 2. return and appraise race on every dossier
    play([(reviewers[0], pk, "return", "Bổ sung.") for pk in ids]
         + [(appraiser, pk, "appraise", "") for pk in ids])  # fmt: skip

    # 3. on returned dossiers two district clicks race (resubmit, withdraw);
    #    on appraised ones two reviewers approve while a third returns
    states = dossier_states(env, ids)
    jobs = []
    for pk in ids:
        if states[pk] == "returned":
            jobs += [(districts[0], pk, "resubmit", ""), (districts[1], pk, "withdraw", "Rút.")]
        else:
            jobs += [(reviewers[0], pk, "approve", ""), (reviewers[1], pk, "approve", ""),
                     (reviewers[2], pk, "return", "Bổ sung.")]  # fmt: skip
    play(jobs)

    # every dossier: one valid state, reached by a complete, gap-free history
    final = dossier_states(env, ids)
    history = dossier_history(env, ids)
    for pk in ids:
        state = "draft"
        for action, from_status, to_status in history[pk]:
            assert from_status == state, (pk, history[pk])
            assert VALID.get((from_status, action)) == to_status, (pk, action, from_status)
            state = to_status
        assert state == final[pk]
        moves = [(pk, a) for a, _, _ in history[pk] if a != "submit"]
        assert sorted(moves) == sorted(x for x in accepted if x[0] == pk)
    assert set(final.values()) <= {"submitted", "withdrawn", "returned", "approved"}
    log = (tmp / "gunicorn.log").read_text()
    assert "Traceback" not in log


def dossier_states(env, ids) -> dict[int, str]:
    with psycopg2.connect(env["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, status FROM dossiers_dossier WHERE id = ANY(%s)", (ids,))
        return dict(cur.fetchall())


def dossier_history(env, ids) -> dict[int, list[tuple[str, str, str]]]:
    """The transitions of each dossier in order (other events, uploads and edits, left out)."""
    with psycopg2.connect(env["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT dossier_id, action, from_status, to_status FROM dossiers_dossierevent"
            " WHERE dossier_id = ANY(%s) AND from_status <> to_status ORDER BY at, id",
            (ids,),
        )
        history: dict[int, list] = {pk: [] for pk in ids}
        for pk, action, from_status, to_status in cur.fetchall():
            history[pk].append((action, from_status, to_status))
        return history
