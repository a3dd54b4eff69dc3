"""Tờ trình of UBND tỉnh proposing state-level awards (III.2.1 of the plan): the list of
nominees by award, the national plan and the province's decisions it rests on; its
number is the register's (given when the proposal is sent)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dossiers.models import Dossier, Nominee, StateProposal
from dossiers.services.state_awards import letter_excerpt

from .. import bodies
from ..content import NomineeGroup, NomineeLine, count_phrase
from ..language import in_official_language
from ..legal import citation_on
from ..official import long_date, short_date
from ..signers import signer_for
from .common import Document, file_name, head_of, nominee_amount, nominee_unit


def _decisions(nominees: list[Nominee]) -> str:
    """ "Quyết định số 120/QĐ-UBND ngày 01/12/2024, …": the province's decisions that
    awarded the nominees, once each."""
    seen: dict[str, str] = {}
    for n in nominees:
        d: Dossier = n.dossier
        if d.decision_number and d.decision_number not in seen:
            seen[d.decision_number] = f"Quyết định số {d.decision_number}" + (
                f" ngày {short_date(d.decision_date)}" if d.decision_date else ""
            )
    return ", ".join(seen.values())


@in_official_language
def state_letter(proposal: StateProposal) -> Document:
    entries = list(
        proposal.entries.select_related(
            "nominee__dossier", "nominee__commune__district", "nominee__village",
            "nominee__district", "nominee__agency",
        ).order_by("id")
    )  # fmt: skip
    on = proposal.letter_date
    province = bodies.home_province(on)
    committee = bodies.province_committee(province)
    label = bodies.province_label(province)
    groups: dict[tuple[str, bool], NomineeGroup] = {}
    for e in entries:
        n = e.nominee
        key = (e.award, not n.kind_spec.is_person)
        group = groups.get(key)
        if group is None:
            group = groups[key] = NomineeGroup(e.award, collective=key[1])
        group.nominees.append(
            NomineeLine(
                name=n.name,
                address=nominee_unit(n, province=label),
                achievement=e.reason or n.achievements,
                amount=nominee_amount(n),
            )
        )
    persons = sum(1 for e in entries if e.nominee.kind_spec.is_person)
    plan = proposal.state_plan
    letter = proposal.letter
    head = head_of(
        committee,
        symbol=letter.symbol if letter else "TTr-UBND",
        number=letter.number if letter else None,
        date=on,
        year=None if on else proposal.year,
        doc_type="TỜ TRÌNH",
        summary=letter.excerpt if letter else _draft_excerpt(proposal, bool(groups)),
        addressees=["Thủ tướng Chính phủ"],
        recipients=[
            "Như trên",
            "Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)",
            "CT, các PCT UBND tỉnh",
            "Ban Thi đua - Khen thưởng, Sở Nội vụ",
            "Lưu: VT",
        ],
        signer=signer_for(committee, on),
    )
    nominees = [e.nominee for e in entries]
    return Document(
        "documents/state_letter.html",
        {
            "head": head,
            "basis": citation_on(on or proposal.created_at.date()),
            "plan": plan,
            "plan_date": long_date(plan.issued_on) if plan.issued_on else "",
            "decisions": _decisions(nominees),
            "province": label,
            "groups": list(groups.values()),
            "counts": count_phrase(len(entries) - persons, persons),
            "awards": ", ".join(dict.fromkeys(g.title for g in groups.values())),
            "movement": _movement_phrase(plan.name),
        },
        file_name("to-trinh-nha-nuoc", letter.full_number if letter else proposal.pk),
        _("Tờ trình đề nghị khen thưởng cấp Nhà nước"),
    )


def _draft_excerpt(proposal: StateProposal, any_entry: bool) -> str:
    return letter_excerpt(proposal) if any_entry else "Về việc đề nghị khen thưởng cấp Nhà nước"


def _movement_phrase(plan_name: str) -> str:
    """ "Phong trào thi đua “Cả nước …” giai đoạn 2021 - 2025" of the plan's name (the
    name itself when it names no movement)."""
    start = plan_name.find("Phong trào")
    return plan_name[start:] if start >= 0 else plan_name
