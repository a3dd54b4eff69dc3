"""Quyết định khen thưởng with the annex of awarded nominees, and the text of each
Bằng khen it awards."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dossiers.models import Decision, DecisionKind, Dossier, Nominee
from dossiers.selectors import correction_notes, nominees_of

from .. import bodies, certificates
from ..content import count_phrase
from ..language import in_official_language
from ..legal import citation_on, dossier_plan, local_government_law, round_phrase
from ..official import Signer, long_date, short_date, split_number
from ..signers import signer_for
from ..verify import certificate_checks_issue, verify_url
from .common import (
    Document,
    chairman,
    file_name,
    head_of,
    nominee_groups,
    nominee_unit,
)


def covered_dossiers(dossier: Dossier) -> list[Dossier]:
    """The dossiers the decision on ``dossier`` covers: those of its province's decision
    (issue 14 part 5: one decision for the approved dossiers of a round), else itself."""
    if dossier.decision_id is None:
        return [dossier]
    return list(
        Dossier.objects.filter(decision_id=dossier.decision_id)
        .select_related("district", "commune", "agency")
        .order_by("pk")
    )


def stored_signatory(dossier: Dossier) -> int | None:
    """The signatory chosen when the dossier's decision was issued (its id), if any."""
    decision = dossier.decision  # None without a query when decision_id is None
    return decision.signatory_id if decision is not None else None


def _proposal(dossier: Dossier) -> str:
    if not dossier.document_number:
        return ""
    text = f"Tờ trình số {dossier.document_number}"
    if dossier.document_date:
        text += f" ngày {short_date(dossier.document_date)}"
    return text


@in_official_language
def decision(
    dossier: Dossier, *, signer_id: int | None = None, covered: list[Dossier] | None = None
) -> Document:
    """Quyết định khen thưởng with the annex of awarded nominees (a decided dossier; with
    every dossier its decision covers, ``covered`` when the caller read them already)."""
    covered = covered if covered is not None else covered_dossiers(dossier)
    nominees = [n for d in covered for n in nominees_of(d)]
    layout = certificates.active_layout()
    number, symbol = split_number(dossier.decision_number, "QĐ-UBND")
    phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
    province = bodies.home_province(dossier.decision_date)  # the issuer that day
    plan = dossier_plan(dossier)
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
        # The chairman's decision: no "TM."; the signer chosen (when it was issued, or
        # now) if valid on the decision's date, else the default one valid that day,
        # else the certificate layout's (who signs the Bằng khen).
        signer=signer_for(
            committee,
            dossier.decision_date,
            on_behalf=False,
            chosen=signer_id or stored_signatory(dossier),
            fallback=Signer(title=layout.signer_title, name=layout.signer_name),
        ),
    )
    # Căn cứ by the decision's own date, not the filing date of the dossier.
    on = dossier.decision_date
    cite = citation_on(on, stored=dossier.legal_basis)
    proposal = ", ".join(p for d in covered if (p := _proposal(d)))
    proposers = list(dict.fromkeys(bodies.proposer(d).name for d in covered))
    return Document(
        "documents/decision.html",
        {
            "head": head,
            "groups": groups,
            "counts": count_phrase(collectives, persons),
            "basis": cite,
            "local_law": local_government_law(on or dossier.document_date),
            "plan": plan,
            "phrase": phrase,
            "proposer": ", ".join(proposers),
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


@in_official_language
def certificate_entries(dossier: Dossier) -> list[certificates.CertificateEntry]:
    phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
    province = bodies.home_province(dossier.decision_date)
    label, place = bodies.province_label(province), bodies.province_committee(province).place
    plan = dossier_plan(dossier)
    awarded = awarded_nominees(dossier)
    tokens = certificate_checks_issue(nominees=[n for n, _unit in awarded])
    notes = correction_notes(dossier)
    return [
        certificates.CertificateEntry(
            recipient=n.name,
            unit=(unit[:1].upper() + unit[1:] + f", {label}") if unit else "",
            achievement=certificates.achievement_text(plan, phrase),
            decision_number=dossier.decision_number,
            decision_date=dossier.decision_date,
            place=place,
            verify_url=verify_url(tokens[n.pk]),
            correction=notes.get(n.pk, ""),
        )
        for n, unit in awarded
    ]


def _change_line(change: dict) -> str:
    """One change of a correcting decision, as its Điều 1 lists it."""
    if change.get("field") == "name":
        return (
            f"Tại Danh sách kèm theo, tên “{change['before']}” được sửa lại là “{change['after']}”."
        )
    if change.get("after"):
        return f"Bổ sung {change['name']} vào Danh sách được tặng Bằng khen."
    reason = f" (lý do: {change['reason']})" if change.get("reason") else ""
    return f"Đưa {change['name']} ra khỏi Danh sách được tặng Bằng khen{reason}."


@in_official_language
def correction_decision(correction: Decision, *, signer_id: int | None = None) -> Document:
    """Quyết định đính chính / sửa đổi, bổ sung of a recorded award decision: its changes
    (``Decision.annex`` of the correction, as recorded), the rest kept; signed by
    ``signer_id`` if it may sign that day, else by the signatory stored with it, else the
    default one. No query beyond the signer and the province of its date."""
    original = correction.corrects
    assert original is not None
    number, symbol = split_number(correction.number, "QĐ-UBND")
    province = bodies.home_province(correction.date)
    committee = bodies.province_committee(province)
    layout = certificates.active_layout()
    verb = "đính chính" if correction.kind == DecisionKind.CORRECTION else "sửa đổi, bổ sung"
    cited = f"Quyết định số {original.number} ngày {short_date(original.date)}"
    head = head_of(
        committee,
        symbol=symbol,
        number=number,
        date=correction.date,
        doc_type="QUYẾT ĐỊNH",
        summary=f"Về việc {verb} {cited} của Chủ tịch Ủy ban nhân dân tỉnh",
        recipients=[
            "Như Điều 3",
            "CT, các PCT UBND tỉnh",
            "Ban Thi đua - Khen thưởng, Sở Nội vụ",
            "Lưu: VT",
        ],
        signer=signer_for(
            committee,
            correction.date,
            on_behalf=False,
            chosen=signer_id or correction.signatory_id,
            fallback=Signer(title=layout.signer_title, name=layout.signer_name),
        ),
    )
    return Document(
        "documents/decision_correction.html",
        {
            "head": head,
            "basis": citation_on(correction.date),
            "local_law": local_government_law(correction.date),
            "authority": chairman(committee),
            "verb": verb,
            "cited": cited,
            "reason": correction.reason.strip().rstrip(".").strip(),
            "changes": [_change_line(c) for c in correction.annex],
        },
        file_name("quyet-dinh", correction.number),
        _("Quyết định đính chính, sửa đổi"),
    )
