"""Each nominee's achievement report: form 07 (Nghị định 91/2017), the thematic report
(98/2023, 152/2025), or the short summary of the annual round; filled from the record."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from communes.models import Province
from dossiers.awards import awards_of
from dossiers.kinds import Group
from dossiers.models import Dossier, Nominee, NomineeKind, RoundChoices
from dossiers.selectors import nominees_of
from emulation.labels import title_label
from emulation.money import format_vnd
from emulation.rules import LEVELS, PlanSpec

from .. import bodies
from ..bodies import Body
from ..language import in_official_language
from ..legal import citation, dossier_plan, round_phrase
from ..official import DocumentHead, Signer, short_date
from ..signers import signer_for, unit_head_title
from .common import (
    Document,
    file_name,
    head_of,
    nominee_unit,
)


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
    section_one: str = "I. ĐẶC ĐIỂM, TÌNH HÌNH"


# Section I of the report by what the nominee is (the decree's forms ask a person for
# their particulars, a collective for its situation; a household is not a person's
# "Họ và tên: Hộ gia đình …", an enterprise has no "cán bộ, công chức"). Official text:
# always Vietnamese (issue 15), so these labels are not translated.
PERSON_BLANKS = ["Ngày, tháng, năm sinh", "Giới tính", "Quê quán", "Nghề nghiệp"]
OFFICIAL_BLANKS = [
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Quê quán",
    "Trình độ chuyên môn, nghiệp vụ",
    "Chức vụ (Đảng, chính quyền, đoàn thể)",
]
HOUSEHOLD_BLANKS = ["Số nhân khẩu", "Nghề nghiệp chính của hộ"]
ORGANIZATION_BLANKS = [
    "Ngành nghề sản xuất, kinh doanh",
    "Người đại diện theo pháp luật",
    "Số lao động",
]
UNIT_BLANKS = ["Chức năng, nhiệm vụ được giao", "Cơ cấu tổ chức, số cán bộ, công chức, viên chức"]
COMMUNE_BLANKS = ["Diện tích tự nhiên, dân số, số thôn", "Cơ cấu tổ chức, số cán bộ, công chức"]
COLLECTIVE_BLANKS = ["Đặc điểm, tình hình của tập thể (số hộ, số nhân khẩu, tổ chức)"]
HOUSEHOLD_PREFIXES = (
    "hộ gia đình ông ",
    "hộ gia đình bà ",
    "hộ gia đình ",
    "hộ ông ",
    "hộ bà ",
    "hộ ",
)


def household_head(name: str) -> str:
    """The head of a household named "Hộ gia đình Nguyễn Văn An": "Nguyễn Văn An"."""
    words = " ".join(name.split())
    for prefix in HOUSEHOLD_PREFIXES:
        if words.lower().startswith(prefix):
            return words[len(prefix) :]
    return words


def section_one_heading(n: Nominee) -> str:
    if n.kind == NomineeKind.HOUSEHOLD:
        return "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH"
    if n.kind_spec.is_person:
        return "I. SƠ LƯỢC LÝ LỊCH"
    return "I. ĐẶC ĐIỂM, TÌNH HÌNH"


def _facts(
    n: Nominee, province: str = "", plan: PlanSpec | None = None
) -> tuple[list[Fact], list[str]]:
    facts: list[Fact] = []
    blanks: list[str]
    spec = n.kind_spec
    if n.kind == NomineeKind.HOUSEHOLD:
        facts.append(Fact("Chủ hộ", household_head(n.name)))
        unit = nominee_unit(n)
        if unit:
            facts.append(Fact("Nơi cư trú", unit))
        blanks = list(HOUSEHOLD_BLANKS)
    elif spec.group == Group.OFFICIAL:
        facts.append(Fact("Họ và tên", n.name))
        if n.job_title:
            facts.append(Fact("Chức vụ, đơn vị công tác", n.job_title))
        blanks = list(OFFICIAL_BLANKS)
    elif spec.is_person:
        facts.append(Fact("Họ và tên", n.name))
        unit = nominee_unit(n)
        if unit:
            facts.append(Fact("Nơi cư trú", unit))
        blanks = list(PERSON_BLANKS)
    else:
        facts.append(
            Fact("Tên tập thể" if spec.group != Group.ORGANIZATION else "Tên đơn vị", n.name)
        )
        unit = nominee_unit(n, province=province)
        if unit:
            facts.append(Fact("Địa chỉ", unit))
        if n.tax_code:
            facts.append(Fact("Mã số doanh nghiệp", n.tax_code))
        c = n.commune if spec.record == "commune" else None
        if c is not None:
            facts.append(Fact("Xã đặc biệt khó khăn", "Có" if c.extremely_difficult else "Không"))
            facts.extend(_criteria_facts(n.verdict_case or {}, plan or n.dossier.plan_spec))
        blanks = list(
            {
                Group.ORGANIZATION: ORGANIZATION_BLANKS,
                Group.COMMUNE: COMMUNE_BLANKS,
                Group.COLLECTIVE: COLLECTIVE_BLANKS,
            }.get(spec.group, UNIT_BLANKS)
        )
    for label, value in (
        ("Giá trị đóng góp công sức, đất đai, tài sản", n.contribution_value),
        ("Giá trị đóng góp xây dựng hạ tầng nông thôn", n.infrastructure_value),
        ("Giá trị công trình trực tiếp vận động", n.mobilized_value),
        ("Đất đai, tài sản tự đóng góp cho công trình đó", n.own_land_asset_value),
    ):
        if value:
            facts.append(Fact(label, format_vnd(value, " đồng")))
    return facts, blanks


def _criteria_facts(case: dict, plan: PlanSpec) -> list[Fact]:
    """A commune's standing from the facts its verdict judged (no extra query): the
    number of criteria and the baseline are the plan's (its criteria set, its data)."""
    facts = []
    now, baseline = case.get("criteria_now"), case.get("criteria_baseline")
    if now is not None:
        facts.append(
            Fact(
                _("Số tiêu chí nông thôn mới đạt tại thời điểm xét"),
                f"{len(now)}/{len(plan.criteria)}"
                + (f" (tiêu chí {', '.join(map(str, sorted(now)))})" if now else ""),
            )
        )
    if now is not None and baseline is not None:
        new = sorted(set(now) - set(baseline))
        facts.append(
            Fact(
                _("Tiêu chí đạt mới kể từ ngày %(d)s") % {"d": f"{plan.baseline_on:%d/%m/%Y}"},
                f"{len(new)} (tiêu chí {', '.join(map(str, new))})" if new else _("không có"),
            )
        )
    recognition = case.get("recognition")
    if recognition:
        level = recognition.get("level")
        standing = f"đạt chuẩn {LEVELS[level]}" if level in LEVELS else ""
        facts.append(Fact(_("Công nhận"), f"{standing} năm {recognition.get('year')}"))
    return facts


@in_official_language
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
        province = bodies.home_province(dossier.document_date)
    facts, blanks = _facts(nominee, bodies.province_label(province), dossier.plan_spec)
    collective = not nominee.kind_spec.is_person
    phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
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
        place = nominee.commune.name if nominee.commune is not None else proposer.place
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
    if collective and author.key:
        # A commune, a district, an agency: its own signer and forms (signers.py).
        head.signer = signer_for(author, dossier.document_date)
    elif collective:
        # A village, an enterprise, a cooperative: its head by what it is.
        head.signer = Signer(title=unit_head_title(nominee.name))
    if nominee.kind == NomineeKind.HOUSEHOLD:
        head.signer = Signer(title="CHỦ HỘ", name=household_head(nominee.name))
    elif not collective:
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
        subheading=(
            "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\n"
            f"({title_label(nominee.title)})"
        ),
        section_one=section_one_heading(nominee),
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
        {
            "head": head,
            "report": report,
            "plan": dossier_plan(dossier),
            "phrase": phrase,
        },
        file_name("thanh-tich", dossier.reference, nominee.position or nominee.pk, nominee.name),
        heading,
    )


@in_official_language
def achievement_reports(dossier: Dossier, *, awards=None) -> list[Document]:
    """Every nominee's report, with earlier awards read in one query (or taken from
    ``awards``: the awards of many dossiers' nominees read at once, this one's left out)."""
    nominees = list(nominees_of(dossier))
    if awards is None:
        earlier = awards_of(
            identities=[n.identity for n in nominees], exclude_dossier_id=dossier.pk
        )
    else:
        earlier = {
            identity: [a for a in found if a.dossier_id != dossier.pk]
            for identity, found in awards.items()
        }
    proposer = bodies.proposer(dossier)
    province = bodies.home_province(dossier.document_date)
    return [
        achievement_report(dossier, n, earlier, proposer=proposer, province=province)
        for n in nominees
    ]
