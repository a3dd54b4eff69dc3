"""The province's decisions (quyết định khen thưởng) as it makes them: one decision,
with one number, one date and its annex, covering the approved nominees of many dossiers
of a round; and a recorded decision corrected only by a correcting decision (đính chính,
sửa đổi, bổ sung) with its own number, date and reason, the original kept as recorded.

Recording a decision moves each dossier approved → decided through
:func:`dossiers.services.transitions.dossier_decide` (so the overrides and the
stale-verdict check apply to every nominee), all in one transaction: one refusal and
nothing is recorded.

Numbers come from the register of outgoing documents (issue 16, part 1): the decision
and a correcting decision take the next "…/QĐ-UBND" of the UBND of the province of
their date, in the same transaction (:mod:`dossiers.documents.decision_numbers`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.audit import log_action
from emulation.models import User
from emulation.permissions import is_reviewer
from emulation.text import nfc

from .. import verdicts
from ..documents.decision_numbers import decision_number_issue, signatory_error
from ..documents.issued import sign_after_commit
from ..documents.models import Signatory
from ..models import Decision, DecisionKind, Dossier, Nominee
from ..permissions import dossier_scope
from .common import _log
from .errors import Invalid, NotAllowed, StaleVerdicts, WrongState
from .transitions import (
    decision_date_errors,
    decision_earliest,
    dossier_decide,
    needs_override,
)


def _date_errors(date: dt.date | None, earliest: dt.date | None) -> dict[str, str]:
    """What is wrong with a decision's date; its number is the register's."""
    return decision_date_errors(date, earliest, _("Ngày quyết định không được trước %(d)s."))


def _require_reviewer(by: User, province_id: str) -> None:
    if not is_reviewer(by) or province_id not in (dossier_scope(by).provinces or ()):
        raise NotAllowed(_("Chỉ Ban Thi đua - Khen thưởng của tỉnh ghi quyết định khen thưởng."))


def annex_rows(decision: Decision) -> list[dict[str, Any]]:
    """The annex as it stands in the database: the nominees the decision awards."""
    nominees = (
        Nominee.objects.filter(dossier__decision=decision, awarded=True)
        .select_related("dossier__district", "dossier__commune", "dossier__agency")
        .order_by("dossier_id", "position", "id")
    )
    return [
        {
            "nominee": n.pk,
            "dossier": n.dossier_id,
            "reference": n.dossier.reference,
            "proposer": n.dossier.proposer_name,
            "name": n.name,
            "title": n.title,
            **({"override": n.override_reason} if needs_override(n) else {}),
        }
        for n in nominees
    ]


def decision_record(
    *,
    by: User,
    dossiers: Sequence[Dossier],
    date: dt.date | None,
    outcomes: Mapping[int, tuple[bool, str]],
    note: str = "",
    expected_verdicts: Mapping[int, str] | None = None,
    signatory: Signatory | None = None,
) -> Decision:
    """Record one decision for the approved ``dossiers`` of one round: each moves
    approved → decided (its own history line naming the decision), the decision keeps
    its annex. Its number is the next of the register of the province's UBND
    (``decision.register_entry``), given when it is recorded. ``outcomes``: {nominee
    id: (awarded, reason if not)}; ``expected_verdicts``: {dossier id: the fingerprint
    its confirmation showed}; ``signatory``: who signs it (else the default one of its
    date), stored with it."""
    if not dossiers:
        raise Invalid({"dossiers": _("Chọn ít nhất một hồ sơ đã được Ban xét duyệt.")})
    first = dossiers[0]
    _require_reviewer(by, first.province_id)
    if any((d.province_id, d.round, d.year) != (first.province_id, first.round, first.year)
           for d in dossiers):  # fmt: skip
        raise Invalid({"dossiers": _("Một quyết định chỉ gồm các hồ sơ của cùng một đợt.")})
    errors = _date_errors(date, max(decision_earliest(d) for d in dossiers))
    if signatory is not None and date is not None and (wrong := signatory_error(signatory, date)):
        errors["signatory"] = wrong
    if errors:
        raise Invalid(errors)
    assert date is not None
    with transaction.atomic():
        entry = decision_number_issue(dossier=first, on=date, by=by, signatory=signatory)
        number = entry.full_number
        decision = Decision.objects.create(
            province_id=first.province_id,
            round=first.round,
            year=first.year,
            number=number,
            register_entry=entry,
            signatory=signatory,
            date=date,
            note=nfc(note).strip(),
            recorded_by=by,
        )
        for d in sorted(dossiers, key=lambda x: x.pk):
            mine = {pk: v for pk, v in outcomes.items() if pk in _nominee_ids(d)}
            try:
                dossier_decide(
                    dossier=d,
                    by=by,
                    decision_number=number,
                    decision_date=date,
                    outcomes=mine,
                    note=note,
                    expected_verdicts=(expected_verdicts or {}).get(d.pk),
                    decision=decision,
                )
            except Invalid as exc:
                errors.update(exc.errors)
            except WrongState as exc:
                errors[f"d{d.pk}"] = f"{d.reference}: {exc}"
        if errors:
            raise Invalid(errors)  # nothing recorded
        decision.annex = annex_rows(decision)
        decision.save(update_fields=["annex"])
        log_action(
            action="decision.record",
            obj=decision,
            by=by,
            reason=decision.note,
            details={"dossiers": [d.pk for d in dossiers], "awarded": len(decision.annex)},
            province=decision.province_id,
        )
        sign_after_commit(decision=decision, by=by)  # signed once recorded (issue 16)
    return decision


def _nominee_ids(d: Dossier) -> set[int]:
    return set(d.nominees.values_list("pk", flat=True))


def decision_correct(
    *,
    decision: Decision,
    by: User,
    kind: str,
    date: dt.date | None,
    reason: str,
    names: Mapping[int, str] | None = None,
    outcomes: Mapping[int, tuple[bool, str]] | None = None,
    expected_verdicts: Mapping[int, str] | None = None,
    signatory: Signatory | None = None,
) -> Decision:
    """Correct a recorded decision by a new one (``kind``: đính chính or sửa đổi, bổ
    sung) with its own number (the register's, as for the decision), date and reason: a
    nominee's name spelled again (``names``), a nominee awarded or no longer awarded
    (``outcomes``; awarding one the rules find ineligible still needs the board's
    override). The original decision and its annex stay as recorded; each dossier's
    history names the correction. ``expected_verdicts``: {dossier id: the fingerprint its
    confirmation showed}; the correction is refused (:class:`StaleVerdicts`) when the
    verdicts changed since. ``signatory``: who signs it (else the default one of its
    date), stored with it; once recorded it is signed in its turn (the original's signed
    copy never changes)."""
    _require_reviewer(by, decision.province_id)
    if decision.kind != DecisionKind.AWARD:
        raise WrongState(_("Chỉ đính chính quyết định khen thưởng gốc."))
    errors: dict[str, str] = {}
    if kind not in (DecisionKind.CORRECTION, DecisionKind.AMENDMENT):
        errors["kind"] = _("Chọn loại quyết định: đính chính hoặc sửa đổi, bổ sung.")
    errors.update(_date_errors(date, decision.date))
    if signatory is not None and date is not None and (wrong := signatory_error(signatory, date)):
        errors["signatory"] = wrong
    reason = nfc(reason).strip()
    if not reason:
        errors["reason"] = _("Ghi rõ lý do đính chính, sửa đổi.")
    with transaction.atomic():
        # its number first, as decision_record takes it (the register's counter before
        # the dossiers: one lock order); a refusal below gives the number back
        entry = (
            decision_number_issue(
                dossier=Dossier.objects.filter(decision=decision).order_by("pk").first(),
                on=date,
                by=by,
                corrects=decision.register_entry,
                corrects_number=decision.number,
                corrects_date=decision.date,
            )
            if date is not None and "decision_date" not in errors
            else None
        )
        dossiers = {
            d.pk: d
            for d in Dossier.objects.select_for_update(of=("self",))
            .filter(decision=decision)
            .order_by("pk")
        }
        _check_current(dossiers, expected_verdicts)
        nominees = list(
            Nominee.objects.filter(dossier_id__in=dossiers).order_by("dossier_id", "position")
        )
        changes: list[dict[str, Any]] = []
        for n in nominees:
            new_name = nfc((names or {}).get(n.pk, "")).strip()
            if new_name and new_name != n.name:
                changes.append(
                    {"nominee": n.pk, "dossier": n.dossier_id, "field": "name",
                     "before": n.name, "after": new_name}
                )  # fmt: skip
                n.name = new_name
            if n.pk not in (outcomes or {}):
                continue
            awarded, why = (outcomes or {})[n.pk]
            why = nfc(why).strip()
            if awarded == bool(n.awarded):
                continue
            if awarded and needs_override(n) and not n.override_reason:
                errors[f"n{n.pk}"] = _(
                    "%(n)s chưa đủ tiêu chuẩn: chỉ khen thưởng khi Ban đã duyệt đề nghị "
                    "vượt tiêu chuẩn, có ghi lý do."
                ) % {"n": n.name}
                continue
            if not awarded and not why:
                errors[f"n{n.pk}"] = _("%(n)s: ghi lý do không khen thưởng.") % {"n": n.name}
                continue
            changes.append(
                {"nominee": n.pk, "dossier": n.dossier_id, "name": n.name, "field": "awarded",
                 "before": bool(n.awarded), "after": awarded, "reason": why}
            )  # fmt: skip
            n.awarded, n.outcome_reason = awarded, why
        if not changes and not any(k.startswith("n") and k[1:].isdigit() for k in errors):
            errors["__all__"] = _("Quyết định đính chính chưa thay đổi điều gì.")
        if errors:
            raise Invalid(errors)
        assert date is not None
        Nominee.objects.bulk_update(nominees, ["name", "awarded", "outcome_reason"])
        assert entry is not None  # a valid date: issued above
        number = entry.full_number
        correction = Decision.objects.create(
            province_id=decision.province_id,
            round=decision.round,
            year=decision.year,
            kind=kind,
            corrects=decision,
            number=number,
            register_entry=entry,
            signatory=signatory,
            date=date,
            reason=reason,
            annex=changes,
            recorded_by=by,
        )
        now = timezone.now()
        for pk in sorted({c["dossier"] for c in changes}):
            d = dossiers[pk]
            d.version += 1
            d.updated_at = now
            d.save()  # the public list follows (documents.public)
            _log(
                d,
                action="correct_decision",
                by=by,
                note=reason,
                details={
                    "decision": correction.pk,
                    "corrects": decision.pk,
                    "kind": kind,
                    "decision_number": number,
                    "decision_date": date.isoformat(),
                    "corrections": [c for c in changes if c["dossier"] == pk],
                },
            )
        log_action(
            action=f"decision.{kind}",
            obj=correction,
            by=by,
            reason=reason,
            details={"corrects": decision.pk, "changes": changes},
            province=decision.province_id,
        )
        sign_after_commit(decision=correction, by=by)
    return correction


def _check_current(dossiers: Mapping[int, Dossier], expected: Mapping[int, str] | None) -> None:
    """The stale-verdict check of a correction's confirmation, as for the record: each
    dossier judged afresh; refused when its verdicts differ from those shown."""
    for pk, d in dossiers.items():
        if expected is not None and pk in expected:
            if verdicts.fingerprint(verdicts.refresh(d)) != expected[pk]:
                raise StaleVerdicts()


def decision_corrections(decision: Decision) -> list[Decision]:
    return list(decision.corrections.order_by("date", "id"))
