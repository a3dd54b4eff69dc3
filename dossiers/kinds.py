"""The kinds of nominee: one description of each, read by the forms, the services, the
verdicts, the documents and the templates.

A kind says what the nominee *is* (:class:`Group`: a commune or district of the records,
a provincial agency, an organisation, a collective, a person or household, an official),
who may propose it, the rules core's titles it may be proposed for (the plan's round
narrows them: the titles each round offers and the kinds each admits are the plan's data,
:class:`emulation.rules.PlanSpec`), the fields its form asks for, and what its
commune and name fields mean. Everything else follows from its group: how the same
nominee is recognised in another dossier (:func:`dossiers.awards.nominee_identity`),
whether its facts come from the records (:mod:`dossiers.verdicts`), whether documents
count it as a "cá nhân" or a "tập thể" and who writes its report
(:mod:`dossiers.documents`).

To add a kind of an existing group: a member of :class:`NomineeKind` (its value and
label), its :class:`KindSpec` in :data:`KINDS`, and a migration for the new choice. A new
title is the rules core's (:mod:`emulation.rules.core`); a new group is new behaviour in
the modules named above.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.rules import Title

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class NomineeKind(models.TextChoices):
    COMMUNE = "commune", _("Xã, phường, thị trấn")
    DISTRICT = "district", _("Huyện, thành phố")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    FUND = "fund", _("Quỹ")
    REPRESENTATIVE_OFFICE = "representative_office", _("Văn phòng đại diện")
    ORGANIZATION = "organization", _("Tổ chức khác")
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")
    OFFICIAL = "official", _("Cán bộ, công chức, viên chức")
    AGENCY = "agency", _("Sở, ban, ngành, Mặt trận, đoàn thể tỉnh")


class Group(StrEnum):
    """What a nominee of a kind is."""

    COMMUNE = "commune"  # a commune of the records: named, known and judged from them
    DISTRICT = "district"  # the proposing district itself, from the records
    AGENCY = "agency"  # a provincial agency of the records
    ORGANIZATION = "organization"  # known by its tax code (else its name); its own author
    COLLECTIVE = "collective"  # known by its name; under its commune, else the proposer
    PERSON = "person"  # a person or a household: known by name and commune of residence
    OFFICIAL = "official"  # a cadre, civil servant or public employee: name and post


class CommuneField(StrEnum):
    """What the form's commune field means for a kind."""

    NONE = ""  # the form has none
    SELF = "self"  # the nominee is that commune (required, of the dossier's district)
    RESIDENCE = "residence"  # where the person lives (required: its ĐBKK level counts)
    OPTIONAL = "optional"  # the commune the nominee belongs to, if any


# The proposing units: a district-level UBND (until 30/6/2025), a commune-level UBND
# (from 1/7/2025, two-level local government), a provincial agency.
BY_DISTRICT, BY_COMMUNE, BY_AGENCY = "district", "commune", "agency"
_EITHER = frozenset({BY_DISTRICT, BY_COMMUNE, BY_AGENCY})

# The records a nominee of these groups is (its name and identity come from the record).
_RECORDS = {Group.COMMUNE: "commune", Group.DISTRICT: "district", Group.AGENCY: "agency"}


@dataclass(frozen=True)
class KindSpec:
    kind: NomineeKind
    group: Group
    proposed_by: frozenset[str]  # BY_DISTRICT, BY_COMMUNE, BY_AGENCY
    titles: tuple[Title, ...]
    form_fields: tuple[str, ...]
    commune_field: CommuneField = CommuneField.NONE
    name_label: StrOrPromise = ""  # the name field's label; "" when the name comes from the record

    @property
    def label(self) -> StrOrPromise:
        return self.kind.label

    @property
    def record(self) -> str | None:
        """The record the nominee is, by its field: "commune", "district", "agency";
        None for a nominee known by what the proposer types."""
        return _RECORDS.get(self.group)

    @property
    def judged_on_records(self) -> bool:
        """Its facts come from the records (criteria, recognitions, debts), not the form."""
        return self.group in (Group.COMMUNE, Group.DISTRICT)

    @property
    def is_person(self) -> bool:
        """Documents count it as a "cá nhân" (who signs its own report); else a "tập thể"."""
        return self.group in (Group.PERSON, Group.OFFICIAL)


ORGANIZATION_FIELDS = (
    "title",
    "name",
    "tax_code",
    "address",
    "commune",
    "village",
    "infrastructure_value",
    "achievements",
)
PERSON_FIELDS = (
    "title",
    "name",
    "outside_province",
    "address",
    "declared_dbkk",
    "commune",
    "village",
    "contribution_value",
    "mobilized_value",
    "own_land_asset_value",
    "achievements",
)


def _organization(kind: NomineeKind) -> KindSpec:
    return KindSpec(
        kind,
        Group.ORGANIZATION,
        _EITHER,
        (Title.ORGANIZATION_INFRASTRUCTURE, Title.ORGANIZATION_PRODUCTION),
        ORGANIZATION_FIELDS,
        CommuneField.OPTIONAL,
        _("Tên tổ chức, doanh nghiệp"),
    )


def _person(kind: NomineeKind, name_label: StrOrPromise) -> KindSpec:
    fields: tuple[str, ...] = PERSON_FIELDS
    if kind == NomineeKind.INDIVIDUAL:  # a woman's priority (NĐ 152/2025, Điều 4)
        fields = (*PERSON_FIELDS[:2], "is_female", *PERSON_FIELDS[2:])
    return KindSpec(
        kind,
        Group.PERSON,
        _EITHER,
        (Title.PERSON_CONTRIBUTION, Title.PERSON_INITIATIVE),
        fields,
        CommuneField.RESIDENCE,
        name_label,
    )


KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            NomineeKind.COMMUNE,
            Group.COMMUNE,
            frozenset({BY_DISTRICT, BY_COMMUNE}),
            (Title.COMMUNE_RECOGNIZED, Title.COMMUNE_EXEMPLARY, Title.COMMUNE_EFFORT),
            ("title", "commune", "achievements"),
            CommuneField.SELF,
        ),
        KindSpec(
            NomineeKind.DISTRICT,
            Group.DISTRICT,
            frozenset({BY_DISTRICT}),
            (Title.DISTRICT_COMPLETED, Title.DISTRICT_OUTSTANDING),
            ("title", "district_confirm", "achievements"),
        ),
        _organization(NomineeKind.ENTERPRISE),
        _organization(NomineeKind.COOPERATIVE),
        _organization(NomineeKind.FUND),
        _organization(NomineeKind.REPRESENTATIVE_OFFICE),
        _organization(NomineeKind.ORGANIZATION),
        KindSpec(
            NomineeKind.COLLECTIVE,
            Group.COLLECTIVE,
            _EITHER,
            (Title.COLLECTIVE_OUTSTANDING,),
            ("title", "name", "address", "commune", "women_share", "achievements"),
            CommuneField.OPTIONAL,
            _("Tên tập thể"),
        ),
        _person(NomineeKind.INDIVIDUAL, _("Họ và tên")),
        _person(NomineeKind.HOUSEHOLD, _("Hộ gia đình (họ tên chủ hộ)")),
        KindSpec(
            NomineeKind.OFFICIAL,
            Group.OFFICIAL,
            _EITHER,
            (Title.OFFICIAL_OUTSTANDING,),
            ("title", "name", "job_title", "is_female", "commune", "achievements"),
            CommuneField.OPTIONAL,
            _("Họ và tên"),
        ),
        KindSpec(
            NomineeKind.AGENCY,
            Group.AGENCY,
            frozenset({BY_AGENCY}),
            (Title.AGENCY_OUTSTANDING,),
            ("title", "agency", "achievements"),
        ),
    )
}
assert set(KINDS) == set(NomineeKind.values), "every NomineeKind has its KindSpec"
