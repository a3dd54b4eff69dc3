"""``AnyOf``: many values sent as one array literal (issue 19), found as ``__in`` finds
them, whatever characters they hold; and the SQL stays short with the country's codes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes.models import Commune, Village
from emulation.anyof import AnyOf, array_literal
from tests.factories import CommuneFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_literal_quotes_what_needs_quoting():
    assert array_literal([1, 2, 30]) == ("{1,2,30}", "bigint")
    assert array_literal(["a", None]) == ('{"a",NULL}', "text")
    assert array_literal(['x"y', "b\\c", "d,e", "{f}"]) == (
        r'{"x\"y","b\\c","d,e","{f}"}',
        "text",
    )
    assert array_literal([]) == ("{}", "text")
    assert array_literal([True]) == ('{"True"}', "text")  # not an integer


@pytest.mark.parametrize(
    "odd",
    ['quote " inside', "back\\slash", "comma, brace {}", "Ủy ban nhân dân", "NULL", " space "],
)
def test_values_with_any_characters_are_found(odd, district_a):
    row = CommuneFactory(district=district_a, name=odd)
    found = Commune.objects.filter(AnyOf("name", [odd, "không có"]))
    assert list(found) == [row]
    assert list(Commune.objects.filter(AnyOf("key", [row.key, "00000"]))) == [row]
    assert not Commune.objects.filter(AnyOf("name", [])).exists()
    assert Village.objects.filter(AnyOf("id", [0, -1])).count() == 0  # integers


def test_the_country_codes_make_a_short_query(district_a):
    codes = list(Commune.objects.values_list("key", flat=True))
    many = codes + [f"{n:05d}" for n in range(10_000)]
    with CaptureQueriesContext(connection) as captured:
        got = set(Commune.objects.filter(AnyOf("key", many)).values_list("key", flat=True))
    assert got == set(codes)
    # one string of ~8 bytes per code, not ARRAY['…', …]: no "ARRAY[" in the SQL
    assert "ARRAY[" not in captured[0]["sql"] and len(captured[0]["sql"]) < 9 * len(many) + 500
