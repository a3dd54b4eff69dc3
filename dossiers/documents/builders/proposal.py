"""Tờ trình: the proposing level's letter asking for the Bằng khen, with its list."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dossiers import numbering
from dossiers.models import Dossier
from dossiers.selectors import nominees_of

from .. import bodies
from ..content import ProposalLetter
from ..language import in_official_language
from ..legal import citation_on, dossier_plan, round_phrase
from ..official import split_number
from .common import (
    Document,
    chairman,
    council_name,
    file_name,
    head_of,
    nominee_groups,
    proposer_signer,
)


@in_official_language
def proposal_letter(dossier: Dossier, *, signer_id: int | None = None) -> Document:
    nominees = list(nominees_of(dossier))
    proposer = bodies.proposer(dossier)
    # A tờ trình: "TTr-" and the proposer's abbreviation (Phụ lục III, Nghị định 30/2020).
    number, symbol = split_number(
        dossier.document_number, numbering.symbol(numbering.TO_TRINH, proposer.abbreviation)
    )
    phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
    province = bodies.home_province(dossier.document_date)
    plan = dossier_plan(dossier)
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
        signer=proposer_signer(dossier, proposer, signer_id),
    )
    report = "tóm tắt thành tích" if dossier.round == "annual" else "báo cáo thành tích"
    letter = ProposalLetter(
        head=head,
        basis=citation_on(dossier.document_date, stored=dossier.legal_basis),
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
