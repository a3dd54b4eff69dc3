"""Who issues a document, and the body named above it, from the unit records.

Nghị định 30/2020/NĐ-CP (Phụ lục I, mục II.3) heads a document with the issuing
body's name in bold capitals and, above it and not bold, the name of its direct
superior body (tên cơ quan, tổ chức chủ quản trực tiếp), if it has one:

=================================  =====================  ===============================
issuer                             superior line          issuing body
=================================  =====================  ===============================
UBND of the province               (none)                 ỦY BAN NHÂN DÂN / TỈNH BẮC KẠN
UBND of a district (1)             UBND TỈNH BẮC KẠN      ỦY BAN NHÂN DÂN / HUYỆN BẠCH THÔNG
the district's Hội đồng TĐKT       UBND HUYỆN BẠCH THÔNG  HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG
UBND of a commune (1)              UBND HUYỆN BẠCH THÔNG  ỦY BAN NHÂN DÂN / XÃ QUANG THUẬN
a village, a commune's collective  UBND XÃ QUANG THUẬN    THÔN NÀ PÀI
a provincial agency (sở, ngành)    UBND TỈNH BẮC KẠN      SỞ NÔNG NGHIỆP VÀ …
the Front, a union (2)             (none)                 its name
an enterprise, a cooperative       (none)                 its name
=================================  =====================  ===============================

(1) ``settings.DOCUMENT_COMMITTEE_SUPERIOR`` (on by default, as
``../shared/domain/documents.md`` shows; off for a province that writes no
superior body above a UBND, as Thông tư 01/2011/TT-BNV did).
(2) ``Agency.under_province_committee`` off.

Every name comes from the unit list: the district's own province, the commune's
own district (from 1/7/2025, with no district, its province), and for provincial bodies
the province of ``settings.PROVINCE_CODE`` as it is on the document's date — after the
merger of 1/7/2025 its successor (:func:`home_province`), so that a document is headed by
bodies that exist that day; another province's documents name that province.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from communes.models import Commune, CommuneKind, District, Province
from communes.selectors import province_in_lineage_on
from dossiers.kinds import Group
from dossiers.models import Dossier, Nominee
from dossiers.numbering import agency_abbreviation
from emulation.models import Agency

from .batch import remembered
from .official import fits_head

COMMITTEE = "Ủy ban nhân dân"
COUNCIL_NAME = "Hội đồng Thi đua - Khen thưởng"
COUNCIL_HEADING = "Hội đồng Thi đua -\nKhen thưởng"


@dataclass(frozen=True)
class Body:
    """A body as documents name it."""

    heading: str  # issuing lines of the head, "\n" between lines: "Ủy ban nhân dân\nhuyện …"
    name: str  # in running text: "Ủy ban nhân dân huyện Bạch Thông"
    short: str  # as the superior line of a body under it: "UBND huyện Bạch Thông"
    place: str  # địa danh of the place-and-date line: "Bạch Thông"
    superior: str = ""  # the line above the heading ("UBND tỉnh Bắc Kạn"), empty when none
    # "district:061", "agency:snn": who the body is in the data (its signers, later its
    # register of documents); empty for a unit known only by its name.
    key: str = ""
    # In its documents' symbols ("TTr-UBND", "TTr-SNNPTNT"): the body's abbreviation.
    abbreviation: str = ""

    @property
    def kind(self) -> str:
        """ "province", "district", "commune", "agency", "council" or "" (a unit)."""
        return self.key.partition(":")[0]


# ---- The province ------------------------------------------------------------


def installation_province() -> Province:
    """The province the deployment was set up for (``settings.PROVINCE_CODE``): the
    province of its plan."""
    province = remembered(
        ("installation_province",),
        lambda: Province.objects.filter(pk=settings.PROVINCE_CODE).first(),
    )
    # Before the unit list is loaded documents still render, with the name left out.
    return province or Province(key=settings.PROVINCE_CODE, code=settings.PROVINCE_CODE, name="")


def home_province(on: dt.date | None = None) -> Province:
    """The province the deployment serves on ``on`` (default today): a document dated
    from 1/7/2025 is issued by the merged province's bodies (UBND tỉnh Thái Nguyên), not
    by those of a province that no longer exists (Bắc Kạn)."""
    day = on or dt.date.today()
    found = remembered(
        ("home_province", day), lambda: province_in_lineage_on(settings.PROVINCE_CODE, day)
    )
    return found or installation_province()


def _province_kind_and_place(province: Province) -> tuple[str, str]:
    """("tỉnh", "Bắc Kạn"); a centrally-run city keeps its own word: ("thành phố", "Hà Nội")."""
    name = province.name.strip()
    prefix = "thành phố "
    if name.lower().startswith(prefix):
        return "thành phố", name[len(prefix) :].strip()
    return "tỉnh", name


def province_label(province: Province) -> str:
    """ "tỉnh Bắc Kạn", "thành phố Hà Nội"."""
    kind, place = _province_kind_and_place(province)
    return f"{kind} {place}".strip()


def province_committee(province: Province) -> Body:
    """The UBND of the province: no superior line."""
    kind, place = _province_kind_and_place(province)
    label = province_label(province)
    return Body(
        heading=f"{COMMITTEE}\n{label}",
        name=f"{COMMITTEE} {label}",
        short=committee_line(kind, place),
        place=place,
        key=f"province:{province.code}",
        abbreviation="UBND",
    )


def _above_committee(short: str) -> str:
    return short if settings.DOCUMENT_COMMITTEE_SUPERIOR else ""


def committee_line(kind: str, place: str) -> str:
    """ "UBND huyện Bạch Thông" as a superior line; too long for one line of the head,
    it breaks between the kind and the name ("UBND thành phố\nBuôn Ma Thuột")."""
    line = f"UBND {kind} {place}"
    return line if fits_head(line, bold=False) else f"UBND {kind}\n{place}"


# ---- Districts and communes ----------------------------------------------------


def district_committee(district: District) -> Body:
    """The UBND of a district, under the UBND of its own province."""
    kind = district.get_kind_display().lower()
    label = f"{kind} {district.name}"
    return Body(
        heading=f"{COMMITTEE}\n{label}",
        name=f"{COMMITTEE} {label}",
        short=committee_line(kind, district.name),
        place=district.name,
        superior=_above_committee(province_committee(district.province).short),
        key=f"district:{district.code}",
        abbreviation="UBND",
    )


def commune_committee(commune: Commune, on: dt.date | None = None) -> Body:
    """The UBND of a commune (its kind on ``on``), under the UBND of its district; a unit
    of the two-level government (from 1/7/2025, no district) under its province's."""
    kind = CommuneKind(commune.kind_on(on or dt.date.today())).label.lower()
    label = f"{kind} {commune.name}"
    district = commune.district
    if district is not None:
        above = committee_line(district.get_kind_display().lower(), district.name)
    else:
        above = province_committee(commune.province or home_province(on)).short
    return Body(
        heading=f"{COMMITTEE}\n{label}",
        name=f"{COMMITTEE} {label}",
        short=committee_line(kind, commune.name),
        place=commune.name,
        superior=_above_committee(above),
        key=f"commune:{commune.code}",
        abbreviation="UBND",
    )


# ---- Provincial agencies, councils, other units --------------------------------


def agency_body(agency: Agency, province: Province | None = None) -> Body:
    """A provincial agency: under the provincial UBND unless it is the Front or a union."""
    province = province or home_province()
    superior = province_committee(province).short if agency.under_province_committee else ""
    return Body(
        heading=agency.name,
        name=agency.name,
        short=agency.name,
        place=_province_kind_and_place(province)[1],
        superior=superior,
        key=f"agency:{agency.code}",
        abbreviation=agency_abbreviation(agency),
    )


def council_of(body: Body) -> Body:
    """The Hội đồng Thi đua - Khen thưởng of a body, which is its superior line."""
    return Body(
        heading=COUNCIL_HEADING,
        name=COUNCIL_NAME,
        short=COUNCIL_NAME,
        place=body.place,
        superior=body.short,
        key=f"council:{body.key}" if body.key else "",
        abbreviation="HĐTĐKT",
    )


def unit(name: str, *, place: str, superior: Body | None = None) -> Body:
    """A unit known only by its name (a village, a cooperative), under ``superior``."""
    return Body(
        heading=name,
        name=name,
        short=name,
        place=place,
        superior=superior.short if superior else "",
    )


# ---- Who issues a dossier's documents --------------------------------------------


def proposer(dossier: Dossier) -> Body:
    """The proposing level: a district's UBND, a commune's UBND (from 1/7/2025) or a
    provincial agency."""
    if dossier.district is not None:
        return district_committee(dossier.district)
    if dossier.commune is not None:
        return commune_committee(dossier.commune, dossier.document_date)
    # a dossier has a district, a commune or an agency ("dossier_one_proposer")
    assert dossier.agency is not None
    return agency_body(dossier.agency, home_province(dossier.document_date))


def nominee_author(dossier: Dossier, nominee: Nominee, proposing: Body) -> Body | None:
    """Who writes a collective's achievement report (``None`` for a person: the report
    then carries only the Quốc hiệu), by what the nominee is (its kind's group)."""
    spec = nominee.kind_spec
    if spec.is_person:
        return None
    on = dossier.document_date
    commune = nominee.commune  # None without a query when commune_id is None
    if spec.group == Group.COMMUNE and commune is not None:
        return commune_committee(commune, on)
    if spec.group == Group.DISTRICT and nominee.district is not None:
        return district_committee(nominee.district)
    place = commune.name if commune is not None else proposing.place
    if spec.group == Group.AGENCY:
        if nominee.agency is not None:
            return agency_body(nominee.agency, home_province(on))
        return unit(nominee.name, place=place, superior=province_committee(home_province(on)))
    if spec.group == Group.ORGANIZATION:
        # Enterprises, cooperatives, funds are nobody's subordinate body.
        return unit(nominee.name, place=place)
    if commune is not None:
        # A village or a collective of a commune is under the commune's UBND.
        return unit(nominee.name, place=place, superior=commune_committee(commune, on))
    return unit(nominee.name, place=place, superior=proposing)
