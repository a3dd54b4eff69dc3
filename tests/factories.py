"""factory_boy factories of the rows the tests make: administrative units, users of each role,
criteria records and plan targets, dossiers, nominees and public awards.

``XFactory(...)`` saves one row through the model's ``save()`` (and its signals), as
``objects.create`` does; ``XFactory.build(...)`` makes it unsaved, and ``bulk(XFactory, rows)``
writes many in one INSERT, as ``bulk_create`` does (no ``save()``, no signals). Rows of the
official unit list (``load_admin_units``: Bắc Kạn, its districts and communes) are
reference data that the test session loads once: tests pick those, and make units of their
own with codes the statistics office never gives (``9…`` districts, ``8…`` communes).

Dossiers that go through the workflow are made by the services (tests/dossiers/support.py):
what a test of the workflow wants is the service's doing. The factories here are for rows
a test needs to exist, not to be made by the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import factory
from factory.django import DjangoModelFactory, Password

from communes.models import Commune, CommuneKind, CommuneKindPeriod, District, Province, Village
from criteria.models import (
    Assessment,
    CapitalDebt,
    DistrictRecognition,
    Recognition,
    VillageRecognition,
)
from dossiers.documents.models import PublicAward
from dossiers.models import Dossier, Nominee, NomineeKind, Status
from emulation.models import Agency, PlanTarget, Role, User
from emulation.text import fold

PASSWORD = "Mat-khau-thu-2025"
BAC_KAN = "06"
BEFORE_BASELINE = dt.date(2020, 12, 1)


def bulk(factory_class: type[DjangoModelFactory], rows: Iterable[dict], **common) -> list:
    """One row per dict of ``rows`` (with ``common``), built by the factory, inserted at once."""
    model = factory_class._meta.model
    return model.objects.bulk_create([factory_class.build(**common, **row) for row in rows])


# --- units -------------------------------------------------------------------------


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    # Two characters; never all digits (the statistics office's), never Z (seed_scale's).
    code = factory.Sequence(lambda n: f"{'PQRSTUVWXY'[n // 10 % 10]}{n % 10}")
    key = factory.SelfAttribute("code")  # set explicitly: rows built for bulk() need it
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    code = factory.Sequence(lambda n: f"9{n % 100:02d}")
    province = factory.SubFactory(ProvinceFactory, code=BAC_KAN, name="Bắc Kạn")
    name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    kind = "huyen"


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune

    code = factory.Sequence(lambda n: f"8{n % 10000:04d}")
    key = factory.SelfAttribute("code")  # set explicitly: rows built for bulk() need it
    district = factory.SubFactory(DistrictFactory)
    province = factory.SelfAttribute("district.province")
    name = factory.Sequence(lambda n: f"Thử {n}")
    kind = CommuneKind.XA
    extremely_difficult = False
    on_roadmap = False
    # What save() sets; here too so that rows built for bulk() have it.
    search_name = factory.LazyAttribute(lambda o: fold(f"{o.name} {CommuneKind(o.kind).label}"))


class CommuneKindPeriodFactory(DjangoModelFactory):
    class Meta:
        model = CommuneKindPeriod

    commune = factory.SubFactory(CommuneFactory)
    kind = factory.SelfAttribute("commune.kind")
    valid_from = dt.date(2021, 1, 1)


class VillageFactory(DjangoModelFactory):
    class Meta:
        model = Village

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Thôn {n}")
    extremely_difficult = False


# --- users -------------------------------------------------------------------------


class AgencyFactory(DjangoModelFactory):
    """The provincial agency of the tests (the same row whoever asks for it)."""

    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = "so-nn-ptnt"
    name = "Sở Nông nghiệp và Phát triển nông thôn"


class UserFactory(DjangoModelFactory):
    """A user of ``role`` with the tests' password; administrators are staff."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"nguoi_dung_{n}")
    full_name = factory.LazyAttribute(lambda o: f"Người dùng {o.username}")
    role = Role.REVIEWER
    password = Password(PASSWORD)
    is_staff = factory.LazyAttribute(lambda o: o.role == Role.ADMIN)


class DistrictStaffFactory(UserFactory):
    role = Role.DISTRICT
    district = factory.SubFactory(DistrictFactory)


class AgencyStaffFactory(UserFactory):
    role = Role.AGENCY
    agency = factory.SubFactory(AgencyFactory)


class ReviewerFactory(UserFactory):
    role = Role.REVIEWER


class AppraiserFactory(UserFactory):
    role = Role.APPRAISER


class AdminFactory(UserFactory):
    role = Role.ADMIN


def role_users(
    district_a: District, district_b: District, password: str = PASSWORD
) -> dict[str, User]:
    """One user per role, as every test knows them: two districts' staff, the agency's, the
    reviewer, the appraiser and the administrator."""
    return {
        "district_a": DistrictStaffFactory(
            username="huyen_a", district=district_a, password=password
        ),
        "district_b": DistrictStaffFactory(
            username="huyen_b", district=district_b, password=password
        ),
        "agency": AgencyStaffFactory(username="coquan", password=password),
        "reviewer": ReviewerFactory(username="bantdkt", password=password),
        "appraiser": AppraiserFactory(username="vpdp", password=password),
        "admin": AdminFactory(username="quantri", password=password),
    }


# --- criteria records and plan targets ---------------------------------------------


class AssessmentFactory(DjangoModelFactory):
    """From ``assessed_on`` the commune met (or not) criterion ``criterion_id``."""

    class Meta:
        model = Assessment

    commune = factory.SubFactory(CommuneFactory)
    criterion_id = 1
    assessed_on = BEFORE_BASELINE
    met = True


class RecognitionFactory(DjangoModelFactory):
    class Meta:
        model = Recognition

    commune = factory.SubFactory(CommuneFactory)
    level = "ntm"
    decision_number = factory.LazyAttribute(lambda o: f"{o.commune.code}/QĐ-UBND")
    decision_date = dt.date(2024, 10, 1)


class VillageRecognitionFactory(DjangoModelFactory):
    class Meta:
        model = VillageRecognition

    village = factory.SubFactory(VillageFactory)
    decision_number = "2/QĐ"
    decision_date = dt.date(2022, 5, 5)


class DistrictRecognitionFactory(DjangoModelFactory):
    """A district completed the programme (give ``district`` or ``district_id``)."""

    class Meta:
        model = DistrictRecognition

    decision_number = "1/QĐ-TTg"
    decision_date = dt.date(2024, 8, 1)


class CapitalDebtFactory(DjangoModelFactory):
    """A commune's or a district's debt of capital construction in ``year`` (give one)."""

    class Meta:
        model = CapitalDebt

    year = 2024
    has_debt = True


class PlanTargetFactory(DjangoModelFactory):
    """A year's target of ``district`` (or ``district_id``); of the province without one."""

    class Meta:
        model = PlanTarget

    year = 2024
    ntm_communes_added = 0


# --- dossiers ----------------------------------------------------------------------


class DossierFactory(DjangoModelFactory):
    """A district's annual dossier as a row (no service, no event): for lists and counts."""

    class Meta:
        model = Dossier

    round = "annual"
    year = 2024
    district = factory.SubFactory(DistrictFactory)
    # save() sets it; here too so that rows built for bulk() have it.
    province_id = factory.SelfAttribute("district.province_id")
    document_number = factory.Sequence(lambda n: f"{n}/TTr-UBND")
    document_date = dt.date(2024, 11, 1)
    legal_basis = "nd98_2023"
    status = Status.DRAFT
    created_by = factory.SubFactory(
        DistrictStaffFactory, district=factory.SelfAttribute("..district")
    )


class NomineeFactory(DjangoModelFactory):
    """An individual who contributed, as a row of ``dossier``."""

    class Meta:
        model = Nominee

    dossier = factory.SubFactory(DossierFactory)
    kind = NomineeKind.INDIVIDUAL
    title = "person_contribution"
    name = factory.Sequence(lambda n: f"Người {n}")
    identity = factory.LazyAttribute(lambda o: f"individual:{fold(o.name)}@")


class PublicAwardFactory(DjangoModelFactory):
    """The public list's row of an awarded nominee."""

    class Meta:
        model = PublicAward

    nominee = factory.SubFactory(NomineeFactory, awarded=True)
    dossier = factory.SelfAttribute("nominee.dossier")
    decision_number = "1234/QĐ-UBND"
    round = factory.SelfAttribute("dossier.round")
    year = factory.SelfAttribute("dossier.year")
    title = factory.SelfAttribute("nominee.title")
    name = factory.SelfAttribute("nominee.name")
    search = factory.LazyAttribute(lambda o: o.name.lower())
