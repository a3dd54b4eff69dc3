"""WCAG 2.1 AA in Chromium (issue 17, part 16): axe-core on every page of the URL conf as
each role, and no page wider than a phone (part 13).

The pages are the GET rows of tests/config/test_permissions_matrix.py's RULES that answer
200 to a role, with the URL's parameters filled from that test's objects (district A's
draft, B's draft, A's dossier submitted to the province, a decision, a layout, …): a new
view gets a row there, so it is checked here too. Each distinct page (URL name) is visited
once per role — the rows that differ only in whose object they show (A's or B's draft)
render the same template — and district B's staff, the same role as A's, are left out;
only HTML is checked: downloads (PDF, workbooks, DOCX, CSV, the
evidence files) are skipped by their content type.

One Chromium, one context per role, no screenshots: axe-core (vendored, tests/e2e/vendor)
is added to every page of the context as an init script and run with the WCAG 2.0/2.1 A and
AA rules; a critical or serious violation fails the test with the page, the rule and the
elements. The phone test loads the main pages of each role at 390 px and checks that the
page does not scroll sideways (wide tables scroll inside their own region).
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.config.test_permissions_matrix import (  # noqa: F401 - fixtures used by name
    ROLES,
    RULES,
    concrete_url,
    objects,
    url_patterns,
    users,
)

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Answers that are files, not pages: not fetched at all (WeasyPrint is slow, and the
# content type check below would skip them anyway).
FILE_SUFFIXES = ("_pdf", "_xlsx", "_docx", "_template", "_download", "healthz", ":evidence")
FILE_NAMES = {"set_language", "documents:layout_test_print"}
# The Bằng khen's test print is the pre-printed blank itself (fields placed in mm on A4
# landscape): content that needs its two-dimensional layout (WCAG 1.4.10's exception).
WIDE_BY_NATURE = {"documents:layout_test_view"}

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'critical' || v.impact === 'serious')
    .map(v => `${v.impact} ${v.id}: ${v.help}\\n` + v.nodes.slice(0, 5).map(
      n => `    ${n.target.join(' ')} — ${n.failureSummary.replace(/\\s+/g, ' ')}`).join('\\n'));
}"""


def pages_by_role(ids: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """{role: [(url name, url), ...]}: one URL per name that answers the role with 200."""
    routes = {name: route for name, route, _ in url_patterns()}
    pages: dict[str, dict[str, str]] = {role: {} for role in ROLES if role != "district_b"}
    for rule in RULES:
        if rule.method != "get" or rule.name in FILE_NAMES:
            continue
        if rule.name.endswith(FILE_SUFFIXES):
            continue
        url = concrete_url(routes[rule.name], {k: ids.get(v, v) for k, v in rule.kwargs.items()})
        if rule.data:  # a GET's query (the round of a decision to draft)
            url += "?" + urlencode(rule.data)
        for role in ROLES:
            if role in pages and rule.outcome[role] == 200:
                pages[role].setdefault(rule.name, url)
    # the nominee form (its live verdict) of two kinds, beyond the kind chooser
    add = pages["district_a"]["dossiers:nominee_add"]
    pages["district_a"] |= {
        "nominee form: individual": f"{add}?loai=individual",
        "nominee form: commune": f"{add}?loai=commune",
    }
    return {role: sorted(named.items()) for role, named in pages.items()}


def role_context(browser, live_server, user, **options):
    """A browser context logged in as ``user`` (None: anonymous) through a session cookie."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
    context.set_default_timeout(15_000)
    # Static files come from the live server and stay in the context's HTTP cache: a
    # Playwright route that served them from the disk instead turned that cache off, and
    # every page then fetched and compiled its stylesheets and scripts again (a third of
    # the walk's time).
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def html_page(page, url: str) -> bool:
    """Load ``url``; False for a download or anything but a page of HTML answered 200."""
    try:
        # the stylesheets are in by then: the scripts at the end of the body wait for them
        response = page.goto(url, wait_until="domcontentloaded")
    except PlaywrightError as error:
        if "Download is starting" in str(error):
            return False
        raise
    return (
        response is not None
        and response.status == 200
        and response.headers.get("content-type", "").startswith("text/html")
        # a fragment that htmx puts into its page (the villages of a commune) is checked there
        and page.evaluate("document.doctype !== null")
    )


@pytest.fixture
def restored(live_server, reference_data) -> None:
    """The reference data back (a previous browser test's flush emptied the database)
    before the users and objects are made."""
    from tests.e2e.conftest import put_back

    put_back(reference_data)


@pytest.fixture
def logged_in(restored, browser, live_server, users):  # noqa: F811 - matrix's users
    contexts = []

    def _context(role: str, **options):
        context = role_context(browser, live_server, users.get(role), **options)
        contexts.append(context)
        return context

    yield _context
    for context in contexts:
        context.close()


def test_every_page_as_every_role_has_no_serious_axe_violation(logged_in, objects):  # noqa: F811
    started = time.monotonic()
    found: list[str] = []
    visited = 0
    for role, pages in pages_by_role(objects).items():
        context = logged_in(role, viewport=DESKTOP)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        for name, url in pages:
            if not html_page(page, url):
                continue
            visited += 1
            for violation in page.evaluate(AXE_RUN, TAGS):
                found.append(f"{role} {name} {url}\n  {violation}")
            # and at a phone's width the page does not scroll sideways
            page.set_viewport_size(PHONE)
            sideways = page.evaluate(SIDEWAYS)
            if sideways["scroll"] > PHONE["width"] and name not in WIDE_BY_NATURE:
                found.append(f"{role} {name} {url}\n  {sideways['scroll']} px wide at 390 px: "
                             f"{sideways['wide']}")  # fmt: skip
            page.set_viewport_size(DESKTOP)
        context.close()
    assert visited > 90, f"only {visited} pages checked"
    assert found == [], f"{len(found)} serious/critical violations:\n" + "\n".join(found)
    print(f"{visited} pages in {time.monotonic() - started:.1f} s")  # noqa: T201


# The pages a person uses most, per role, on a phone (issue 17, part 13).
PHONE_PAGES = {
    "anonymous": ["login", "public_awards"],
    "district_a": ["home", "dossiers:list", "dossiers:detail", "nominee form: individual",
                   "rules:who_qualifies", "communes:list", "criteria:matrix",
                   "progress:dashboard"],
    "commune": ["home", "dossiers:list", "rules:who_qualifies", "criteria:matrix"],
    "agency": ["home", "dossiers:list", "rules:who_qualifies"],
    "reviewer": ["home", "dossiers:list", "dossiers:detail", "dossiers:decisions",
                 "rules:who_qualifies", "progress:report", "documents:register"],
    "appraiser": ["home", "dossiers:list", "dossiers:detail"],
    "admin": ["home", "users:users", "users:audit_log", "rules:plan_detail",
              "criteria:set_detail", "documents:layout_edit", "communes:list"],
}  # fmt: skip
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const box = e.getBoundingClientRect();
    return box.right > width + 1 && getComputedStyle(e).position !== 'fixed'
      && !e.closest('.table-responsive, .visually-hidden, .visually-hidden-focusable');
  }).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.classList.value : ''));
  return {scroll: document.documentElement.scrollWidth, wide};
}"""


def test_no_page_scrolls_sideways_on_a_phone(logged_in, objects):  # noqa: F811
    """At 390 px the page never scrolls sideways (wide tables scroll in their own region,
    which the keyboard reaches), and on the nominee form the live verdict stands above the
    save button."""
    pages = pages_by_role(objects)
    problems = []
    for role, names in PHONE_PAGES.items():
        context = logged_in(role, viewport=PHONE, is_mobile=True, has_touch=True)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        urls = dict(pages[role])
        for name in names:
            assert html_page(page, urls[name]), (role, name)
            found = page.evaluate(SIDEWAYS)
            if found["scroll"] > PHONE["width"]:
                problems.append(f"{role} {name}: {found['scroll']} px wide, {found['wide']}")
            problems += [
                f"{role} {name}: {violation}"
                for violation in page.evaluate(
                    AXE_RUN.replace("{type: 'tag', values: tags}", "{type: 'rule', values: tags}"),
                    ["scrollable-region-focusable"],
                )
            ]
            if name == "nominee form: individual":
                verdict = page.locator(".verdict-card").bounding_box()
                save = page.get_by_role("button", name="Lưu", exact=True).bounding_box()
                assert verdict and save and verdict["y"] < save["y"], "verdict below the button"
        context.close()
    assert problems == [], "\n".join(problems)


def test_a_failed_login_is_announced_and_takes_the_focus(logged_in, users):  # noqa: F811
    """The login form's username field has autofocus; a refused login still moves the
    cursor to the error summary (role=alert), which says why."""
    page = logged_in("anonymous").new_page()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(users["district_a"].username)
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Chưa đăng nhập được")
