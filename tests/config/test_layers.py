"""The test layers (tests/conftest.py): every test is exactly one of unit, integration, e2e,
system; a unit test has no database; tests/e2e/ and tests/system/ set their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import TESTS, layer_problem

pytestmark = pytest.mark.unit


@dataclass
class Item:
    """What layer_problem reads of a collected test."""

    path: Path
    marks: list[str] = field(default_factory=list)
    fixturenames: list[str] = field(default_factory=list)

    def iter_markers(self):
        return (getattr(pytest.mark, name).mark for name in self.marks)

    def get_closest_marker(self, name):
        return next((m for m in self.iter_markers() if m.name == name), None)


def item(path: str, *marks: str, fixtures=()) -> Item:
    return Item(TESTS / path, list(marks), list(fixtures))


@pytest.mark.parametrize(
    "test",
    [
        item("emulation/test_x.py", "unit"),
        item("emulation/test_x.py", "unit", fixtures=["settings", "tmp_path"]),
        item("dossiers/test_x.py", "integration", "django_db", fixtures=["db", "users"]),
        item("dossiers/documents/test_x.py", "integration"),
        item("e2e/test_x.py", "e2e", fixtures=["live_server"]),
        item("system/test_x.py", "system"),
    ],
)
def test_one_fitting_layer_passes(test):
    assert layer_problem(test) is None


@pytest.mark.parametrize(
    "test,problem",
    [
        (item("criteria/test_x.py"), "has no layer marker"),
        (item("criteria/test_x.py", "django_db"), "has no layer marker"),
        (item("criteria/test_x.py", "unit", "integration"), "marked integration, unit"),
        (item("criteria/test_x.py", "e2e"), "marked e2e"),
        (item("criteria/test_x.py", "system"), "marked system"),
        (item("criteria/test_x.py", "unit", "django_db"), "unit and django_db"),
        (item("criteria/test_x.py", "unit", fixtures=["users", "db"]), "uses db"),
        (item("criteria/test_x.py", "unit", fixtures=["live_server"]), "uses live_server"),
        (item("e2e/test_x.py", "e2e", "unit"), "every test is e2e"),
        (item("system/test_x.py"), "every test is system"),
        (item("system/test_x.py", "system", "integration"), "every test is system"),
    ],
)
def test_a_missing_extra_or_unfitting_layer_is_refused(test, problem):
    assert problem in (layer_problem(test) or "")


def test_tests_outside_the_tests_folder_are_not_judged(tmp_path):
    assert layer_problem(Item(tmp_path / "test_x.py")) is None


def test_every_collected_test_here_has_its_layer(request):
    """The hook ran on this session's tests: this one is unit, and only unit."""
    assert [m.name for m in request.node.iter_markers() if m.name in ("unit", "integration")] == [
        "unit"
    ]
