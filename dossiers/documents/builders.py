"""Documents filled from the records: a dossier's proposal letter, each nominee's
achievement report, the council's minutes, the decision and its certificates.

Every builder returns a :class:`Document` (template + context + file name) and
issues a bounded number of queries whatever the number of nominees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from communes.models import Province
from dossiers.awards import awards_of
from dossiers.forms import title_label
from dossiers.models import PERSON_KINDS, Dossier, Nominee, NomineeKind, RoundChoices
from dossiers.selectors import nominees_of
from emulation.text import fold

from . import bodies, certificates
from .bodies import Body
from .content import NomineeGroup, NomineeLine, ProposalLetter, count_phrase
from .legal import LOCAL_GOVERNMENT_LAW, citation, plan_of, round_phrase
from .official import DocumentHead, Signer, long_date, short_date, split_number

# Persons are counted as "cá nhân" in documents; every other kind is a "tập thể".
PERSONS = PERSON_KINDS | {NomineeKind.OFFICIAL}


@dataclass
class Document:
    template: str
    context: dict
    filename: str  # without extension
    title: str = ""


def round_label(dossier: Dossier) -> str:
    return str(RoundChoices(dossier.round).label)


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


def proposer_signer(dossier: Dossier) -> Signer:
    if dossier.district_id:
        return Signer(authority="TM. ỦY BAN NHÂN DÂN", deputy="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH")
    return Signer(title="THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ")


def council_name(dossier: Dossier) -> str:
    level = "huyện" if dossier.district_id else "cơ quan, đơn vị"
    return f"Hội đồng Thi đua - Khen thưởng {level}"


# ---- Nominees --------------------------------------------------------------


def nominee_unit(n: Nominee, *, with_district: bool = True, province: str = "") -> str:
    """Where a nominee belongs: "thôn Nà Pài, xã Quang Thuận, huyện Bạch Thông"; a
    provincial agency with no other address, ``province`` ("tỉnh Bắc Kạn")."""
    parts: list[str] = []
    if n.kind == NomineeKind.OFFICIAL and n.job_title:
        parts.append(n.job_title)
    if n.village_id:
        parts.append(f"thôn {n.village.name}")
    if n.commune_id and n.kind != NomineeKind.COMMUNE:
        label = n.commune.label_on(dt.date.today())
        parts.append(label[:1].lower() + label[1:])
    elif not n.commune_id and n.address:
        parts.append(n.address)
    district = n.commune.district if n.commune_id else n.district
    if with_district and district is not None and n.kind != NomineeKind.DISTRICT:
        parts.append(f"{district.get_kind_display().lower()} {district.name}")
    if n.kind == NomineeKind.AGENCY and not parts and province:
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
                title_label(n.title), collective=n.kind not in PERSONS
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


# ---- The proposal letter ---------------------------------------------------


def proposal_letter(dossier: Dossier) -> Document:
    nominees = list(nominees_of(dossier))
    number, symbol = split_number(
        dossier.document_number, "TTr-UBND" if dossier.district_id else "TTr"
    )
    phrase = round_phrase(dossier.round, dossier.year)
    proposer = bodies.proposer(dossier)
    province = bodies.home_province()
    plan = plan_of(province)
    head = head_of(
        proposer,
        symbol=symbol,
        number=number,
        date=dossier.document_date,
        year=dossier.year if dossier.round == "annual" else None,
        doc_type="TỜ TRÌNH",
        summary=(
            f"Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho các tập thể, "
            f"cá nhân có thành tích trong {plan.movement} {phrase}"
        ),
        addressees=[chairman(bodies.province_committee(province))],
        recipients=[
            "Như trên",
            "Ban Thi đua - Khen thưởng, Sở Nội vụ",
            "Văn phòng Điều phối nông thôn mới tỉnh",
            "Lưu: VT",
        ],
        signer=proposer_signer(dossier),
    )
    report = "tóm tắt thành tích" if dossier.round == "annual" else "báo cáo thành tích"
    letter = ProposalLetter(
        head=head,
        basis=citation(dossier.legal_basis, on=dossier.document_date),
        plan=plan,
        proposer=proposer.name,
        round_phrase=phrase,
        groups=nominee_groups(
            nominees,
            with_district=not dossier.district_id,
            province=bodies.province_label(province),
        ),
        attachments=[
            f"{report} của các tập thể, cá nhân được đề nghị khen thưởng",
            f"biên bản họp xét của {council_name(dossier)}",
        ],
    )
    return Document(
        letter.template,
        letter.context(),
        file_name("to-trinh", dossier.reference),
        _("Tờ trình đề nghị khen thưởng"),
    )


# ---- Each nominee's achievement report --------------------------------------


@dataclass
class Fact:
    label: str
    value: str


@dataclass
class AchievementReport:
    head: DocumentHead
    form_label: str
    heading: str
    subheading: str
    nominee: Nominee
    collective: bool
    annual: bool
    facts: list[Fact] = field(default_factory=list)  # section I, from the record
    blanks: list[str] = field(default_factory=list)  # section I, for a person to write
    achievements: str = ""
    standards: list[str] = field(default_factory=list)  # the rules' checks, as sentences
    earlier: list[str] = field(default_factory=list)
    proposer: str = ""


def _facts(n: Nominee, province: str = "") -> tuple[list[Fact], list[str]]:
    facts, blanks = [], []
    if n.kind in PERSONS:
        facts.append(Fact(_("Họ và tên"), n.name))
        blanks += [_("Ngày, tháng, năm sinh"), _("Quê quán")]
        unit = nominee_unit(n)
        if unit:
            facts.append(Fact(_("Nơi cư trú, đơn vị công tác"), unit))
        if n.job_title:
            facts.append(Fact(_("Chức vụ, đơn vị công tác"), n.job_title))
    else:
        facts.append(Fact(_("Tên tập thể"), n.name))
        unit = nominee_unit(n, province=province)
        if unit:
            facts.append(Fact(_("Địa chỉ"), unit))
        if n.tax_code:
            facts.append(Fact(_("Mã số doanh nghiệp"), n.tax_code))
        if n.kind == NomineeKind.COMMUNE and n.commune_id:
            c = n.commune
            facts.append(
                Fact(
                    _("Xã đặc biệt khó khăn"),
                    _("Có") if c.extremely_difficult else _("Không"),
                )
            )
            facts.extend(_criteria_facts(n.verdict_case or {}))
        blanks += [_("Chức năng, nhiệm vụ được giao"), _("Cơ cấu tổ chức, số cán bộ, công chức")]
    for label, value in (
        (_("Giá trị đóng góp công sức, đất đai, tài sản"), n.contribution_value),
        (_("Giá trị đóng góp xây dựng hạ tầng nông thôn"), n.infrastructure_value),
        (_("Giá trị công trình trực tiếp vận động"), n.mobilized_value),
        (_("Đất đai, tài sản tự đóng góp cho công trình đó"), n.own_land_asset_value),
    ):
        if value:
            facts.append(Fact(label, f"{value:,}".replace(",", ".") + " đồng"))
    return facts, blanks


LEVELS = {
    "ntm": "đạt chuẩn nông thôn mới",
    "advanced": "đạt chuẩn nông thôn mới nâng cao",
    "model": "đạt chuẩn nông thôn mới kiểu mẫu",
}


def _criteria_facts(case: dict) -> list[Fact]:
    """A commune's standing from the facts its verdict judged (no extra query)."""
    facts = []
    now, baseline = case.get("criteria_now"), case.get("criteria_baseline")
    if now is not None:
        facts.append(
            Fact(
                _("Số tiêu chí nông thôn mới đạt tại thời điểm xét"),
                f"{len(now)}/19"
                + (f" (tiêu chí {', '.join(map(str, sorted(now)))})" if now else ""),
            )
        )
    if now is not None and baseline is not None:
        new = sorted(set(now) - set(baseline))
        facts.append(
            Fact(
                _("Tiêu chí đạt mới kể từ ngày 01/01/2021"),
                f"{len(new)} (tiêu chí {', '.join(map(str, new))})" if new else _("không có"),
            )
        )
    recognition = case.get("recognition")
    if recognition:
        facts.append(
            Fact(
                _("Công nhận"),
                f"{LEVELS.get(recognition.get('level'), '')} năm {recognition.get('year')}",
            )
        )
    return facts


def achievement_report(
    dossier: Dossier,
    nominee: Nominee,
    earlier=None,
    *,
    proposer: Body | None = None,
    province: Province | None = None,
) -> Document:
    """Form 07 (Nghị định 91/2017), the thematic report (98/2023, 152/2025), or the
    short summary of the annual round; filled from the record."""
    annual = dossier.round == "annual"
    cite = citation(dossier.legal_basis, on=dossier.document_date)
    if earlier is None:
        earlier = awards_of(identities=[nominee.identity], exclude_dossier_id=dossier.pk)
    if proposer is None:
        proposer = bodies.proposer(dossier)
    if province is None:
        province = bodies.home_province()
    facts, blanks = _facts(nominee, bodies.province_label(province))
    collective = nominee.kind not in PERSONS
    phrase = round_phrase(dossier.round, dossier.year)
    if annual:
        heading = _("Tóm tắt thành tích")
        form_label = ""
    else:
        heading = cite.report_title
        form_label = cite.form_label
    # Written by the nominee: a collective heads it with its own name and the body
    # above it (bodies.nominee_author); a person's report carries only the Quốc hiệu.
    author = bodies.nominee_author(dossier, nominee, proposer)
    if author is None:
        place = nominee.commune.name if nominee.commune_id else proposer.place
        author = bodies.unit("", place=place)
    head = head_of(
        author,
        symbol="",
        date=None,
        year=dossier.year,
        doc_type="",
        summary="",
        signer=Signer(title=_("THỦ TRƯỞNG ĐƠN VỊ") if collective else _("NGƯỜI BÁO CÁO")),
    )
    if not collective:
        head.signer.name = nominee.name
    standards = [c.get("message", "") for c in nominee.verdict_checks or [] if c.get("passed")]
    earlier_lines = [
        _("Bằng khen của Chủ tịch UBND tỉnh, %(round)s %(year)s (Quyết định số %(n)s ngày %(d)s)")
        % {
            "round": str(RoundChoices(a.round).label).lower(),
            "year": a.year,
            "n": a.decision_number,
            "d": short_date(a.decision_date),
        }
        for a in earlier.get(nominee.identity, [])
    ]
    report = AchievementReport(
        head=head,
        form_label=form_label,
        heading=heading,
        subheading=_("Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
        + f" — {title_label(nominee.title)}",
        nominee=nominee,
        collective=collective,
        annual=annual,
        facts=facts,
        blanks=blanks,
        achievements=nominee.achievements,
        standards=standards,
        earlier=earlier_lines,
        proposer=proposer.name,
    )
    return Document(
        "documents/achievement_report.html",
        {"head": head, "report": report, "plan": plan_of(province), "phrase": phrase},
        file_name("thanh-tich", dossier.reference, nominee.position or nominee.pk, nominee.name),
        heading,
    )


def achievement_reports(dossier: Dossier) -> list[Document]:
    """Every nominee's report, with earlier awards read in one query."""
    nominees = list(nominees_of(dossier))
    earlier = awards_of(identities=[n.identity for n in nominees], exclude_dossier_id=dossier.pk)
    proposer = bodies.proposer(dossier)
    province = bodies.home_province()
    return [
        achievement_report(dossier, n, earlier, proposer=proposer, province=province)
        for n in nominees
    ]


# ---- Minutes of the council's meeting --------------------------------------


def council_minutes(dossier: Dossier) -> Document:
    nominees = list(nominees_of(dossier))
    phrase = round_phrase(dossier.round, dossier.year)
    plan = plan_of(bodies.home_province())
    # The council's minutes: the council under the body it advises.
    head = head_of(
        bodies.council_of(bodies.proposer(dossier)),
        symbol="BB-HĐTĐKT",
        date=None,
        year=dossier.year,
        doc_type="BIÊN BẢN",
        summary=f"Họp xét đề nghị khen thưởng trong {plan.movement} {phrase}",
    )
    rows = [
        {
            "name": n.name,
            "unit": nominee_unit(n, with_district=False),
            "title": title_label(n.title),
        }
        for n in nominees
    ]
    return Document(
        "documents/minutes.html",
        {
            "head": head,
            "rows": rows,
            "council": council_name(dossier),
            "plan": plan,
            "phrase": phrase,
            "when": long_date(None, year=dossier.year),
        },
        file_name("bien-ban", dossier.reference),
        _("Biên bản họp Hội đồng Thi đua - Khen thưởng"),
    )


# ---- The decision and its annex ---------------------------------------------


def decision(dossier: Dossier) -> Document:
    """Quyết định khen thưởng with the annex of awarded nominees (a decided dossier)."""
    nominees = list(nominees_of(dossier))
    layout = certificates.active_layout()
    number, symbol = split_number(dossier.decision_number, "QĐ-UBND")
    phrase = round_phrase(dossier.round, dossier.year)
    province = bodies.home_province()
    plan = plan_of(province)
    committee = bodies.province_committee(province)
    groups = nominee_groups(nominees, awarded_only=True, province=bodies.province_label(province))
    collectives = sum(len(g.nominees) for g in groups if g.collective)
    persons = sum(len(g.nominees) for g in groups if not g.collective)
    # Issued by the provincial UBND's chairman: no superior body above it.
    head = head_of(
        committee,
        symbol=symbol,
        number=number,
        date=dossier.decision_date,
        doc_type="QUYẾT ĐỊNH",
        summary=(
            f"Về việc tặng Bằng khen cho các tập thể, cá nhân đã có thành tích "
            f"trong {plan.movement} {phrase}"
        ),
        recipients=[
            "Như Điều 3",
            "Ban Thi đua - Khen thưởng Trung ương (b/c)",
            "CT, các PCT UBND tỉnh",
            "Ban Thi đua - Khen thưởng, Sở Nội vụ",
            "Lưu: VT",
        ],
        signer=Signer(title=layout.signer_title, name=layout.signer_name),
    )
    cite = citation(dossier.legal_basis, on=dossier.decision_date)
    proposal = ""
    if dossier.document_number:
        proposal = f"Tờ trình số {dossier.document_number}"
        if dossier.document_date:
            proposal += f" ngày {short_date(dossier.document_date)}"
    return Document(
        "documents/decision.html",
        {
            "head": head,
            "groups": groups,
            "counts": count_phrase(collectives, persons),
            "basis": cite,
            "local_law": LOCAL_GOVERNMENT_LAW,
            "plan": plan,
            "phrase": phrase,
            "proposer": bodies.proposer(dossier).name,
            "authority": chairman(committee),
            "proposal": proposal,
            "date_long": long_date(dossier.decision_date),
        },
        file_name("quyet-dinh", dossier.decision_number or dossier.reference),
        _("Quyết định khen thưởng"),
    )


def awarded_nominees(dossier: Dossier) -> list[tuple[Nominee, str]]:
    """(nominee, unit) of every nominee the decision awarded, in the dossier's order."""
    return [(n, nominee_unit(n)) for n in nominees_of(dossier) if n.awarded is True]


def certificate_entries(dossier: Dossier) -> list[certificates.CertificateEntry]:
    phrase = round_phrase(dossier.round, dossier.year)
    province = bodies.home_province()
    label, place = bodies.province_label(province), bodies.province_committee(province).place
    plan = plan_of(province)
    return [
        certificates.CertificateEntry(
            recipient=n.name,
            unit=(unit[:1].upper() + unit[1:] + f", {label}") if unit else "",
            achievement=certificates.achievement_text(plan, phrase),
            decision_number=dossier.decision_number,
            decision_date=dossier.decision_date,
            place=place,
        )
        for n, unit in awarded_nominees(dossier)
    ]
