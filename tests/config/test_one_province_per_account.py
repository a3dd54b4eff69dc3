"""One province per account, enforced by the first wall (issue 18, part 1).

A second province ("Z9") shares the database with the installation's (Bắc Kạn, 06, whose
lineage — the merged Thái Nguyên, 19 — is the same installation). Every account has one
province; the other province's reviewers are never told of our dossiers; our administrators
neither list nor edit its users, nor set its communes' flags, nor see its document jobs;
the Django admin is closed to all but superusers.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from dossiers import services
from dossiers.documents.models import DocumentJob
from dossiers.models import Notification
from emulation.models import Agency, Role, User
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    filed,
    plain_commune,
    thai_nguyen_from_2025,
)
from tests.factories import (
    AdminFactory,
    CommuneFactory,
    DistrictFactory,
    ProvinceFactory,
    ReviewerFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def other(users):
    """Province Z9 in the same database: a district, a commune, its reviewer and admin."""
    province = ProvinceFactory(code="Z9", name="Tỉnh Khác")
    district = DistrictFactory(code="Z91", province=province, name="Huyện Khác")
    return {
        "province": province,
        "commune": CommuneFactory(code="Z9101", district=district, name="Xã Khác"),
        "reviewer": ReviewerFactory(username="ban_z9", province=province),
        "admin": AdminFactory(username="quantri_z9", province=province),
        "agency": Agency.objects.create(code="so-z9", name="Sở Tỉnh Khác", province=province),
    }


def test_every_account_has_a_province(users, district_a):
    assert all(u.province_id for u in users.values())
    assert users["district_a"].province_id == district_a.province_id == "06"
    assert UserFactory(username="moi", role=Role.REVIEWER).province_id == "06"
    # the database refuses an account without one (a superuser operates the whole database)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=users["reviewer"].pk).update(province=None)
    User.objects.filter(pk=users["reviewer"].pk).update(province=None, is_superuser=True)


def test_the_user_form_sets_the_province(login, users, district_a):
    client = login(users["admin"])
    response = client.post(
        reverse("users:user_create"),
        {"username": "tham_dinh_moi", "full_name": "Thẩm Định Mới", "role": "appraiser",
         "password": "Mat-khau-that-dai-2025"},
    )  # fmt: skip
    assert response.status_code == 302
    assert User.objects.get(username="tham_dinh_moi").province_id == "06"


def test_a_submission_tells_only_the_provinces_own_reviewers(users, district_a, other):
    dossier = filed(users["district_a"], plain_commune(district_a), "Nông Văn A", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    told = set(Notification.objects.filter(dossier=dossier).values_list("recipient", flat=True))
    assert users["reviewer"].pk in told
    assert other["reviewer"].pk not in told


def test_the_merged_thai_nguyen_is_the_same_installation(users, district_a, reorganised):
    thai_nguyen = thai_nguyen_from_2025()
    ours = ReviewerFactory(username="ban_tn", province=thai_nguyen)
    assert ours.belongs_to_installation()
    dossier = filed(users["district_a"], plain_commune(district_a), "Nông Văn B", 60_000_000)
    services.dossier_submit(dossier=dossier, by=users["district_a"])
    assert Notification.objects.filter(dossier=dossier, recipient=ours).exists()


def test_administrators_see_and_edit_only_their_provinces_users(login, users, other):
    client = login(users["admin"])
    listing = client.get(reverse("users:users")).content.decode()
    assert users["reviewer"].username in listing
    assert "ban_z9" not in listing and "quantri_z9" not in listing
    url = reverse("users:user_update", args=[other["reviewer"].pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"full_name": "Bị đổi", "role": "admin", "is_active": "on"})
    assert response.status_code == 404
    other["reviewer"].refresh_from_db()
    assert other["reviewer"].role == Role.REVIEWER and other["reviewer"].full_name != "Bị đổi"


def test_administrators_cannot_set_another_provinces_flags(login, users, other):
    client = login(users["admin"])
    url = reverse("communes:flags", args=[other["commune"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"extremely_difficult": "on", "reason": "x"}).status_code == 404
    other["commune"].refresh_from_db()
    assert other["commune"].extremely_difficult is False


def test_administrators_see_only_their_provinces_document_jobs(login, users, other):
    theirs = DocumentJob.objects.create(kind="certificates", label="Của tỉnh khác",
                                        created_by=other["admin"])  # fmt: skip
    ours = DocumentJob.objects.create(kind="certificates", label="Của tỉnh này",
                                      created_by=users["reviewer"])  # fmt: skip
    client = login(users["admin"])
    assert client.get(reverse("documents:job", args=[ours.pk])).status_code == 200
    for name in ("documents:job", "documents:job_download"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert "Của tỉnh khác" not in client.get(reverse("documents:jobs")).content.decode()


def test_the_django_admin_is_closed_to_all_but_superusers(users):
    client = Client()
    client.force_login(users["admin"])
    response = client.get("/django-admin/")
    assert response.status_code == 302 and response["Location"].startswith("/django-admin/login/")
    superuser = UserFactory(username="sieu", role="")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    assert client.get("/django-admin/").status_code == 200


def test_the_agency_choices_are_the_installations(login, users, other):
    ours = users["agency"].agency
    assert ours.province_id == "06"  # recorded before: the installation's
    assert list(Agency.objects.of_installation()) == [ours]
    page = login(users["admin"]).get(reverse("users:user_create")).content.decode()
    assert ours.name in page and "Sở Tỉnh Khác" not in page
