"""A dossier's moves along :data:`workflow.TRANSITIONS`: submitting, receiving,
appraising, returning, approving, deciding, withdrawing, and what stops a submission.

Transitions are ``dossier_<action>(*, dossier, by, note=...)``: they lock the dossier
row, check the actor (role and scope) and the state against :data:`workflow.TRANSITIONS`,
write the new state and a :class:`DossierEvent` (who, when, why, from → to), and
notify the next people in line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import User
from emulation.text import nfc

from .. import completeness, verdicts
from ..documents.issued import sign_after_commit
from ..models import Decision, Dossier, DossierEvent, Nominee, Status
from ..numbering import COMMITTEE_ABBREVIATION, QUYET_DINH, number_error
from ..workflow import TRANSITIONS
from . import changes, notifications
from .common import _lock, _log
from .errors import Blocked, Invalid, NotAllowed, StaleVerdicts, WrongState
from .removals import removed_purge

# --- readiness -----------------------------------------------------------------


def dossier_problems(dossier: Dossier, *, refresh: bool = True) -> list[completeness.Problem]:
    """Why the dossier cannot be submitted now (judging every nominee afresh)."""
    nominees = list(
        dossier.nominees.select_related("commune", "village", "district", "agency").order_by(
            "position", "id"
        )
    )
    if refresh:
        verdicts.refresh(dossier, nominees)
    attachments = list(dossier.attachments.all())
    return completeness.problems(dossier, nominees, attachments)


# --- moves -----------------------------------------------------------------------


def _current_verdicts(d: Dossier, expected: str | None) -> list[Nominee]:
    """Judge the nominees afresh and save the verdicts the move records; refused when
    they differ from those the confirmation screen showed (``expected``, its
    :func:`verdicts.fingerprint`; None: not checked)."""
    nominees = verdicts.refresh(d)
    if expected is not None and verdicts.fingerprint(nominees) != expected:
        raise StaleVerdicts()
    return nominees


def _recorded(nominees: list[Nominee]) -> dict[str, Any]:
    """The verdicts a move records, for its history line."""
    return {
        str(n.pk): {"eligible": n.verdict_eligible, "ruleset": n.ruleset_version} for n in nominees
    }


def _move(
    *,
    dossier: Dossier,
    by: User,
    action: str,
    note: str = "",
    details: dict[str, Any] | None = None,
    prepare: Callable[[Dossier], dict[str, Any]] | None = None,
) -> Dossier:
    """The one place a status changes. ``prepare(d)`` may refuse (raise) or write more."""
    t = TRANSITIONS[action]
    with transaction.atomic():
        d = _lock(dossier)
        if not by.has_perm(t.permission, d):
            raise NotAllowed(_("Bạn không có quyền “%(a)s” với hồ sơ này.") % {"a": t.label})
        if d.status not in t.sources:
            raise WrongState(
                _("Không thể “%(a)s”: hồ sơ đang ở trạng thái “%(s)s”.")
                % {"a": t.label, "s": d.get_status_display()}
            )
        note = nfc(note).strip()
        if t.note_required and not note:
            raise Invalid({"note": _("Ghi rõ lý do.")})
        details = dict(details or {})
        if prepare is not None:
            details.update(prepare(d) or {})
        from_status = d.status
        now = timezone.now()
        d.status = t.target
        d.version += 1
        d.updated_at = now
        if t.target == Status.SUBMITTED:
            d.submitted_at = now
            d.first_submitted_at = d.first_submitted_at or now
            removed_purge(d)  # what was removed can no longer be restored
        d.save()
        _log(d, action=action, by=by, note=note, from_status=from_status, details=details)
        notifications.notify_move(dossier=d, action=action, by=by, note=note)
    dossier.refresh_from_db()
    return d


def _require_ready(d: Dossier) -> dict[str, Any]:
    found = dossier_problems(d)
    if found:
        raise Blocked(_("Chưa nộp được hồ sơ:"), found)
    return {}


def dossier_submit(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    """draft → submitted; refused while a nominee fails a measurable standard or a
    required document is missing."""
    return _move(dossier=dossier, by=by, action="submit", note=note, prepare=_require_ready)


def _last_return(d: Dossier) -> DossierEvent | None:
    return d.events.filter(action="return").order_by("-at", "-id").first()


def changes_since_return(dossier: Dossier) -> list[dict[str, str]] | None:
    """What the proposer changed since the last return (None if never returned)."""
    event = _last_return(dossier)
    if event is None or "snapshot" not in event.details:
        return None
    return changes.diff(event.details["snapshot"], changes.snapshot(dossier))


def dossier_resubmit(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    """returned → submitted, recording what changed since the return."""

    def prepare(d: Dossier) -> dict[str, Any]:
        _require_ready(d)
        lines = changes_since_return(d) or []
        d.nominees.exclude(return_comment="").update(return_comment="")
        return {"changes": lines}

    return _move(dossier=dossier, by=by, action="resubmit", note=note, prepare=prepare)


def dossier_withdraw(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    return _move(dossier=dossier, by=by, action="withdraw", note=note)


def dossier_receive(
    *, dossier: Dossier, by: User, note: str = "", expected_verdicts: str | None = None
) -> Dossier:
    """submitted → received, recording the verdicts as they are now."""

    def prepare(d: Dossier) -> dict[str, Any]:
        return {"verdicts": _recorded(_current_verdicts(d, expected_verdicts))}

    return _move(dossier=dossier, by=by, action="receive", note=note, prepare=prepare)


def _settle(
    d: Dossier,
    nominees: list[Nominee],
    settled: Mapping[int, Mapping[str, bool | None]] | None,
    by: User,
) -> list[dict[str, Any]]:
    """Store the facts the appraiser states where the records are silent; the lines for
    the history."""
    lines: list[dict[str, Any]] = []
    now = timezone.now().isoformat()
    by_pk = {n.pk: n for n in nominees}
    for pk, answers in (settled or {}).items():
        n = by_pk.get(int(pk))
        if n is None:
            continue
        for key, value in answers.items():
            if key not in verdicts.SETTLE_FIELDS or value is None:
                continue
            n.settled_facts = {
                **(n.settled_facts or {}),
                key: {"value": bool(value), "by": by.pk, "by_name": str(by), "at": now},
            }
            lines.append({"nominee": n.pk, "name": n.name, "fact": key, "value": bool(value)})
    Nominee.objects.bulk_update(nominees, ["settled_facts"])
    return lines


def dossier_appraise(
    *,
    dossier: Dossier,
    by: User,
    note: str = "",
    nominee_notes: Mapping[int, str] | None = None,
    settled: Mapping[int, Mapping[str, bool | None]] | None = None,
    disagreements: Collection[int] = (),
    expected_verdicts: str | None = None,
) -> Dossier:
    """received → appraised: the NTM coordination office confirms the NTM facts.

    Where the records are silent (a pending check with ``settle``: no debt record, an
    outside-province ĐBKK residence), the appraiser states the fact (``settled``:
    {nominee id: {case field: value}}); the appraisal is refused while one is unstated.
    The nominees are judged again on the records as they stand now; the facts each
    verdict used are kept with it.

    The appraiser may disagree ("không thống nhất") about a nominee
    (``disagreements``: nominee ids), its reason in ``nominee_notes``: the dossier goes
    back to the board, which may return it to the proposer; a nominee disagreed about is
    awarded only by the board's override."""

    def prepare(d: Dossier) -> dict[str, Any]:
        nominees = _current_verdicts(d, expected_verdicts)
        stated = _settle(d, nominees, settled, by)
        nominees = verdicts.refresh(d, nominees)
        unsettled = [n for n in nominees if verdicts.pending_settles(n)]
        if unsettled:
            raise Blocked(
                _("Còn số liệu chưa được xác nhận:"),
                [
                    completeness.Problem(
                        "unsettled",
                        _("%(n)s: %(f)s")
                        % {
                            "n": n.name,
                            "f": ", ".join(
                                str(verdicts.SETTLE_FIELDS[k].label).lower()
                                for k in verdicts.pending_settles(n)
                            ),
                        },
                        n.pk,
                    )
                    for n in unsettled
                ],
            )
        notes = {int(k): nfc(v).strip() for k, v in (nominee_notes or {}).items()}
        against = {int(k) for k in disagreements}
        missing = {
            f"n{n.pk}": _("%(n)s: ghi lý do không thống nhất.") % {"n": n.name}
            for n in nominees
            if n.pk in against and not notes.get(n.pk)
        }
        if missing:
            raise Invalid(missing)
        for n in nominees:
            if n.pk in notes:
                n.appraisal_note = notes[n.pk]
            n.appraisal_agreed = n.pk not in against
        Nominee.objects.bulk_update(nominees, ["appraisal_note", "appraisal_agreed"])
        return {
            "verdicts": _recorded(nominees),
            "settled": stated,
            "disagreements": [
                {"nominee": n.pk, "name": n.name, "reason": n.appraisal_note}
                for n in nominees
                if n.appraisal_agreed is False
            ],
            "notes": [
                {"nominee": n.pk, "name": n.name, "text": n.appraisal_note}
                for n in nominees
                if n.appraisal_note
            ],
        }

    return _move(dossier=dossier, by=by, action="appraise", note=note, prepare=prepare)


def dossier_return(
    *, dossier: Dossier, by: User, note: str, comments: Mapping[int, str] | None = None
) -> Dossier:
    """received / appraised → returned for supplement, with a comment per nominee."""

    def prepare(d: Dossier) -> dict[str, Any]:
        nominees = list(d.nominees.all())
        clean = {int(k): nfc(v).strip() for k, v in (comments or {}).items()}
        for n in nominees:
            n.return_comment = clean.get(n.pk, "")
        Nominee.objects.bulk_update(nominees, ["return_comment"])
        return {
            "comments": [
                {"nominee": n.pk, "name": n.name, "text": n.return_comment}
                for n in nominees
                if n.return_comment
            ],
            "snapshot": changes.snapshot(d, nominees=nominees),
        }

    return _move(dossier=dossier, by=by, action="return", note=note, prepare=prepare)


def needs_override(n: Nominee) -> bool:
    """Awarded only by the board's explicit override: the rules find it not eligible,
    or the appraiser did not agree."""
    return n.verdict_eligible is not True or n.appraisal_agreed is False


def dossier_approve(
    *,
    dossier: Dossier,
    by: User,
    note: str = "",
    overrides: Mapping[int, str] | None = None,
    expected_verdicts: str | None = None,
) -> Dossier:
    """appraised → approved; refused while a judged standard has not been judged.

    A nominee the rules find not eligible is approved for an award only by an explicit
    override with its reason (``overrides``: {nominee id: reason}), kept on the nominee
    and in the history; without one it stays "chưa đạt" and cannot be awarded."""

    def prepare(d: Dossier) -> dict[str, Any]:
        nominees = _current_verdicts(d, expected_verdicts)
        pending = [n for n in nominees if n.verdict_eligible is None and not n.verdict_error]
        if pending:
            raise Blocked(
                _("Còn đối tượng chưa được đánh giá tiêu chuẩn định tính:"),
                [completeness.Problem("not_attested", n.name, n.pk) for n in pending],
            )
        reasons = {int(k): nfc(v).strip() for k, v in (overrides or {}).items()}
        now = timezone.now()
        given = []
        for n in nominees:
            reason = reasons.get(n.pk, "")
            if not needs_override(n) or not reason:
                n.override_reason, n.override_by, n.override_at = "", None, None
                continue
            n.override_reason, n.override_by, n.override_at = reason, by, now
            given.append({"nominee": n.pk, "name": n.name, "reason": reason})
        Nominee.objects.bulk_update(nominees, ["override_reason", "override_by", "override_at"])
        return {"verdicts": _recorded(nominees), **({"overrides": given} if given else {})}

    return _move(dossier=dossier, by=by, action="approve", note=note, prepare=prepare)


def decision_earliest(dossier: Dossier) -> dt.date:
    """The earliest date a decision on ``dossier`` can bear: the start of its plan's
    period, or the date of the proposal it answers when later."""
    start = dt.date(dossier.plan_spec.first_year, 1, 1)
    return max(start, dossier.document_date) if dossier.document_date else start


def decision_errors(
    number: str, date: dt.date | None, earliest: dt.date | None, too_early: str
) -> dict[str, str]:
    """What is wrong with a decision's number (a QĐ) and date (not after today, not
    before ``earliest``: ``too_early`` says so, with %(d)s)."""
    errors: dict[str, str] = {}
    if not number:
        errors["decision_number"] = _("Nhập số quyết định.")
    elif wrong := number_error(number, QUYET_DINH, COMMITTEE_ABBREVIATION):
        # the province's UBND issues it: "…/QĐ-UBND"
        errors["decision_number"] = wrong
    return errors | decision_date_errors(date, earliest, too_early)


def decision_date_errors(
    date: dt.date | None, earliest: dt.date | None, too_early: str
) -> dict[str, str]:
    """What is wrong with a decision's date: not after today, not before ``earliest``
    (``too_early`` says so, with %(d)s)."""
    errors: dict[str, str] = {}
    if date is None:
        errors["decision_date"] = _("Nhập ngày quyết định.")
    elif date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
    elif earliest is not None and date < earliest:
        errors["decision_date"] = too_early % {"d": f"{earliest:%d/%m/%Y}"}
    return errors


def dossier_decide(
    *,
    dossier: Dossier,
    by: User,
    decision_number: str,
    decision_date: dt.date,
    outcomes: Mapping[int, tuple[bool, str]],
    note: str = "",
    expected_verdicts: str | None = None,
    decision: Decision | None = None,
) -> Dossier:
    """approved → decided: the decision's number and date, and for each nominee whether
    it is awarded (a nominee that does not meet the standards cannot be) and why not.
    ``decision``: the province's decision covering this dossier with others of its round
    (:func:`dossiers.services.decisions.decision_record`), linked from the dossier."""

    def prepare(d: Dossier) -> dict[str, Any]:
        number = nfc(decision_number).strip()
        errors = decision_errors(
            number,
            decision_date,
            decision_earliest(d),
            _(
                "Ngày quyết định không được trước %(d)s (đầu giai đoạn của Kế hoạch hoặc "
                "ngày văn bản đề nghị)."
            ),
        )
        nominees = _current_verdicts(d, expected_verdicts)
        for n in nominees:
            if n.pk not in outcomes:
                errors[f"n{n.pk}"] = _("%(n)s: chọn khen thưởng hoặc không.") % {"n": n.name}
                continue
            awarded, reason = outcomes[n.pk]
            reason = nfc(reason).strip()
            if awarded and needs_override(n) and not n.override_reason:
                errors[f"n{n.pk}"] = _(
                    "%(n)s chưa đủ tiêu chuẩn: chỉ khen thưởng khi Ban đã duyệt đề nghị "
                    "vượt tiêu chuẩn, có ghi lý do."
                ) % {"n": n.name}
            elif not awarded and not reason:
                errors[f"n{n.pk}"] = _("%(n)s: ghi lý do không khen thưởng.") % {"n": n.name}
            n.awarded, n.outcome_reason = awarded, reason
        if errors:
            raise Invalid(errors)
        Nominee.objects.bulk_update(nominees, ["awarded", "outcome_reason"])
        d.decision_number = number
        d.decision_date = decision_date
        d.decision = decision
        return {
            **({"decision": decision.pk} if decision is not None else {}),
            "verdicts": _recorded(nominees),
            "decision_number": number,
            "decision_date": decision_date.isoformat(),
            "outcomes": [
                {
                    "nominee": n.pk,
                    "name": n.name,
                    "awarded": n.awarded,
                    "reason": n.outcome_reason,
                    **({"override": n.override_reason} if n.awarded and needs_override(n) else {}),
                }
                for n in nominees
            ],
        }

    decided = _move(dossier=dossier, by=by, action="decide", note=note, prepare=prepare)
    if decision is None:  # decided alone: its decision signed once recorded (issue 16)
        sign_after_commit(dossier=decided, by=by)
    return decided


# Every move takes dossier=, by=, note=; decide, return and appraise take more keywords.
ACTIONS: dict[str, Callable[..., Dossier]] = {
    "submit": dossier_submit,
    "resubmit": dossier_resubmit,
    "withdraw": dossier_withdraw,
    "receive": dossier_receive,
    "appraise": dossier_appraise,
    "return": dossier_return,
    "approve": dossier_approve,
    "decide": dossier_decide,
}
