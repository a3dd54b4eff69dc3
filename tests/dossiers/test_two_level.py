"""Two-level local government in the workflow (from 1/7/2025).

Commune-level staff file for their commune; accounts of abolished districts keep reading
their archive and file nothing new; a dissolved body is neither proposer nor nominee
after its end (Thông tư 15/2025/TT-BNV); the merged province's reviewers see the
dossiers of its communes and the archive of its predecessors.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communes.models import Commune, Province
from config.forms import UserCreateForm
from dossiers import services
from dossiers.documents import bodies
from dossiers.models import NomineeKind
from dossiers.selectors import dossiers_visible_to
from dossiers.services.errors import Invalid, NotAllowed
from emulation.models import Agency, Role
from tests.conftest import make_user
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add,
    add_person,
    attach_all,
    commune_from_2025,
    new_dossier,
    person_data,
    thai_nguyen_from_2025,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAST_DAY = dt.date(2025, 6, 30)


@pytest.fixture
def thai_nguyen(db) -> Province:
    return thai_nguyen_from_2025()


def new_commune(province: Province, name: str, code: str) -> Commune:
    return commune_from_2025(province, name, code)


@pytest.fixture
def commune_new(thai_nguyen) -> Commune:
    return new_commune(thai_nguyen, "Thử Nghiệm", "99001")


@pytest.fixture
def commune_staff(commune_new):
    return make_user("xa_thu_nghiem", Role.COMMUNE, commune=commune_new)


def commune_dossier(user, **kw):
    return new_dossier(user, year=2025, date=dt.date(2025, 11, 5), number="12/TTr-UBND", **kw)


def test_commune_staff_files_for_its_commune(commune_staff, commune_new, thai_nguyen):
    assert commune_staff.has_perm("dossiers.create_dossier")
    dossier = commune_dossier(commune_staff)
    assert dossier.commune == commune_new and dossier.district is None
    assert dossier.province_id == thai_nguyen.pk
    assert dossier.proposer_name == "UBND xã Thử Nghiệm"
    kinds = services.kinds_for(dossier)
    assert NomineeKind.COMMUNE in kinds and NomineeKind.INDIVIDUAL in kinds
    assert NomineeKind.DISTRICT not in kinds and NomineeKind.AGENCY not in kinds
    # the commune proposes itself, and the people of its area
    add(
        dossier,
        commune_staff,
        {"kind": NomineeKind.COMMUNE, "title": "commune_recognized", "commune": commune_new},
    )
    add_person(dossier, commune_staff, "Nông Văn Dũng", commune_new, 60_000_000)
    assert dossier.nominees.count() == 2


def test_commune_proposes_no_other_commune(commune_staff, thai_nguyen):
    other = new_commune(thai_nguyen, "Bên Cạnh", "99002")
    dossier = commune_dossier(commune_staff)
    with pytest.raises(Invalid) as refused:
        add(
            dossier,
            commune_staff,
            {"kind": NomineeKind.COMMUNE, "title": "commune_recognized", "commune": other},
        )
    assert "chính xã mình" in refused.value.errors["commune"]
    with pytest.raises(Invalid) as refused:
        add(dossier, commune_staff, person_data("Lý Thị Mai", other, 60_000_000))
    assert "commune" in refused.value.errors


def test_commune_dossiers_are_the_communes_own(commune_staff, thai_nguyen, users, client):
    other_staff = make_user(
        "xa_ben_canh", Role.COMMUNE, commune=new_commune(thai_nguyen, "Bên Cạnh", "99002")
    )
    dossier = commune_dossier(commune_staff)
    assert list(dossiers_visible_to(commune_staff)) == [dossier]
    assert list(dossiers_visible_to(other_staff)) == []
    assert not other_staff.has_perm("dossiers.read_dossier", dossier)
    assert not users["district_a"].has_perm("dossiers.read_dossier", dossier)
    client.force_login(other_staff)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 404
    client.force_login(commune_staff)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200


def test_merged_provinces_reviewers_see_communes_and_the_archive(
    commune_staff, commune_new, users, district_a
):
    """PROVINCE_CODE stays 06 (Bắc Kạn's installation): its lineage includes Thái Nguyên."""
    old = new_dossier(users["district_a"])  # a Bắc Kạn dossier of 2024
    add_person(old, users["district_a"], "Hoàng Văn Nam", district_a.communes.first(), 60_000_000)
    attach_all(old, users["district_a"])
    services.dossier_submit(dossier=old, by=users["district_a"])
    new = commune_dossier(commune_staff)
    add_person(new, commune_staff, "Nông Văn Dũng", commune_new, 60_000_000)
    attach_all(new, commune_staff)
    services.dossier_submit(dossier=new, by=commune_staff)
    seen = set(dossiers_visible_to(users["reviewer"]))
    assert {old, new} <= seen
    assert users["reviewer"].has_perm("dossiers.receive_dossier", new)


def test_another_provinces_dossiers_stay_out(users, db):
    elsewhere = Province.objects.create(key="98", code="98", name="Thử Nghiệm Khác")
    commune = new_commune(elsewhere, "Xa Lạ", "99003")
    staff = make_user("xa_xa_la", Role.COMMUNE, commune=commune)
    dossier = commune_dossier(staff)
    assert dossier not in set(dossiers_visible_to(users["admin"]))
    assert not users["admin"].has_perm("dossiers.read_dossier", dossier)


def test_abolished_district_reads_its_archive_and_files_nothing(users, district_a, client):
    staff = users["district_a"]
    draft = new_dossier(staff)  # filed while the district existed
    district_a.valid_to = LAST_DAY
    district_a.save()
    staff.refresh_from_db()
    assert staff.has_perm("dossiers.read_dossier", draft)
    assert not staff.has_perm("dossiers.create_dossier")
    assert not staff.has_perm("dossiers.edit_dossier", draft)
    assert not staff.has_perm("dossiers.submit_dossier", draft)
    with pytest.raises(NotAllowed):
        new_dossier(staff)
    client.force_login(staff)
    assert client.get(reverse("dossiers:list")).status_code == 200
    assert client.get(reverse("dossiers:detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("dossiers:create")).status_code == 403
    # the other district, not abolished in this test, still files
    assert users["district_b"].has_perm("dossiers.create_dossier")


def test_dissolved_agency_neither_proposes_nor_is_commended(users, district_a):
    agency = users["agency"].agency
    agency.valid_to = LAST_DAY
    agency.dissolution_basis = "Nghị quyết thử nghiệm"
    agency.save()
    staff = users["agency"]
    staff.refresh_from_db()
    assert not staff.has_perm("dossiers.create_dossier")
    with pytest.raises(NotAllowed):
        new_dossier(staff, round="final", year=None)
    # as a nominee: refused in a dossier dated after its end, accepted before it
    other = Agency.objects.create(code="so-moi", name="Sở Thử Nghiệm Mới")
    proposer = make_user("so_moi", Role.AGENCY, agency=other)
    late = new_dossier(proposer, round="final", year=None, date=dt.date(2025, 9, 1))
    data = {"kind": NomineeKind.AGENCY, "title": "agency_outstanding", "agency": agency}
    with pytest.raises(Invalid) as refused:
        add(late, proposer, data)
    assert "giải thể" in refused.value.errors["agency"]
    early = new_dossier(proposer, round="final", year=None, date=dt.date(2025, 6, 1))
    assert add(early, proposer, data).agency == agency


def test_commune_proposer_heads_its_documents_under_the_province(commune_staff, commune_new):
    dossier = commune_dossier(commune_staff)
    body = bodies.proposer(dossier)
    assert body.heading == "Ủy ban nhân dân\nxã Thử Nghiệm"
    assert body.superior == "UBND tỉnh Thái Nguyên"


def test_user_form_requires_the_commune_of_commune_staff(commune_new):
    data = {
        "username": "xa_moi",
        "full_name": "Cán bộ xã",
        "email": "",
        "password": "Mk-2026-ntm!x",
        "role": Role.COMMUNE,
    }
    merged_away = Commune.objects.filter(valid_to=None, district__isnull=False).first()
    merged_away.valid_to = LAST_DAY
    merged_away.save()
    form = UserCreateForm(data=data)
    choices = set(form.fields["commune"].queryset)
    assert commune_new in choices and merged_away not in choices
    assert not form.is_valid()
    assert "xã / phường" in form.errors["commune"][0]
    form = UserCreateForm(data={**data, "commune": commune_new.pk})
    assert form.is_valid(), form.errors
    user = form.save()
    assert user.commune == commune_new and user.district is None
    assert user.scope_label == "Xã Thử Nghiệm"


def test_documents_are_headed_by_the_bodies_of_their_day(thai_nguyen):
    """A document dated from 1/7/2025 is issued by UBND tỉnh Thái Nguyên; one of 2024 by
    UBND tỉnh Bắc Kạn; the plan cited stays Bắc Kạn's."""
    assert bodies.home_province(dt.date(2024, 12, 1)).name == "Bắc Kạn"
    assert bodies.home_province(LAST_DAY).name == "Bắc Kạn"
    assert bodies.home_province(dt.date(2025, 7, 1)).name == "Thái Nguyên"
    assert bodies.home_province(dt.date(2026, 3, 1)).name == "Thái Nguyên"
    committee = bodies.province_committee(bodies.home_province(dt.date(2026, 3, 1)))
    assert committee.heading == "Ủy ban nhân dân\ntỉnh Thái Nguyên"
    assert bodies.installation_province().name == "Bắc Kạn"


def test_the_list_filters_by_commune_level_proposers_too(
    commune_staff, commune_new, users, district_a, client, django_assert_max_num_queries
):
    """The province's list filters by proposer: a district (the archive) or, from
    1/7/2025, a commune-level unit."""
    old = new_dossier(users["district_a"], number="31/TTr-UBND")
    add_person(old, users["district_a"], "Hoàng Văn Nam", district_a.communes.first(), 60_000_000)
    new = commune_dossier(commune_staff)
    add_person(new, commune_staff, "Nông Văn Dũng", commune_new, 60_000_000)
    for dossier, user in ((old, users["district_a"]), (new, commune_staff)):
        attach_all(dossier, user)
        services.dossier_submit(dossier=dossier, by=user)
    client.force_login(users["reviewer"])
    url = reverse("dossiers:list")
    with django_assert_max_num_queries(30):
        page = client.get(url)
    options = dict(page.context["filter_form"].fields["district"].choices)
    assert district_a.code in options
    [(_group, communes)] = [(k, v) for k, v in options.items() if isinstance(v, list | tuple)]
    assert list(communes) == [(f"xa:{commune_new.pk}", str(commune_new))]
    by_commune = client.get(url, {"district": f"xa:{commune_new.pk}"})
    assert [d.pk for d in by_commune.context["page_obj"]] == [new.pk]
    by_district = client.get(url, {"district": district_a.code})
    assert [d.pk for d in by_district.context["page_obj"]] == [old.pk]


def test_the_list_of_commune_level_dossiers_costs_the_same_queries_for_many(
    commune_staff, commune_new, client
):
    """Each row names its commune-level proposer with its kind on the dossier's date
    (xã, phường): the kinds are read for the page at once, not once per row."""
    client.force_login(commune_staff)
    url = reverse("dossiers:list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    commune_dossier(commune_staff)
    one = queries()
    for n in range(8):
        new_dossier(
            commune_staff, year=2025, date=dt.date(2025, 11, 5), number=f"{40 + n}/TTr-UBND"
        )
    assert queries() == one
