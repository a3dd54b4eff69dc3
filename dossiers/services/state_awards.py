"""Up the ladder (III.2.1 of the plan): from a decided round, the provincial board
proposes nominees the province awarded for state-level awards under the national plan
(Quyết định 587/QĐ-TTg for 2021–2025; its standards are data:
:class:`emulation.models.StateAwardStandard`).

A proposal moves draft → sent (its tờ trình of UBND tỉnh numbered through the register
of outgoing documents) → the central decision recorded (number, date, who awarded, each
nominee's outcome) or not awarded. Each move is one transaction, one audit line on the
proposal and one history line in every dossier whose nominee it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.audit import log_action
from emulation.models import StateAwardStandard, User
from emulation.permissions import is_reviewer
from emulation.provinces import in_provinces
from emulation.state_plans import state_plan_for
from emulation.text import nfc

from ..documents import bodies
from ..documents.register import outgoing_document_issue
from ..models import (
    Dossier,
    Nominee,
    RoundChoices,
    StateProposal,
    StateProposalEntry,
    StateProposalStatus,
    Status,
)
from ..numbering import TO_TRINH
from ..permissions import dossier_scope
from .common import _log
from .errors import Invalid, NotAllowed, StaleEdit, WrongState


def _require_board(by: User, province_id: str | None = None) -> None:
    provinces = dossier_scope(by).provinces or ()
    if not is_reviewer(by) or (province_id is not None and province_id not in provinces):
        raise NotAllowed(
            _("Chỉ Ban Thi đua - Khen thưởng của tỉnh lập đề nghị khen thưởng cấp Nhà nước.")
        )


def candidates_of(proposal: StateProposal) -> QuerySet[Nominee]:
    """The nominees a proposal may name: those the province's decisions awarded in its
    round (decided dossiers of the same province, round and year)."""
    return (
        Nominee.objects.filter(
            awarded=True,
            dossier__status=Status.DECIDED,
            dossier__province_id=proposal.province_id,
            dossier__round=proposal.round,
            dossier__year=proposal.year,
        )
        .select_related("dossier__district", "dossier__commune", "dossier__agency")
        .order_by("dossier_id", "position", "id")
    )


def admits(standard: StateAwardStandard, nominee: Nominee) -> bool:
    """A standard admits the kinds it lists; one that lists none admits every kind."""
    return not standard.kinds or nominee.kind in standard.kinds


def _check_version(proposal: StateProposal, expected: int | None) -> None:
    if expected is not None and proposal.version != expected:
        raise StaleEdit()


def _lock(proposal: StateProposal) -> StateProposal:
    locked = StateProposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.__dict__.update({k: v for k, v in locked.__dict__.items() if not k.startswith("_")})
    return proposal


def _touch(proposal: StateProposal, **changes: Any) -> None:
    for field, value in changes.items():
        setattr(proposal, field, value)
    proposal.version += 1
    proposal.updated_at = timezone.now()
    proposal.save()


def _entry_row(e: StateProposalEntry) -> dict[str, Any]:
    row: dict[str, Any] = {"nominee": e.nominee_id, "name": e.nominee.name, "award": e.award}
    if e.awarded is not None:
        row["awarded"] = e.awarded
    if e.outcome_reason:
        row["reason"] = e.outcome_reason
    return row


def _history(
    proposal: StateProposal,
    entries: list[StateProposalEntry],
    *,
    action: str,
    by: User,
    note: str,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """One history line in each dossier whose nominee the move names."""
    per_dossier: dict[int, list[StateProposalEntry]] = {}
    for e in entries:
        per_dossier.setdefault(e.nominee.dossier_id, []).append(e)
    dossiers = Dossier.objects.in_bulk(list(per_dossier))
    for pk in sorted(per_dossier):
        _log(
            dossiers[pk],
            action=action,
            by=by,
            note=note,
            details={
                "state_proposal": proposal.pk,
                "state_entries": [_entry_row(e) for e in per_dossier[pk]],
                **(extra or {}),
            },
        )


def _entries(proposal: StateProposal) -> list[StateProposalEntry]:
    return list(proposal.entries.select_related("nominee").order_by("id"))


def state_proposal_create(*, by: User, round: str, year: int, note: str = "") -> StateProposal:
    """Draft a proposal from a decided round of the board's province."""
    _require_board(by)
    errors: dict[str, str] = {}
    if round not in RoundChoices.values:
        raise Invalid({"round": _("Chọn đợt khen thưởng.")})
    decided = (
        Dossier.objects.filter(
            in_provinces("province_id", dossier_scope(by).provinces or frozenset()),
            status=Status.DECIDED,
            round=round,
            year=year,
            nominees__awarded=True,
        )
        .order_by("pk")
        .first()
    )
    if decided is None:
        errors["round"] = _("Đợt này chưa có quyết định khen thưởng của tỉnh.")
    state_plan = state_plan_for(year)
    if state_plan is None:
        errors["state_plan"] = _(
            "Chưa có kế hoạch thi đua cấp Nhà nước cho năm %(y)s: quản trị viên nhập kế "
            "hoạch và tiêu chuẩn khen thưởng trước."
        ) % {"y": year}
    if errors:
        raise Invalid(errors)
    assert decided is not None and state_plan is not None
    with transaction.atomic():
        proposal = StateProposal.objects.create(
            province_id=decided.province_id,
            round=round,
            year=year,
            state_plan=state_plan,
            note=nfc(note).strip(),
            created_by=by,
        )
        log_action(
            action="state_proposal.drafted",
            obj=proposal,
            by=by,
            after={"status": proposal.status, "plan": state_plan.number},
            reason=proposal.note,
            province=proposal.province_id,
        )
    return proposal


def state_proposal_entries_set(
    *,
    proposal: StateProposal,
    by: User,
    choices: Mapping[int, tuple[int | None, str]],
    expected_version: int | None = None,
) -> StateProposal:
    """Choose the nominees of a draft: ``choices`` {nominee id: (standard id, or None to
    leave the nominee out; the achievement or reason)}. Nominees not named keep their
    entry. Each dossier whose nominee enters or leaves gets a history line."""
    _require_board(by, proposal.province_id)
    with transaction.atomic():
        _lock(proposal)
        _check_version(proposal, expected_version)
        if proposal.status != StateProposalStatus.DRAFT:
            raise WrongState(_("Đề nghị đã gửi: không sửa danh sách được nữa."))
        candidates = {n.pk: n for n in candidates_of(proposal).filter(pk__in=list(choices))}
        standards = {s.pk: s for s in proposal.state_plan.standards.all()}
        existing = {e.nominee_id: e for e in proposal.entries.select_related("nominee")}
        elsewhere = set(
            StateProposalEntry.objects.filter(nominee_id__in=list(choices))
            .exclude(proposal=proposal)
            .exclude(proposal__status=StateProposalStatus.NOT_AWARDED)
            .values_list("nominee_id", flat=True)
        )
        errors: dict[str, str] = {}
        added: list[StateProposalEntry] = []
        removed: list[StateProposalEntry] = []
        for pk, (standard_id, reason) in sorted(choices.items()):
            nominee = candidates.get(pk)
            if nominee is None:
                errors[f"n{pk}"] = _("Chỉ đề nghị đối tượng đã được tỉnh khen thưởng trong đợt.")
                continue
            entry = existing.get(pk)
            if standard_id is None:
                if entry is not None:
                    removed.append(entry)
                continue
            if pk in elsewhere:
                errors[f"n{pk}"] = _("%(n)s đã có trong một đề nghị cấp Nhà nước khác.") % {
                    "n": nominee.name
                }
                continue
            standard = standards.get(standard_id)
            if standard is None:
                errors[f"n{pk}"] = _("Chọn hình thức khen thưởng của kế hoạch.")
                continue
            if not admits(standard, nominee):
                errors[f"n{pk}"] = _("%(a)s không dành cho %(k)s.") % {
                    "a": standard.award,
                    "k": nominee.get_kind_display().lower(),
                }
                continue
            reason = nfc(reason).strip()
            if entry is None:
                entry = StateProposalEntry(proposal=proposal, nominee=nominee)
            elif (entry.standard_id, entry.reason) == (standard.pk, reason):
                continue
            entry.standard, entry.award, entry.authority = (
                standard,
                standard.award,
                standard.authority,
            )
            entry.reason = reason
            added.append(entry)
        if errors:
            raise Invalid(errors)
        if not added and not removed:
            return proposal
        for entry in added:
            entry.save()
        for entry in removed:
            entry.delete()
        _touch(proposal)
        if added:
            _history(proposal, added, action="state_select", by=by, note="")
        if removed:
            _history(proposal, removed, action="state_unselect", by=by, note="")
        log_action(
            action="state_proposal.entries",
            obj=proposal,
            by=by,
            details={
                "added": [_entry_row(e) for e in added],
                "removed": [_entry_row(e) for e in removed],
            },
            province=proposal.province_id,
        )
    return proposal


def letter_excerpt(proposal: StateProposal) -> str:
    """The tờ trình's trích yếu: "Về việc đề nghị tặng … cho các tập thể, cá nhân …"."""
    awards = list(dict.fromkeys(e.award for e in proposal.entries.order_by("id")))
    return (
        f"Về việc đề nghị tặng {', '.join(awards) or 'hình thức khen thưởng cấp Nhà nước'} "
        f"cho các tập thể, cá nhân có thành tích trong Phong trào thi đua "
        f"“{_movement(proposal)}”"
    )


def _movement(proposal: StateProposal) -> str:
    name = proposal.state_plan.name
    start, end = name.find("“"), name.find("”")
    return name[start + 1 : end] if 0 <= start < end else name


def _latest_decision_date(proposal: StateProposal) -> dt.date | None:
    dates = [
        d
        for d in Dossier.objects.filter(nominees__state_entries__proposal=proposal).values_list(
            "decision_date", flat=True
        )
        if d is not None
    ]
    return max(dates, default=None)


def state_proposal_send(
    *,
    proposal: StateProposal,
    by: User,
    letter_date: dt.date | None,
    note: str = "",
    expected_version: int | None = None,
) -> StateProposal:
    """Send a draft: its tờ trình of UBND tỉnh takes the next number of the province
    committee's register on ``letter_date`` (not before the province's decisions it
    follows, not in the future)."""
    _require_board(by, proposal.province_id)
    errors: dict[str, str] = {}
    with transaction.atomic():
        _lock(proposal)
        _check_version(proposal, expected_version)
        if proposal.status != StateProposalStatus.DRAFT:
            raise WrongState(_("Đề nghị này đã được gửi."))
        entries = _entries(proposal)
        if not entries:
            errors["__all__"] = _("Chọn ít nhất một đối tượng để đề nghị.")
        earliest = _latest_decision_date(proposal)
        if letter_date is None:
            errors["letter_date"] = _("Nhập ngày tờ trình (dd/mm/yyyy).")
        elif letter_date > timezone.localdate():
            errors["letter_date"] = _("Ngày tờ trình không được sau hôm nay.")
        elif earliest is not None and letter_date < earliest:
            errors["letter_date"] = _(
                "Ngày tờ trình không được trước ngày quyết định khen thưởng của tỉnh (%(d)s)."
            ) % {"d": earliest.strftime("%d/%m/%Y")}
        if errors:
            raise Invalid(errors)
        assert letter_date is not None
        committee = bodies.province_committee(bodies.home_province(letter_date))
        letter = outgoing_document_issue(
            body_key=committee.key,
            body_name=committee.name,
            body_abbreviation=committee.abbreviation,
            kind_code=TO_TRINH.code,
            issued_on=letter_date,
            excerpt=letter_excerpt(proposal),
            by=by,
            recipients="Thủ tướng Chính phủ; Ban Thi đua - Khen thưởng Trung ương",
        )
        before = proposal.status
        note = nfc(note).strip()
        _touch(proposal, status=StateProposalStatus.SENT, letter=letter, letter_date=letter_date)
        _history(
            proposal,
            entries,
            action="state_send",
            by=by,
            note=note,
            extra={"letter_number": letter.full_number, "letter_date": letter_date.isoformat()},
        )
        log_action(
            action="state_proposal.sent",
            obj=proposal,
            by=by,
            before={"status": before},
            after={"status": proposal.status, "letter": letter.full_number},
            reason=note,
            province=proposal.province_id,
        )
    return proposal


def state_proposal_decide(
    *,
    proposal: StateProposal,
    by: User,
    number: str,
    date: dt.date | None,
    authority: str,
    outcomes: Mapping[int, tuple[bool, str]],
    note: str = "",
    expected_version: int | None = None,
) -> StateProposal:
    """Record the centre's answer to a sent proposal: ``outcomes`` {entry id: (awarded,
    reason if not)} for every entry. Any awarded: the decision's number, date and who
    awarded are required (status "awarded"); none: the reason is (status "not awarded")."""
    _require_board(by, proposal.province_id)
    with transaction.atomic():
        _lock(proposal)
        _check_version(proposal, expected_version)
        if proposal.status != StateProposalStatus.SENT:
            raise WrongState(_("Chỉ ghi kết quả của đề nghị đã gửi Trung ương."))
        entries = _entries(proposal)
        errors: dict[str, str] = {}
        number, authority, note = nfc(number).strip(), nfc(authority).strip(), nfc(note).strip()
        for e in entries:
            if e.pk not in outcomes:
                errors[f"e{e.pk}"] = _("Chọn kết quả cho %(n)s.") % {"n": e.nominee.name}
                continue
            awarded, why = outcomes[e.pk]
            if not awarded and not nfc(why).strip():
                errors[f"e{e.pk}"] = _("%(n)s: ghi lý do không được khen thưởng.") % {
                    "n": e.nominee.name
                }
        any_awarded = any(outcomes.get(e.pk, (False, ""))[0] for e in entries)
        if any_awarded:
            if not number:
                errors["number"] = _("Nhập số quyết định khen thưởng.")
            if date is None:
                errors["date"] = _("Nhập ngày quyết định (dd/mm/yyyy).")
            if not authority:
                errors["authority"] = _(
                    "Ghi cấp quyết định khen thưởng (ví dụ: Thủ tướng Chính phủ)."
                )
        elif not note:
            errors["note"] = _(
                "Ghi lý do, văn bản trả lời của Trung ương khi không ai được khen thưởng."
            )
        if date is not None:
            if date > timezone.localdate():
                errors["date"] = _("Ngày quyết định không được sau hôm nay.")
            elif proposal.letter_date and date < proposal.letter_date:
                errors["date"] = _("Ngày quyết định không được trước ngày tờ trình (%(d)s).") % {
                    "d": proposal.letter_date.strftime("%d/%m/%Y")
                }
        if errors:
            raise Invalid(errors)
        for e in entries:
            awarded, why = outcomes[e.pk]
            e.awarded, e.outcome_reason = awarded, "" if awarded else nfc(why).strip()
        StateProposalEntry.objects.bulk_update(entries, ["awarded", "outcome_reason"])
        before = proposal.status
        status = StateProposalStatus.AWARDED if any_awarded else StateProposalStatus.NOT_AWARDED
        _touch(
            proposal,
            status=status,
            central_number=number,
            central_date=date,
            central_authority=authority,
            central_note=note,
        )
        _history(
            proposal,
            entries,
            action="state_decide",
            by=by,
            note=note,
            extra={
                "central_number": number,
                "central_date": date.isoformat() if date else "",
                "authority": authority,
            },
        )
        log_action(
            action="state_proposal.decided",
            obj=proposal,
            by=by,
            before={"status": before},
            after={
                "status": status,
                "number": number,
                "date": date,
                "authority": authority,
                "awarded": sum(1 for e in entries if e.awarded),
            },
            reason=note,
            province=proposal.province_id,
        )
    return proposal
