"""What every document built from a dossier shares: the :class:`Document` a builder
returns, file names, who issues and signs, and how nominees are named, placed and grouped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import slugify

from dossiers.kinds import Group
from dossiers.models import Dossier, Nominee, RoundChoices
from emulation.labels import title_label
from emulation.text import fold

from ..bodies import Body
from ..content import NomineeGroup, NomineeLine
from ..language import official_language
from ..official import DocumentHead, Signer
from ..signers import signer_for


@dataclass
class Document:
    template: str
    context: dict
    filename: str  # without extension
    title: str = ""


def round_label(dossier: Dossier) -> str:
    return str(RoundChoices(dossier.round).label)


def round_slug(round_code: str) -> str:
    """A round in a file name, in Vietnamese whatever the interface: "tong-ket"."""
    with official_language():
        return file_name(str(RoundChoices(round_code).label))


def file_name(*parts: object) -> str:
    """A file name without diacritics: "bang-khen-1234-qd-ubnd"."""
    return "-".join(slugify(fold(str(p))) for p in parts if p not in (None, ""))


# ---- Who issues: the proposing level, the province ---------------------------


def head_of(body: Body, **kwargs) -> DocumentHead:
    """The head of a document ``body`` issues: its name, the body above it, its place."""
    return DocumentHead(
        issuing_body=body.heading, superior_body=body.superior, place=body.place, **kwargs
    )


def chairman(committee: Body) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn", who awards the Bằng khen."""
    return f"Chủ tịch {committee.name}"


def proposer_signer(dossier: Dossier, proposer: Body, signer_id: int | None = None) -> Signer:
    """Who signs the proposing level's documents on the dossier's date (signers.py): a
    UBND's "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", an agency's "KT. GIÁM ĐỐC"; the
    signatory ``signer_id`` when one is chosen and may sign that day."""
    return signer_for(proposer, dossier.document_date, chosen=signer_id)


def council_name(dossier: Dossier) -> str:
    if dossier.district_id:
        level = "huyện"
    elif dossier.commune_id:
        level = "xã"
    else:
        level = "cơ quan, đơn vị"
    return f"Hội đồng Thi đua - Khen thưởng {level}"


# ---- Nominees --------------------------------------------------------------


def nominee_unit(n: Nominee, *, with_district: bool = True, province: str = "") -> str:
    """Where a nominee belongs: "thôn Nà Pài, xã Quang Thuận, huyện Bạch Thông"; a
    provincial agency with no other address, ``province`` ("tỉnh Bắc Kạn")."""
    parts: list[str] = []
    spec = n.kind_spec
    if spec.group == Group.OFFICIAL and n.job_title:
        parts.append(n.job_title)
    if n.village is not None:
        parts.append(f"thôn {n.village.name}")
    commune = n.commune  # None without a query when commune_id is None
    if commune is not None and spec.record != "commune":
        label = commune.label_on(dt.date.today())
        parts.append(label[:1].lower() + label[1:])
    elif commune is None and n.address:
        parts.append(n.address)
    district = commune.district if commune is not None else n.district
    if with_district and district is not None and spec.record != "district":
        parts.append(f"{district.get_kind_display().lower()} {district.name}")
    if spec.record == "agency" and not parts and province:
        parts.append(province)
    return ", ".join(parts)


def nominee_amount(n: Nominee) -> int | None:
    for value in (n.contribution_value, n.infrastructure_value, n.mobilized_value):
        if value:
            return value
    return None


def nominee_groups(
    nominees: Iterable[Nominee],
    *,
    with_district: bool = True,
    awarded_only: bool = False,
    province: str = "",
) -> list[NomineeGroup]:
    """Nominees by title, in the order of the titles' first appearance."""
    groups: dict[str, NomineeGroup] = {}
    for n in nominees:
        if awarded_only and n.awarded is not True:
            continue
        group = groups.get(n.title)
        if group is None:
            group = groups[n.title] = NomineeGroup(
                title_label(n.title), collective=not n.kind_spec.is_person
            )
        group.nominees.append(
            NomineeLine(
                name=n.name,
                address=nominee_unit(n, with_district=with_district, province=province),
                achievement=n.achievements,
                amount=nominee_amount(n),
            )
        )
    return list(groups.values())
