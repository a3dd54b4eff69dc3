"""A dossier's nominees: which kinds and titles a dossier may propose, checking and
applying a nominee's input, adding, changing and removing one, and the Ban TĐKT's
judgement on the standards that need one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import UnitChange
from emulation.labels import round_choice
from emulation.models import User
from emulation.permissions import is_reviewer
from emulation.rules import Round, titles_for_round
from emulation.text import nfc

from .. import verdicts
from ..awards import nominee_identity
from ..kinds import BY_AGENCY, BY_COMMUNE, BY_DISTRICT, KINDS, CommuneField, NomineeKind
from ..legal import LegalBasisCode
from ..models import Dossier, Nominee, RemovedItem, Restriction, RestrictionKind
from . import changes
from .common import _lock, _log, _require_edit, _touch
from .errors import Invalid, NotAllowed, StaleEdit, WrongState
from .removals import removed_keep

NOMINEE_INPUT_FIELDS = (
    "kind",
    "title",
    "name",
    "commune",
    "village",
    "district",
    "agency",
    "job_title",
    "address",
    "tax_code",
    "achievements",
    "infrastructure_value",
    "contribution_value",
    "mobilized_value",
    "own_land_asset_value",
    "outside_province",
    "declared_dbkk",
    "is_female",
    "women_share",
)
TEXT_FIELDS = ("name", "job_title", "address", "tax_code", "achievements")


def kinds_for(dossier: Dossier) -> list[str]:
    """The kinds this dossier's proposer may propose (:attr:`KindSpec.proposed_by`):
    districts propose communes, the district itself and people or organisations of
    their area; from 1/7/2025 a commune proposes itself and the people and organisations
    of its area; provincial agencies propose agencies, collectives, officials, people and
    organisations (not communes or districts, which their districts propose)."""
    return [k for k in NomineeKind.values if proposer_kind(dossier) in KINDS[k].proposed_by]


def proposer_kind(dossier: Dossier) -> str:
    """BY_DISTRICT, BY_COMMUNE or BY_AGENCY."""
    if dossier.district_id:
        return BY_DISTRICT
    return BY_COMMUNE if dossier.commune_id else BY_AGENCY


def own_units(dossier: Dossier) -> set[str]:
    """The commune-level units a commune proposer may name: itself and, in a sơ kết or
    tổng kết round (which reviews the plan's whole period), the units it was formed from
    on 1/7/2025, as they stood (one query). Empty for other proposers."""
    if not dossier.commune_id:
        return set()
    own = {dossier.commune_id}
    if dossier.round != Round.ANNUAL:
        own.update(
            key
            for key in UnitChange.objects.filter(
                successor_commune_id=dossier.commune_id, predecessor_commune__isnull=False
            ).values_list("predecessor_commune_id", flat=True)
            if key
        )
    return own


def _outside_proposer(dossier: Dossier, commune: Any) -> str:
    """Why ``commune`` is not of the dossier's proposing district or commune; "" if it is."""
    if dossier.district_id and commune.district_id != dossier.district_id:
        return _("Xã không thuộc huyện của hồ sơ.")
    if dossier.commune_id and commune.pk != dossier.commune_id:
        if commune.pk in own_units(dossier):
            return ""
        return _(
            "Xã chỉ đề nghị khen thưởng cho chính xã mình (ở đợt sơ kết, tổng kết cả các xã "
            "trước sắp xếp hợp thành xã mình) và người, tổ chức trên địa bàn."
        )
    return ""


def titles_for(dossier: Dossier, kind: str | None) -> list[str]:
    """The titles this kind of nominee may get in this dossier's round, in the plan's order."""
    allowed = set(KINDS[kind].titles) if kind in KINDS else set()
    plan = dossier.plan_spec
    return [
        t.value
        for t in titles_for_round(dossier.round, plan)
        if t.value in allowed and kind in (plan.kinds_for(dossier.round, t) or (kind,))
    ]


def nominee_errors(dossier: Dossier, data: Mapping[str, Any]) -> dict[str, str]:
    """Consistency of a nominee's input with its dossier: {field: message}."""
    errors: dict[str, str] = {}
    kind, title = data.get("kind"), data.get("title")
    if kind not in kinds_for(dossier):
        errors["kind"] = _("Đơn vị đề nghị này không đề nghị loại đối tượng này.")
        return errors
    if title not in titles_for(dossier, kind):
        errors["title"] = _("Danh hiệu này không xét cho loại đối tượng này ở đợt %(r)s.") % {
            "r": round_choice(dossier.round, dossier.plan_spec)
        }
    commune, village = data.get("commune"), data.get("village")
    spec = KINDS[kind]
    if spec.record == "commune":
        if commune is None:
            errors["commune"] = _("Chọn xã được đề nghị.")
        elif why := _outside_proposer(dossier, commune):
            errors["commune"] = why
    elif spec.record == "district":
        district = data.get("district")
        if district is None or district.pk != dossier.district_id:
            errors["district"] = _("Huyện chỉ đề nghị khen thưởng cho chính huyện mình.")
    elif spec.record == "agency":
        agency = data.get("agency")
        if agency is None:
            errors["agency"] = _("Chọn cơ quan, đơn vị được đề nghị.")
        elif not agency.valid_on(verdicts.review_date(dossier)):
            # Thông tư 15/2025/TT-BNV: a body dissolved in the reorganisation is not commended
            errors["agency"] = _(
                "Cơ quan, đơn vị này đã giải thể, hợp nhất trước ngày xét: không đề nghị "
                "khen thưởng."
            )
    else:
        if not nfc(data.get("name") or "").strip():
            errors["name"] = _("Nhập tên đối tượng.")
        outside = spec.commune_field == CommuneField.RESIDENCE and data.get("outside_province")
        if outside:
            # III.1 "các cá nhân trong và ngoài tỉnh": the residence is typed in
            if commune is not None:
                errors["commune"] = _(
                    "Người cư trú ngoài tỉnh: không chọn xã trong tỉnh, nhập địa chỉ nơi cư trú."
                )
            if not nfc(data.get("address") or "").strip():
                errors["address"] = _(
                    "Nhập địa chỉ nơi cư trú (thôn, xã, tỉnh) của người cư trú ngoài tỉnh."
                )
        elif spec.commune_field == CommuneField.RESIDENCE and commune is None:
            errors["commune"] = _("Chọn xã nơi cá nhân, gia đình cư trú (để xét mức ĐBKK).")
        if commune is not None and (why := _outside_proposer(dossier, commune)):
            errors["commune"] = why
    if village is not None and (commune is None or village.commune_id != commune.pk):
        errors["village"] = _("Thôn không thuộc xã đã chọn.")
    if title == "organization_infrastructure" and data.get("infrastructure_value") is None:
        errors["infrastructure_value"] = _("Nhập giá trị đóng góp xây dựng hạ tầng nông thôn.")
    if title == "person_contribution":
        has_a = data.get("contribution_value") is not None
        mob, own = data.get("mobilized_value"), data.get("own_land_asset_value")
        if not has_a and mob is None and own is None:
            errors["contribution_value"] = _(
                "Nhập giá trị đóng góp công sức, đất đai, tài sản, hoặc giá trị công trình "
                "trực tiếp vận động cùng phần tự đóng góp."
            )
        elif (mob is None) != (own is None):
            field = "own_land_asset_value" if own is None else "mobilized_value"
            errors[field] = _(
                "Nhập cả giá trị công trình vận động và phần tự đóng góp đất, tài sản."
            )
    return errors


def _apply_nominee(n: Nominee, dossier: Dossier, data: Mapping[str, Any]) -> None:
    for name in NOMINEE_INPUT_FIELDS:
        if name in data:
            value = data[name]
            if name in TEXT_FIELDS:
                value = nfc(value or "").strip()
            setattr(n, name, value)
    kind = n.kind
    record = KINDS[kind].record
    # facts a kind does not have are cleared, so nothing stale is judged or printed
    if record == "commune":
        # a commune nominee's commune is required (nominee_errors, nominee_preview)
        assert n.commune is not None
        n.name = n.commune.label_on(verdicts.review_date(dossier))
        n.village = n.district = n.agency = None
    elif record == "district":
        n.name = str(n.district)
        n.commune = n.village = n.agency = None
    elif record == "agency":
        # an agency nominee's agency is required (nominee_errors, nominee_preview)
        assert n.agency is not None
        n.name = n.agency.name
        n.commune = n.village = n.district = None
    else:
        n.district = n.agency = None
    if "is_female" not in KINDS[kind].form_fields:
        n.is_female = None
    if "women_share" not in KINDS[kind].form_fields:
        n.women_share = None
    if KINDS[kind].commune_field != CommuneField.RESIDENCE:
        n.outside_province = False
    n.outside_province = bool(n.outside_province)
    if not n.outside_province:
        n.declared_dbkk = None
    else:
        n.declared_dbkk = bool(n.declared_dbkk)
    if n.title != "organization_infrastructure":
        n.infrastructure_value = None
    if n.title != "person_contribution":
        n.contribution_value = n.mobilized_value = n.own_land_asset_value = None
    n.identity = nominee_identity(
        kind=kind,
        name=n.name,
        commune_code=n.commune_id,
        district_code=n.district_id,
        agency_code=n.agency.code if n.agency is not None else None,
        tax_code=n.tax_code,
        job_title=n.job_title,
        residence=n.address if n.outside_province else "",
    )


def nominee_preview(dossier: Dossier, data: Mapping[str, Any]) -> Nominee | None:
    """An unsaved nominee from (possibly incomplete) form input, for the live verdict;
    None while the input does not yet say who it is (no commune, district or agency)."""
    kind = data.get("kind")
    record = KINDS[kind].record if kind in KINDS else None
    if record is not None and data.get(record) is None:
        return None
    if data.get("title") not in titles_for(dossier, kind):
        return None
    n = Nominee(dossier=dossier)
    _apply_nominee(n, dossier, {**data, "name": data.get("name") or ""})
    return n


@transaction.atomic
def nominee_save(
    *,
    dossier: Dossier,
    by: User,
    data: Mapping[str, Any],
    nominee: Nominee | None = None,
    expected_version: int | None = None,
) -> Nominee:
    """Add a nominee (``nominee`` None) or change one; judges it and records the change.

    A change after the Ban TĐKT judged the nominee clears that judgement: it judged
    what was written before.
    """
    d = _lock(dossier)
    _require_edit(by, d)
    errors = nominee_errors(d, data)
    if errors:
        raise Invalid(errors)
    n: Nominee | None
    if nominee is None:
        last = d.nominees.aggregate(m=Max("position"))["m"] or 0
        n = Nominee(dossier=d, position=last + 1)
        before = None
    else:
        n = Nominee.objects.select_for_update().filter(pk=nominee.pk, dossier=d).first()
        if n is None:
            raise WrongState(_("Đối tượng này không còn trong hồ sơ."))
        if expected_version is not None and n.version != expected_version:
            raise StaleEdit()
        stored = _row_values(n)
        _apply_nominee(n, d, data)
        if _row_values(n) == stored:
            # saved as it was loaded: nothing changes (no version, no history line, and
            # the Ban TĐKT's judgement stands)
            return Nominee.objects.get(pk=n.pk)
        n = Nominee.objects.select_for_update().get(pk=n.pk)
        before = changes.snapshot(d, nominees=[n], attachments=[])
        n.version += 1
    _apply_nominee(n, d, data)
    if before is not None:
        n.settled_facts = {}  # the appraiser stated them about what was written before
        n.attested = None
        n.attestation_note = ""
        n.attested_by = None
        n.attested_at = None
    n.save()
    verdicts.refresh(d, [n])
    if before is None:
        _log(d, action="nominee_add", by=by, details={"nominee": n.pk, "name": n.name})
    else:
        lines = changes.diff(before, changes.snapshot(d, nominees=[n], attachments=[]))
        _log(d, action="nominee_edit", by=by, details={"nominee": n.pk, "changes": lines})
    _touch(d)
    return n


def _row_values(row: Nominee) -> dict[str, Any]:
    return {f.attname: getattr(row, f.attname) for f in Nominee._meta.concrete_fields}


@transaction.atomic
def nominee_remove(*, nominee: Nominee, by: User) -> None:
    """Remove a nominee and its files; kept to be restored until the dossier is submitted."""
    d = _lock(nominee.dossier)
    _require_edit(by, d)
    n = Nominee.objects.filter(pk=nominee.pk, dossier=d).first()
    if n is None:
        return
    attachments = list(n.attachments.all())
    removed_keep(
        dossier=d,
        by=by,
        what=RemovedItem.What.NOMINEE,
        label=n.name,
        rows=[n, *attachments],
        files=[a.file.name for a in attachments],
    )
    name = n.name
    n.delete()
    _log(d, action="nominee_remove", by=by, details={"name": name})
    _touch(d)


@transaction.atomic
def nominee_attest(*, nominee: Nominee, by: User, attested: bool, note: str) -> Nominee:
    """The Ban TĐKT's judgement on a nominee's judged standards, with its reasons."""
    d = _lock(nominee.dossier)
    if not by.has_perm("dossiers.attest_nominees", d):
        if not is_reviewer(by):
            raise NotAllowed(_("Chỉ Ban Thi đua - Khen thưởng đánh giá tiêu chuẩn định tính."))
        raise WrongState(_("Chỉ đánh giá khi hồ sơ đã tiếp nhận và chưa được duyệt."))
    note = nfc(note).strip()
    if not note:
        raise Invalid({"note": _("Ghi nhận xét làm căn cứ đánh giá.")})
    n = (
        Nominee.objects.select_for_update(of=("self",))
        .select_related("commune", "village")
        .get(pk=nominee.pk, dossier=d)
    )
    n.attested = attested
    n.attestation_note = note
    n.attested_by = by
    n.attested_at = timezone.now()
    n.save(update_fields=["attested", "attestation_note", "attested_by", "attested_at"])
    verdicts.refresh(d, [n])
    _log(
        d,
        action="attest",
        by=by,
        note=note,
        details={"nominee": n.pk, "name": n.name, "attested": attested},
    )
    _touch(d)
    return n


@transaction.atomic
def nominee_restriction_add(
    *,
    nominee: Nominee,
    by: User,
    kind: str,
    since: dt.date,
    until: dt.date | None,
    document: str,
    note: str = "",
) -> Restriction:
    """Record that a nominee is under discipline, inspection or complaint review
    (Nghị định 152/2025/NĐ-CP, Điều 4), with its document; the verdict is judged again."""
    d = _lock(nominee.dossier)
    if not by.has_perm("dossiers.attest_nominees", d):
        if not is_reviewer(by):
            raise NotAllowed(_("Chỉ Ban Thi đua - Khen thưởng ghi trường hợp này."))
        raise WrongState(_("Chỉ ghi khi hồ sơ đã tiếp nhận và chưa được duyệt."))
    if d.legal_basis != LegalBasisCode.ND152_2025:
        raise WrongState(
            _("Chỉ áp dụng cho hồ sơ theo Nghị định 152/2025/NĐ-CP (nộp từ 01/7/2025).")
        )
    errors: dict[str, str] = {}
    document = nfc(document).strip()
    if kind not in RestrictionKind.values:
        errors["kind"] = _("Chọn trường hợp.")
    if not document:
        errors["document"] = _("Ghi số, ký hiệu và ngày của văn bản.")
    if until is not None and until < since:
        errors["until"] = _("Ngày kết thúc không được trước ngày bắt đầu.")
    if errors:
        raise Invalid(errors)
    n = Nominee.objects.select_related("commune", "village").get(pk=nominee.pk, dossier=d)
    r = Restriction.objects.create(
        nominee=n,
        kind=kind,
        since=since,
        until=until,
        document=document,
        note=nfc(note).strip(),
        recorded_by=by,
    )
    verdicts.refresh(d, [n])
    _log(
        d,
        action="restriction",
        by=by,
        note=r.note,
        details={
            "nominee": n.pk,
            "name": n.name,
            "kind": kind,
            "since": since.isoformat(),
            "until": until.isoformat() if until else None,
            "document": document,
        },
    )
    _touch(d)
    return r
