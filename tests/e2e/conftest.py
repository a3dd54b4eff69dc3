"""Browser tests: Playwright (Python) driving Debian's Chromium against pytest-django's
live server on PostgreSQL.

The live server needs committed data, so these tests run like Django's
TransactionTestCase: the database is emptied after each one. The reference data
loaded once for the whole session (units, agencies, what migrations ship) is
saved before the first browser test, put back before each and after the last,
so the other tests never notice. A failing test leaves a screenshot and the page's HTML in
test-artifacts/ (gitignored; CI keeps it as an artefact).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Browser, Page, sync_playwright

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def reference_data(django_db_setup, django_db_blocker) -> str:
    """The database as the session set it up, serialised once."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="package", autouse=True)
def restore_reference_data(reference_data, browser, django_db_blocker) -> Iterator[None]:
    """After the last browser test (and its flush), the other tests find the data as before.

    It runs before Chromium closes (it needs `browser`): while Playwright's event loop runs,
    Django takes the test's database connection from a context variable, not the thread's,
    and this is the one to close. Tests that follow in the process (pytest-xdist) then use
    the thread's again."""
    yield
    with django_db_blocker.unblock():
        put_back(reference_data)
        connection.close()  # or it outlives the session and the test database cannot be dropped


def put_back(reference_data: str) -> None:
    """The reference data back in the database after a browser test's flush.

    Before the first browser test nothing was flushed: nothing to do (and some
    rows, rule sets, may never be rewritten). After a flush Django recreated
    content types and permissions under new ids: those go first so the saved
    ones come back with their own.
    """
    from django.contrib.contenttypes.models import ContentType

    from communes.models import Commune

    if Commune.objects.exists():
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE django_content_type CASCADE")
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(reference_data)


@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator[Browser]:
    """One Chromium for the browser tests. It depends on the test database so that it closes
    first: its kept-alive connections hold the live server's request threads (and their
    database connections) open until then. It closes at the end of tests/e2e/, not of the
    session: while Playwright's event loop runs, Django believes it is in async code and
    keeps its connections per context, so the tests that a pytest-xdist worker runs after
    the browser tests would open a connection that nobody closes, and the test database
    could not be dropped."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(request, browser, live_server, reference_data):
    """new_page() -> a page in its own browser context (its own cookies: one person).

    The previous browser test's flush emptied the database: the reference data goes back first.
    """
    put_back(reference_data)
    contexts = []
    console_errors: list[str] = []

    def _new_page() -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="vi-VN",
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()

        def on_console(msg) -> None:
            # A page answered 4xx on purpose is the test's business (it checks the page);
            # a failed script, style or image is reported by on_response below.
            if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
                console_errors.append(f"{page.url}: {msg.text}")

        def on_response(response) -> None:
            # a refusal (4xx) answered to a script's request is a page too (the upload
            # block sends its files by XMLHttpRequest and shows the page it gets back)
            kind = response.request.resource_type
            if kind in ("xhr", "fetch") and response.status < 500:
                return
            if kind != "document" and response.status >= 400:
                console_errors.append(f"{response.url}: HTTP {response.status}")

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda exc: console_errors.append(f"{page.url}: {exc}"))
        return page

    yield _new_page

    failed = any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                stem = ARTIFACTS / f"{request.node.name}-{i}-{j}"
                try:
                    page.screenshot(path=f"{stem}.png", full_page=True)
                    Path(f"{stem}.html").write_text(page.content())
                except Exception:  # noqa: BLE001, S110 - a closed page has no screenshot
                    pass
    for context in contexts:
        context.close()
    if not failed:
        assert console_errors == [], "browser console errors (CSP violations?)"


@pytest.fixture
def page(new_page) -> Page:
    return new_page()
