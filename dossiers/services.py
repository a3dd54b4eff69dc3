"""Every write on a dossier: one function per use case, one transaction, one history row.

Transitions are ``dossier_<action>(*, dossier, by, note=...)``: they lock the dossier
row, check the actor (role and scope) and the state against :data:`workflow.TRANSITIONS`,
write the new state and a :class:`DossierEvent` (who, when, why, from → to), and
notify the next people in line. Edits check an expected ``version`` so that two
people saving the same thing from stale forms never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from emulation.audit import log_action
from emulation.models import Role, User
from emulation.permissions import (
    has_agency_scope,
    has_district_scope,
    is_agency_staff,
    is_district_staff,
    is_reviewer,
)
from emulation.rules import titles_for_round
from emulation.rules.types import Round
from emulation.text import nfc

from . import changes, completeness, notify, verdicts
from .awards import nominee_identity
from .legal import legal_basis_on
from .models import (
    FIRST_YEAR,
    KIND_TITLES,
    LAST_YEAR,
    ROUND_FIXED_YEAR,
    Attachment,
    AttachmentKind,
    Dossier,
    DossierEvent,
    Nominee,
    NomineeKind,
    Notification,
    Status,
)
from .permissions import is_proposer
from .uploads import UploadError, check_upload
from .workflow import TRANSITIONS


class DossierError(Exception):
    """A refused operation; ``str()`` is a Vietnamese sentence for the user."""


class NotAllowed(DossierError, PermissionDenied):
    """The user may not do this to this dossier (role or scope)."""


class WrongState(DossierError):
    """The dossier is not in a state where this is possible."""


class StaleEdit(DossierError):
    """Someone else saved first; the form was loaded from an older version."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Người khác đã lưu thay đổi trong lúc bạn sửa. Những gì bạn nhập vẫn còn "
                "dưới đây; hãy xem lại bản mới nhất rồi lưu lại."
            )
        )


class Blocked(DossierError):
    """The dossier is not ready (submission): ``problems`` lists why."""

    def __init__(self, message: str, problems: list[completeness.Problem]):
        super().__init__(message)
        self.problems = problems


class Invalid(DossierError):
    """Bad input; ``errors`` maps form field → Vietnamese message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


# --- helpers -----------------------------------------------------------------


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("district", "agency")
        .get(pk=dossier.pk)
    )


def _log(
    dossier: Dossier,
    *,
    action: str,
    by: User,
    note: str = "",
    from_status: str | None = None,
    details: dict | None = None,
) -> DossierEvent:
    event = DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_status=from_status or dossier.status,
        to_status=dossier.status,
        by=by,
        note=nfc(note).strip(),
        details=details or {},
    )
    log_action(
        action=f"dossier.{action}",
        obj=dossier,
        by=by,
        before={"status": event.from_status},
        after={"status": event.to_status},
        reason=event.note,
        details=event.details,
        province=dossier.province_id,
    )
    return event


def _touch(dossier: Dossier, *, bump: bool = False) -> None:
    """Mark the dossier changed now (and increment its version for header edits)."""
    updates: dict = {"updated_at": timezone.now()}
    if bump:
        updates["version"] = F("version") + 1
    Dossier.objects.filter(pk=dossier.pk).update(**updates)
    dossier.updated_at = updates["updated_at"]
    if bump:
        dossier.version += 1


def _require_edit(by: User, dossier: Dossier) -> None:
    if not is_proposer(by, dossier):
        raise NotAllowed(_("Chỉ đơn vị lập hồ sơ mới được sửa hồ sơ này."))
    if not dossier.is_editable_state:
        raise WrongState(
            _("Hồ sơ đang ở trạng thái “%(s)s”: không sửa được.")
            % {"s": dossier.get_status_display()}
        )


def proposer_of(user: User) -> dict:
    """The proposing unit a user files for: {"district": …} or {"agency": …}."""
    if has_district_scope(user):
        return {"district": user.district}
    if has_agency_scope(user):
        return {"agency": user.agency}
    raise NotAllowed(_("Chỉ cán bộ cấp huyện hoặc cơ quan, đơn vị cấp tỉnh lập hồ sơ đề nghị."))


def rounds_for(user: User) -> list[str]:
    """UBND cấp huyện: every round; provincial agencies: the mid-term and final rounds."""
    if is_agency_staff(user):
        return [Round.MIDTERM.value, Round.FINAL.value]
    if is_district_staff(user):
        return [r.value for r in Round]
    return []


def _header_errors(*, round: str, year: int | None, document_date: dt.date | None) -> dict:
    errors = {}
    fixed = ROUND_FIXED_YEAR.get(round)
    if fixed is not None and year not in (None, fixed):
        errors["year"] = _("Đợt này tổ chức năm %(y)s.") % {"y": fixed}
    if fixed is None and (year is None or not FIRST_YEAR <= year <= LAST_YEAR):
        errors["year"] = _("Năm khen thưởng phải trong giai đoạn %(a)s–%(b)s.") % {
            "a": FIRST_YEAR,
            "b": LAST_YEAR,
        }
    if document_date is not None:
        if document_date > timezone.localdate():
            errors["document_date"] = _("Ngày văn bản không được sau hôm nay.")
        elif document_date.year < FIRST_YEAR:
            errors["document_date"] = _("Ngày văn bản phải từ năm %(y)s.") % {"y": FIRST_YEAR}
    return errors


# --- dossier header ----------------------------------------------------------


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
    year = ROUND_FIXED_YEAR.get(round, year)
    errors = _header_errors(round=round, year=year, document_date=document_date)
    if errors:
        raise Invalid(errors)
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
    year = ROUND_FIXED_YEAR.get(d.round, year)
    errors = _header_errors(round=d.round, year=year, document_date=document_date)
    if errors:
        raise Invalid(errors)
    new = {
        "year": year,
        "document_number": nfc(document_number).strip(),
        "document_date": document_date,
        "summary": nfc(summary).strip(),
    }
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


# --- nominees ----------------------------------------------------------------

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
)
TEXT_FIELDS = ("name", "job_title", "address", "tax_code", "achievements")


def kinds_for(dossier: Dossier) -> list[str]:
    """Districts propose communes, the district itself and people or organisations of
    their area; provincial agencies propose agencies, collectives, officials, people and
    organisations (not communes or districts, which their districts propose)."""
    if dossier.district_id:
        return [k for k in NomineeKind.values if k != NomineeKind.AGENCY]
    return [k for k in NomineeKind.values if k not in (NomineeKind.COMMUNE, NomineeKind.DISTRICT)]


def titles_for(dossier: Dossier, kind: str) -> list[str]:
    """The titles this kind of nominee may get in this dossier's round, in the plan's order."""
    allowed = set(KIND_TITLES.get(kind, ()))
    return [t.value for t in titles_for_round(dossier.round) if t.value in allowed]


def nominee_errors(dossier: Dossier, data: Mapping) -> dict[str, str]:
    """Consistency of a nominee's input with its dossier: {field: message}."""
    errors: dict[str, str] = {}
    kind, title = data.get("kind"), data.get("title")
    if kind not in kinds_for(dossier):
        errors["kind"] = _("Đơn vị đề nghị này không đề nghị loại đối tượng này.")
        return errors
    if title not in titles_for(dossier, kind):
        errors["title"] = _("Danh hiệu này không xét cho loại đối tượng này ở đợt %(r)s.") % {
            "r": dossier.get_round_display()
        }
    commune, village = data.get("commune"), data.get("village")
    if kind == NomineeKind.COMMUNE:
        if commune is None:
            errors["commune"] = _("Chọn xã được đề nghị.")
        elif dossier.district_id and commune.district_id != dossier.district_id:
            errors["commune"] = _("Xã không thuộc huyện của hồ sơ.")
    elif kind == NomineeKind.DISTRICT:
        district = data.get("district")
        if district is None or district.pk != dossier.district_id:
            errors["district"] = _("Huyện chỉ đề nghị khen thưởng cho chính huyện mình.")
    elif kind == NomineeKind.AGENCY:
        if data.get("agency") is None:
            errors["agency"] = _("Chọn cơ quan, đơn vị được đề nghị.")
    else:
        if not nfc(data.get("name") or "").strip():
            errors["name"] = _("Nhập tên đối tượng.")
        if kind in (NomineeKind.INDIVIDUAL, NomineeKind.HOUSEHOLD) and commune is None:
            errors["commune"] = _("Chọn xã nơi cá nhân, gia đình cư trú (để xét mức ĐBKK).")
        if (
            commune is not None
            and dossier.district_id
            and commune.district_id != dossier.district_id
        ):
            errors["commune"] = _("Xã không thuộc huyện của hồ sơ.")
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


def _apply_nominee(n: Nominee, dossier: Dossier, data: Mapping) -> None:
    for name in NOMINEE_INPUT_FIELDS:
        if name in data:
            value = data[name]
            if name in TEXT_FIELDS:
                value = nfc(value or "").strip()
            setattr(n, name, value)
    kind = n.kind
    # facts a kind does not have are cleared, so nothing stale is judged or printed
    if kind == NomineeKind.COMMUNE:
        n.name = n.commune.label_on(verdicts.review_date(dossier))
        n.village = n.district = n.agency = None
    elif kind == NomineeKind.DISTRICT:
        n.name = str(n.district)
        n.commune = n.village = n.agency = None
    elif kind == NomineeKind.AGENCY:
        n.name = n.agency.name
        n.commune = n.village = n.district = None
    else:
        n.district = n.agency = None
    if n.title != "organization_infrastructure":
        n.infrastructure_value = None
    if n.title != "person_contribution":
        n.contribution_value = n.mobilized_value = n.own_land_asset_value = None
    n.identity = nominee_identity(
        kind=kind,
        name=n.name,
        commune_code=n.commune_id,
        district_code=n.district_id,
        agency_code=n.agency.code if n.agency_id else None,
        tax_code=n.tax_code,
        job_title=n.job_title,
    )


def nominee_preview(dossier: Dossier, data: Mapping) -> Nominee | None:
    """An unsaved nominee from (possibly incomplete) form input, for the live verdict;
    None while the input does not yet say who it is (no commune, district or agency)."""
    kind = data.get("kind")
    if kind == NomineeKind.COMMUNE and data.get("commune") is None:
        return None
    if kind == NomineeKind.DISTRICT and data.get("district") is None:
        return None
    if kind == NomineeKind.AGENCY and data.get("agency") is None:
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
    data: Mapping,
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
        before = changes.snapshot(d, nominees=[n], attachments=[])
        n.version += 1
    _apply_nominee(n, d, data)
    if before is not None:
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


@transaction.atomic
def nominee_remove(*, nominee: Nominee, by: User) -> None:
    d = _lock(nominee.dossier)
    _require_edit(by, d)
    n = Nominee.objects.filter(pk=nominee.pk, dossier=d).first()
    if n is None:
        return
    files = [a.file.name for a in n.attachments.all()]
    name = n.name
    n.delete()
    _delete_files_on_commit(files)
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


# --- attachments ---------------------------------------------------------------


def _delete_files_on_commit(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def attachment_upload(
    *, dossier: Dossier, by: User, kind: str, upload, nominee: Nominee | None = None
) -> Attachment:
    """Store a file checked by content and size, with its SHA-256, under MEDIA_ROOT.

    The file is written inside the transaction; if the transaction fails the file is
    deleted again, so no orphan is left behind."""
    from django.core.files.storage import default_storage

    stored: list[str] = []
    try:
        with transaction.atomic():
            d = _lock(dossier)
            _require_edit(by, d)
            if kind not in AttachmentKind.values:
                raise Invalid({"kind": _("Chọn loại tài liệu.")})
            if kind == AttachmentKind.ACHIEVEMENT:
                if nominee is None or nominee.dossier_id != d.pk:
                    raise Invalid({"nominee": _("Chọn đối tượng của bản thành tích.")})
            else:
                nominee = None
            try:
                checked = check_upload(upload)
            except UploadError as exc:
                raise Invalid({"file": str(exc)}) from exc
            upload.name = f"tep{checked.file_type.ext}"
            attachment = Attachment(
                dossier=d,
                nominee=nominee,
                kind=kind,
                original_name=nfc(checked.original_name),
                content_type=checked.file_type.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=by,
            )
            attachment.file.save(upload.name, upload, save=False)
            stored.append(attachment.file.name)
            attachment.save()
            _log(
                d,
                action="attachment_add",
                by=by,
                details={
                    "name": attachment.original_name,
                    "kind": kind,
                    "nominee": nominee.pk if nominee else None,
                    "sha256": checked.sha256,
                },
            )
            _touch(d)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User) -> None:
    d = _lock(attachment.dossier)
    _require_edit(by, d)
    a = Attachment.objects.filter(pk=attachment.pk, dossier=d).first()
    if a is None:
        return
    name, original, kind = a.file.name, a.original_name, a.kind
    a.delete()
    _delete_files_on_commit([name])
    _log(d, action="attachment_remove", by=by, details={"name": original, "kind": kind})
    _touch(d)


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


# --- transitions ---------------------------------------------------------------

MESSAGES = {
    "submit": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được nộp, chờ tiếp nhận."),
    "resubmit": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được bổ sung và nộp lại."),
    "withdraw": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được rút."),
    "receive": gettext_noop("Hồ sơ %(ref)s của %(who)s đã được Ban TĐKT tiếp nhận."),
    "appraise": gettext_noop(
        "Hồ sơ %(ref)s của %(who)s đã được thẩm định NTM, chờ Ban TĐKT duyệt."
    ),
    "return": gettext_noop("Hồ sơ %(ref)s của %(who)s bị trả lại để bổ sung: %(note)s"),
    "approve": gettext_noop(
        "Hồ sơ %(ref)s của %(who)s đã được Ban TĐKT duyệt, trình Chủ tịch UBND tỉnh."
    ),
    "decide": gettext_noop(
        "Hồ sơ %(ref)s của %(who)s đã có quyết định khen thưởng số %(decision)s."
    ),
}
# who is told, per action ("proposer" = the dossier's own staff)
AUDIENCE = {
    "submit": (Role.REVIEWER,),
    "resubmit": (Role.REVIEWER,),
    "withdraw": (Role.REVIEWER,),
    "receive": ("proposer", Role.APPRAISER),
    "appraise": (Role.REVIEWER,),
    "return": ("proposer",),
    "approve": ("proposer",),
    "decide": ("proposer", Role.APPRAISER),
}


def _move(
    *,
    dossier: Dossier,
    by: User,
    action: str,
    note: str = "",
    details: dict | None = None,
    prepare=None,
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
        d.save()
        _log(d, action=action, by=by, note=note, from_status=from_status, details=details)
        if action != "withdraw" or d.first_submitted_at:
            notify.notify(
                dossier=d,
                audience=AUDIENCE[action],
                by=by,
                message=_(MESSAGES[action])
                % {
                    "ref": d.reference,
                    "who": d.proposer_name,
                    "note": note,
                    "decision": d.decision_number,
                },
            )
    dossier.refresh_from_db()
    return d


def _require_ready(d: Dossier) -> dict:
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


def changes_since_return(dossier: Dossier) -> list[dict] | None:
    """What the proposer changed since the last return (None if never returned)."""
    event = _last_return(dossier)
    if event is None or "snapshot" not in event.details:
        return None
    return changes.diff(event.details["snapshot"], changes.snapshot(dossier))


def dossier_resubmit(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    """returned → submitted, recording what changed since the return."""

    def prepare(d: Dossier) -> dict:
        _require_ready(d)
        lines = changes_since_return(d) or []
        d.nominees.exclude(return_comment="").update(return_comment="")
        return {"changes": lines}

    return _move(dossier=dossier, by=by, action="resubmit", note=note, prepare=prepare)


def dossier_withdraw(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    return _move(dossier=dossier, by=by, action="withdraw", note=note)


def dossier_receive(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    return _move(dossier=dossier, by=by, action="receive", note=note)


def dossier_appraise(
    *, dossier: Dossier, by: User, note: str = "", nominee_notes: Mapping[int, str] | None = None
) -> Dossier:
    """received → appraised: the NTM coordination office confirms the NTM facts.

    The nominees are judged again on the records as they stand now; the facts each
    verdict used are kept with it."""

    def prepare(d: Dossier) -> dict:
        nominees = verdicts.refresh(d)
        notes = {int(k): nfc(v).strip() for k, v in (nominee_notes or {}).items()}
        for n in nominees:
            if n.pk in notes:
                n.appraisal_note = notes[n.pk]
        Nominee.objects.bulk_update(nominees, ["appraisal_note"])
        return {
            "verdicts": {
                str(n.pk): {"eligible": n.verdict_eligible, "ruleset": n.ruleset_version}
                for n in nominees
            },
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

    def prepare(d: Dossier) -> dict:
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


def dossier_approve(*, dossier: Dossier, by: User, note: str = "") -> Dossier:
    """appraised → approved; refused while a judged standard has not been judged."""

    def prepare(d: Dossier) -> dict:
        nominees = verdicts.refresh(d)
        pending = [n for n in nominees if n.verdict_eligible is None and not n.verdict_error]
        if pending:
            raise Blocked(
                _("Còn đối tượng chưa được đánh giá tiêu chuẩn định tính:"),
                [completeness.Problem("not_attested", n.name, n.pk) for n in pending],
            )
        return {}

    return _move(dossier=dossier, by=by, action="approve", note=note, prepare=prepare)


def dossier_decide(
    *,
    dossier: Dossier,
    by: User,
    decision_number: str,
    decision_date: dt.date,
    outcomes: Mapping[int, tuple[bool, str]],
    note: str = "",
) -> Dossier:
    """approved → decided: the decision's number and date, and for each nominee whether
    it is awarded (a nominee that does not meet the standards cannot be) and why not."""

    def prepare(d: Dossier) -> dict:
        errors: dict[str, str] = {}
        number = nfc(decision_number).strip()
        if not number:
            errors["decision_number"] = _("Nhập số quyết định.")
        if decision_date is None:
            errors["decision_date"] = _("Nhập ngày quyết định.")
        elif decision_date > timezone.localdate():
            errors["decision_date"] = _("Ngày quyết định không được sau hôm nay.")
        nominees = list(d.nominees.all())
        for n in nominees:
            if n.pk not in outcomes:
                errors[f"n{n.pk}"] = _("%(n)s: chọn khen thưởng hoặc không.") % {"n": n.name}
                continue
            awarded, reason = outcomes[n.pk]
            reason = nfc(reason).strip()
            if awarded and n.verdict_eligible is not True:
                errors[f"n{n.pk}"] = _("%(n)s chưa đủ tiêu chuẩn, không thể khen thưởng.") % {
                    "n": n.name
                }
            elif not awarded and not reason:
                errors[f"n{n.pk}"] = _("%(n)s: ghi lý do không khen thưởng.") % {"n": n.name}
            n.awarded, n.outcome_reason = awarded, reason
        if errors:
            raise Invalid(errors)
        Nominee.objects.bulk_update(nominees, ["awarded", "outcome_reason"])
        d.decision_number = number
        d.decision_date = decision_date
        return {
            "decision_number": number,
            "decision_date": decision_date.isoformat(),
            "outcomes": [
                {"nominee": n.pk, "name": n.name, "awarded": n.awarded, "reason": n.outcome_reason}
                for n in nominees
            ],
        }

    return _move(dossier=dossier, by=by, action="decide", note=note, prepare=prepare)


ACTIONS = {
    "submit": dossier_submit,
    "resubmit": dossier_resubmit,
    "withdraw": dossier_withdraw,
    "receive": dossier_receive,
    "appraise": dossier_appraise,
    "return": dossier_return,
    "approve": dossier_approve,
    "decide": dossier_decide,
}


# --- notifications -------------------------------------------------------------


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
