"""One database, many provinces: provincial staff see only their installation's province.

The synthetic country of ``seed_scale`` (province "Z0") shares the database with Bắc Kạn
("06"); the reviewer of either installation (``PROVINCE_CODE``) sees its own units and
dossiers, none of the other's, whatever the page.
"""

from __future__ import annotations

import pytest

from devtools import scale
from dossiers import selectors
from dossiers.models import Dossier, Status
from tests.dossiers.support import add_person, attach_all, new_dossier, plain_commune

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def two_provinces(users, district_a):
    scale.seed(
        scale.Counts(communes=15, villages=20, years=1, dossiers=16, nominees=32),
        log=lambda *a: None,
    )
    district = users["district_a"]
    ours = new_dossier(district, number="09/TTr-UBND")
    add_person(ours, district, "Đinh Thị Bình", plain_commune(district_a), 75_000_000)
    attach_all(ours, district)
    from dossiers import services

    services.dossier_submit(dossier=ours, by=district)
    theirs = Dossier.objects.filter(district_id="Z00", status=Status.RECEIVED).first()
    return ours, theirs


def test_every_dossier_knows_its_province(two_provinces, users):
    ours, theirs = two_provinces
    assert ours.province_id == "06"
    assert theirs.province_id == "Z0"
    agency = new_dossier(users["agency"], round="midterm")
    assert agency.province_id == "06"  # a provincial agency: the installation's province


@pytest.mark.parametrize("role", ["reviewer", "appraiser", "admin"])
def test_provincial_staff_see_only_their_province(login, users, two_provinces, role, settings):
    ours, theirs = two_provinces
    client = login(users[role])
    visible = set(selectors.dossiers_visible_to(users[role]).values_list("province_id", flat=True))
    assert visible == {"06"}
    page = client.get("/ho-so/").content.decode()
    assert ours.reference in page and theirs.reference not in page
    assert 'value="Z00"' not in page  # the district filter lists Bắc Kạn's districts
    assert client.get(f"/ho-so/{theirs.pk}/").status_code == 404
    assert client.get("/don-vi/xa/Z0000/").status_code == 404
    # another province's district in the filter is not a choice: nothing of theirs shows
    filtered = client.get(f"/ho-so/?district={theirs.district_id}").content.decode()
    assert theirs.reference not in filtered
    matrix = client.get("/tieu-chi/?huyen=Z00").content.decode()
    assert "Z0000" not in matrix

    # the other installation's staff: the mirror image (an account belongs to one
    # province: ours cannot even sign in there)
    settings.PROVINCE_CODE = "Z0"
    assert client.get("/ho-so/").status_code == 302  # to the login page
    from tests.factories import UserFactory

    client = login(UserFactory(username=f"z0_{role}", role=users[role].role, province_id="Z0"))
    page = client.get("/ho-so/").content.decode()
    assert theirs.reference in page and ours.reference not in page
    assert client.get(f"/ho-so/{ours.pk}/").status_code == 404
    assert client.get(f"/ho-so/{theirs.pk}/").status_code == 200
    assert client.get("/don-vi/xa/Z0000/").status_code == 200


def test_district_staff_are_unaffected(login, users, two_provinces):
    ours, theirs = two_provinces
    client = login(users["district_a"])
    page = client.get("/ho-so/").content.decode()
    assert ours.reference in page and theirs.reference not in page


def test_reviewer_home_counts_only_their_province(login, users, two_provinces):
    client = login(users["reviewer"])
    panels = {p.title: p.count for p in client.get("/").context["panels"]}
    submitted = [count for title, count in panels.items() if "chờ tiếp nhận" in str(title)]
    assert submitted == [1], panels


def test_threshold_dry_run_judges_only_the_province(two_provinces):
    from dossiers.dryrun import nominees_source
    from eligibility.dryrun import records_source
    from emulation.rules import DEFAULT_VALUES

    ours, theirs = two_provinces
    # the other province's nominees carry a judged case too (as ours do)
    case = ours.nominees.first().verdict_case
    assert case
    theirs.nominees.update(verdict_case=case)
    names = [c.name for c in records_source(values=DEFAULT_VALUES)]
    assert names and not any("Thử nghiệm" in n or "Z0" in n for n in names)
    references = {
        c.name.split(" — ")[1].split(" ")[0] for c in nominees_source(values=DEFAULT_VALUES)
    }
    assert theirs.reference not in references


def test_accounts_of_another_provinces_installation_cannot_sign_in(client, users, settings):
    from tests.conftest import PASSWORD
    from tests.factories import ProvinceFactory, ReviewerFactory

    other = ProvinceFactory(code="Z9", name="Tỉnh Khác")
    stranger = ReviewerFactory(username="ban_tinh_khac", province=other)
    ours = ReviewerFactory(username="ban_tinh_nay", province_id="06")

    def sign_in(username: str) -> bool:
        response = client.post(
            "/dang-nhap/", {"username": username, "password": PASSWORD}, follow=True
        )
        signed_in = response.context["user"].is_authenticated
        client.logout()
        return signed_in

    assert sign_in("ban_tinh_nay")
    assert not sign_in("ban_tinh_khac")
    # a session opened while the account belonged here ends when it no longer does
    client.force_login(stranger, backend="emulation.auth.ProvinceModelBackend")
    assert client.get("/ho-so/").status_code == 302  # to the login page
    # district staff belong to their district's province
    assert users["district_a"].belongs_to_installation()
    settings.PROVINCE_CODE = "Z9"
    assert not users["district_a"].belongs_to_installation()
    assert stranger.belongs_to_installation() and not ours.belongs_to_installation()


def test_the_user_comes_with_its_district_in_one_query(client, users, django_assert_num_queries):
    from django.contrib.auth import get_user
    from django.http import HttpRequest

    client.force_login(users["district_a"])
    request = HttpRequest()
    request.session = client.session
    request.session.items()  # the session row is read before
    with django_assert_num_queries(1):
        user = get_user(request)
        assert user.belongs_to_installation()
