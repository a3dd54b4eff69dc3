"""The reviewer's queue (issue 17, part 6): text search (dossier number, unit, nominee
name, with or without diacritics), sortable columns, select all on the page, decided
dossiers out by default, a bounded number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    approve,
    decide,
    filed,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def queue(users, district_a, district_b):
    a, b = users["district_a"], users["district_b"]
    first = filed(a, plain_commune(district_a), "Đinh Thị Bình", 75_000_000, submit=True)
    second = filed(b, plain_commune(district_b), "Hoàng Văn Páo", 60_000_000, submit=True)
    done = filed(a, plain_commune(district_a, 1), "Lý Văn Tâm", 60_000_000, submit=True)
    approve(done, users)
    decide(done, users["reviewer"], {n.pk: (True, "") for n in done.nominees.all()})
    return {"first": first, "second": second, "done": done}


def listed(client, **params) -> list[str]:
    page = client.get(reverse("dossiers:list"), params).content.decode()
    return re.findall(r">(HS\d{4}-\d{4})</a>", page)


def test_search_by_number_unit_and_name_with_or_without_diacritics(login, users, queue):
    client = login(users["reviewer"])
    first, second = queue["first"].reference, queue["second"].reference
    assert listed(client, q=first) == [first]
    assert listed(client, q=str(queue["first"].pk)) == [first]
    for typed in ("Đinh Thị Bình", "dinh thi binh", "DINH THI", "Bình"):
        assert listed(client, q=typed) == [first], typed
    unit = queue["second"].district.name  # "Bạch Thông" or the like, typed without marks
    assert second in listed(client, q=unit.encode("ascii", "ignore").decode() or unit)
    assert listed(client, q="không có ai tên này") == []


def test_decided_dossiers_are_out_of_the_queue_unless_asked_for(login, users, queue):
    client = login(users["reviewer"])
    done = queue["done"].reference
    assert done not in listed(client)
    assert done in listed(client, decided="on")
    assert done in listed(client, status="decided")
    # the proposer's own list keeps them
    assert done in listed(login(users["district_a"]))


def test_columns_sort_both_ways_and_say_so(login, users, queue):
    client = login(users["reviewer"])
    ascending = listed(client, sort="so")
    assert ascending == sorted(ascending, key=lambda r: int(r[-4:]))
    assert listed(client, sort="-so") == ascending[::-1]
    page = client.get(reverse("dossiers:list"), {"sort": "so"}).content.decode()
    assert 'aria-sort="ascending"' in page and "sort=-so" in page
    assert 'data-select-all="ids"' in page  # select all on the page (for bulk moves)
    assert listed(client, sort="khong-co") != []  # an unknown order: the usual one


def test_the_queue_issues_a_bounded_number_of_queries(
    login, users, queue, django_assert_max_num_queries
):
    client = login(users["reviewer"])
    with django_assert_max_num_queries(15):
        client.get(reverse("dossiers:list"), {"q": "dinh", "sort": "don-vi"})
