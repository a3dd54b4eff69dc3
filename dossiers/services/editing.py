"""A dossier's header: who may file for which round, creating a draft, editing it.

Edits check an expected ``version`` so that two people saving the same header from
stale forms never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import PlanRound, User
from emulation.permissions import (
    has_agency_scope,
    has_commune_scope,
    has_district_scope,
    is_agency_staff,
    is_commune_staff,
    is_district_staff,
    proposing_unit_in_office,
)
from emulation.plans import plan_current, plan_spec
from emulation.rules import PlanSpec
from emulation.rules.types import Round
from emulation.text import nfc

from .. import verdicts
from ..legal import legal_basis_on
from ..models import Dossier
from ..numbering import TO_TRINH, number_error, proposer_abbreviation
from . import changes
from .common import _lock, _log, _require_edit
from .errors import Invalid, NotAllowed, StaleEdit


def proposer_of(user: User) -> dict[str, Any]:
    """The proposing unit a user files for: {"district": …}, {"commune": …} or
    {"agency": …}; refused when that unit no longer exists (a district abolished on
    1/7/2025, a merged commune, a dissolved agency: Thông tư 15/2025/TT-BNV)."""
    if has_district_scope(user):
        proposer: dict[str, Any] = {"district": user.district}
    elif has_commune_scope(user):
        proposer = {"commune": user.commune}
    elif has_agency_scope(user):
        proposer = {"agency": user.agency}
    else:
        raise NotAllowed(
            _("Chỉ cán bộ cấp huyện, cấp xã hoặc cơ quan, đơn vị cấp tỉnh lập hồ sơ đề nghị.")
        )
    if not proposing_unit_in_office(user):
        raise NotAllowed(
            _(
                "Đơn vị của bạn đã kết thúc hoạt động (sắp xếp đơn vị hành chính, giải thể, "
                "hợp nhất): chỉ xem được hồ sơ đã lập, không lập hồ sơ mới."
            )
        )
    return proposer


def rounds_for(user: User) -> list[str]:
    """UBND cấp huyện and cấp xã: every round; provincial agencies: the mid-term and
    final rounds."""
    if is_agency_staff(user):
        return [Round.MIDTERM.value, Round.FINAL.value]
    if is_district_staff(user) or is_commune_staff(user):
        return [r.value for r in Round]
    return []


def _header_errors(
    *,
    round: str,
    year: int | None,
    document_date: dt.date | None,
    plan: PlanSpec,
    document_number: str = "",
    issuer: str = "",
) -> dict[str, str]:
    errors = {}
    # The proposing document the app makes is a tờ trình of the proposing body:
    # "05/TTr-UBND" of a UBND, "05/TTr-SNNPTNT" of an agency; not "…/CV-SNN".
    if wrong := number_error(document_number, TO_TRINH, issuer):
        errors["document_number"] = wrong
    fixed = plan.year_of(round)
    if fixed is not None and year not in (None, fixed):
        errors["year"] = _("Đợt này tổ chức năm %(y)s.") % {"y": fixed}
    if fixed is None and (year is None or not plan.first_year <= year <= plan.last_year):
        errors["year"] = _("Năm khen thưởng phải trong giai đoạn %(a)s–%(b)s.") % {
            "a": plan.first_year,
            "b": plan.last_year,
        }
    if document_date is not None:
        if document_date > timezone.localdate():
            errors["document_date"] = _("Ngày văn bản không được sau hôm nay.")
        elif document_date.year < plan.first_year:
            errors["document_date"] = _("Ngày văn bản phải từ năm %(y)s.") % {"y": plan.first_year}
    return errors


def filing_window_error(*, on: dt.date, plan_round: PlanRound | None) -> str | None:
    """Why a dossier of ``plan_round`` cannot be filed on ``on``: the round's filing
    window (opens_on/closes_on, set by an administrator on the plan's screen) is not open
    that day. No round row or no dates: open."""
    if plan_round is None:
        return None
    opens, closes = plan_round.opens_on, plan_round.closes_on
    if opens is not None and on < opens:
        return _("Đợt %(round)s nhận hồ sơ từ ngày %(d)s; chưa đến thời hạn nộp.") % {
            "round": plan_round.label,
            "d": opens.strftime("%d/%m/%Y"),
        }
    if closes is not None and on > closes:
        return _("Đợt %(round)s đã hết hạn nhận hồ sơ (đến hết ngày %(d)s).") % {
            "round": plan_round.label,
            "d": closes.strftime("%d/%m/%Y"),
        }
    return None


@transaction.atomic
def dossier_create(
    *,
    by: User,
    round: str,  # noqa: A002 - the domain's word
    year: int | None = None,
    document_number: str = "",
    document_date: dt.date | None = None,
    summary: str = "",
) -> Dossier:
    """A new draft of the user's own district or agency."""
    proposer = proposer_of(by)
    if round not in rounds_for(by):
        raise Invalid(
            {
                "round": _("Cơ quan, đơn vị cấp tỉnh chỉ đề nghị ở đợt sơ kết, tổng kết.")
                if is_agency_staff(by)
                else _("Đợt khen thưởng không hợp lệ.")
            }
        )
    plan_row = plan_current(document_date)
    plan = plan_spec(plan_row)
    if (fixed := plan.year_of(round)) is not None:
        year = fixed
    errors = _header_errors(
        round=round,
        year=year,
        document_date=document_date,
        plan=plan,
        document_number=document_number,
        issuer=proposer_abbreviation(agency=proposer.get("agency")),
    )
    if errors:
        raise Invalid(errors)
    assert year is not None  # _header_errors refuses a missing year
    if plan_row is not None:
        window = filing_window_error(
            on=timezone.localdate(),
            plan_round=plan_row.rounds.filter(kind=round, year=year).first(),
        )
        if window:
            raise Invalid({"round": window})
    dossier = Dossier.objects.create(
        round=round,
        year=year,
        document_number=nfc(document_number).strip(),
        document_date=document_date,
        summary=nfc(summary).strip(),
        legal_basis=legal_basis_on(document_date or timezone.localdate()).code,
        created_by=by,
        **proposer,
    )
    _log(dossier, action="create", by=by)
    return dossier


@transaction.atomic
def dossier_update(
    *,
    dossier: Dossier,
    by: User,
    expected_version: int,
    year: int | None,
    document_number: str,
    document_date: dt.date | None,
    summary: str,
) -> Dossier:
    """Edit the header; refused (StaleEdit) when the form was loaded from an older version."""
    d = _lock(dossier)
    _require_edit(by, d)
    if d.version != expected_version:
        raise StaleEdit()
    plan = d.plan_spec
    if (fixed := plan.year_of(d.round)) is not None:
        year = fixed
    errors = _header_errors(
        round=d.round,
        year=year,
        document_date=document_date,
        plan=plan,
        document_number=document_number,
        issuer=proposer_abbreviation(agency=d.agency),
    )
    if errors:
        raise Invalid(errors)
    new = {
        "year": year,
        "document_number": nfc(document_number).strip(),
        "document_date": document_date,
        "summary": nfc(summary).strip(),
    }
    if all(getattr(d, name) == value for name, value in new.items()):
        return d  # saved as it was loaded: nothing changes (no version, no re-judging)
    before = changes.snapshot(d, nominees=[], attachments=[])
    for name, value in new.items():
        setattr(d, name, value)
    d.legal_basis = legal_basis_on(d.document_date or timezone.localdate()).code
    d.version += 1
    d.updated_at = timezone.now()
    d.save()
    lines = changes.diff(before, changes.snapshot(d, nominees=[], attachments=[]))
    if lines:
        _log(d, action="edit", by=by, details={"changes": lines})
    # the award year may have changed: judge the nominees again
    verdicts.refresh(d)
    dossier.refresh_from_db()
    return d
