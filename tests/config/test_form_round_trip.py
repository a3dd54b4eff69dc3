"""Every form round-trips (issue 17, part 4): a form loaded and saved unchanged changes
nothing.

The pages are those of the URL × role table (test_permissions_matrix): each GET rule is
opened as a role that gets it, every POST form of the page that posts back to the page
itself is sent as a browser would send it untouched (the values it shows, the options
selected, the boxes ticked, the first submit button), and no table may change. A form
whose unchanged values are refused (a blank create form) changes nothing either.
"""

from __future__ import annotations

from decimal import Decimal
from html.parser import HTMLParser

import pytest

from emulation.models import PlanTarget
from emulation.plans import plan_own
from tests.config.test_permissions_matrix import (
    RULES,
    client_as,
    concrete_url,
    database_fingerprint,
    matrix_rows,  # noqa: F401 - fixture
    url_patterns,
)

pytestmark = pytest.mark.integration

# Roles tried in this order: the first that gets the page (200) loads and saves its forms.
ROLE_ORDER = ["district_a", "commune", "agency", "reviewer", "appraiser", "admin"]
# Forms whose sending is an action, not the saving of what they show.
NOT_SAVE_FORMS = {
    "login",  # signs in
    "logout",
    "set_language",
    "password_change",  # the current password is never shown
    # creating or moving is what sending them means (their own tests cover them)
    "dossiers:create",
    "dossiers:transition",
    "dossiers:nominee_remove",  # the confirmation page of a removal
    "dossiers:attachment_remove",
    # a box left unticked records "no debt" for the commune: an explicit statement
    "criteria:debt",
}


class Forms(HTMLParser):
    """The POST forms of a page: (action, [(name, value), ...]) as a browser sends them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list[str] | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._submitted = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._fields = []
                self._submitted = False
                self.forms.append((a.get("action", ""), self._fields))
            else:
                self._fields = None
            return
        if self._fields is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._fields.append((name, a.get("value", "on")))
            elif kind in ("submit", "image"):
                if not self._submitted:
                    self._fields.append((name, a.get("value", "")))
                    self._submitted = True
            elif kind not in ("file", "reset", "button"):
                self._fields.append((name, a.get("value", "")))
        elif tag == "input" and a.get("type", "").lower() == "submit":
            self._submitted = True
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            if not self._submitted and name:
                self._fields.append((name, a.get("value", "")))
            self._submitted = True
        elif tag == "select" and name:
            self._select = (name, "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value") if "value" in a else None, "selected" in a]
            self._option_text: list[str] = []
        elif tag == "textarea" and name:
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option[0]
            if value is None:
                value = "".join(self._option_text).strip()
            self._select[2].append((value, self._option[1]))
            self._option = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, multiple, options = self._select
            chosen = [v for v, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # a browser sends the first option
            self._fields.extend((name, v) for v in (chosen if multiple else chosen[-1:]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            text = "".join(self._textarea[1])
            # the parser keeps the newline HTML drops right after <textarea>
            self._fields.append((self._textarea[0], text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._fields = None


def post_data(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


GET_RULES = [
    r
    for r in RULES
    if r.method == "get"
    and r.name not in NOT_SAVE_FORMS
    and any(r.outcome.get(role) == 200 for role in ROLE_ORDER)
]


def stored_target(year: int) -> None:
    """A target of the province that was saved before (the page then edits it)."""
    plan = plan_own()
    PlanTarget.objects.update_or_create(
        plan=plan,
        year=year,
        district=None,
        defaults={"ntm_communes_added": 3, "mean_criteria": Decimal("15.0")},
    )


@pytest.mark.parametrize("rule", GET_RULES, ids=lambda r: r.id)
def test_a_form_saved_unchanged_changes_nothing(rule, matrix_rows, db):  # noqa: F811
    sessions, objects = matrix_rows
    route = next(route for name, route, _ in url_patterns() if name == rule.name)
    kwargs = {k: objects.get(v, v) for k, v in rule.kwargs.items()}
    url = concrete_url(route, kwargs)
    if rule.name == "progress:target_edit" and kwargs.get("scope") == "tinh":
        stored_target(int(kwargs["year"]))
    role = next(role for role in ROLE_ORDER if rule.outcome.get(role) == 200)
    client = client_as(role, sessions)
    page = client.get(url, rule.data)
    assert page.status_code == 200
    if not page["Content-Type"].startswith("text/html"):
        return  # a file: no form
    parser = Forms()
    parser.feed(page.content.decode())
    own = [fields for action, fields in parser.forms if action in ("", url, "?", "#")]
    for fields in own:
        before = database_fingerprint()
        response = client.post(url, post_data(fields))
        assert response.status_code < 500, f"{url} as {role}: {response.status_code}"
        after = database_fingerprint()
        changed = [t for t in after if after[t] != before.get(t)]
        assert changed == [], f"{url} as {role}, saved unchanged, changed {changed}: {fields}"
