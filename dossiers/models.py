"""Award dossiers (hồ sơ đề nghị khen thưởng), their nominees, attachments and history.

A dossier belongs to one proposing unit (a district-level People's Committee until
30/6/2025, a commune-level one from 1/7/2025, or a provincial agency at the mid-term
and final rounds), one round and one year. Its status moves only through the services
of :mod:`dossiers.services` along the table in :mod:`dossiers.workflow`; every move
and every edit leaves a :class:`DossierEvent`.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, CommuneKind, District, people_committee_name
from emulation.labels import round_name
from emulation.plans import plan_for, plan_spec, plan_spec_current
from emulation.rules import PlanSpec
from emulation.rules.types import ROUND_NAMES, Round

from .kinds import KINDS, KindSpec, NomineeKind
from .legal import LegalBasisCode, legal_basis


class RoundChoices(models.TextChoices):
    """The rounds as a model choice; their words are the rules core's
    (:mod:`emulation.rules.types`), their years the dossier's plan's
    (:func:`emulation.rules.round_choice_label`)."""

    ANNUAL = Round.ANNUAL.value, _(ROUND_NAMES[Round.ANNUAL])
    MIDTERM = Round.MIDTERM.value, _(ROUND_NAMES[Round.MIDTERM])
    FINAL = Round.FINAL.value, _(ROUND_NAMES[Round.FINAL])


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp, chờ tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận, chờ thẩm định NTM")
    APPRAISED = "appraised", _("Đã thẩm định NTM, chờ Ban TĐKT duyệt")
    APPROVED = "approved", _("Ban TĐKT đã duyệt, chờ quyết định")
    DECIDED = "decided", _("Đã có quyết định khen thưởng")
    RETURNED = "returned", _("Trả lại để bổ sung")
    WITHDRAWN = "withdrawn", _("Đã rút")


# A proposer may change the dossier only in these states.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})


def province_of_proposer(district_code: str | None, commune_key: str | None = None) -> str:
    """The province of a dossier's proposer: its district's or its commune's, else (a
    provincial agency) the installation's."""
    if district_code:
        return District.objects.values_list("province_id", flat=True).get(code=district_code)
    if commune_key:
        return Commune.objects.values_list("province_id", flat=True).get(pk=commune_key)
    return settings.PROVINCE_CODE


class Dossier(models.Model):
    """Hồ sơ đề nghị khen thưởng of one proposing unit for one round and year."""

    # The plan the dossier is filed under (set on save: the plan of its province on its
    # document's date); its rounds' years and titles are the plan's.
    plan = models.ForeignKey(
        "emulation.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("kế hoạch thi đua"),
    )
    round = models.CharField(_("đợt khen thưởng"), max_length=10, choices=RoundChoices.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    district = models.ForeignKey(
        "communes.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("UBND huyện / thành phố đề nghị"),
    )
    # From 1/7/2025 (no district level) the commune-level UBND proposes.
    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_dossiers",
        verbose_name=_("UBND xã / phường đề nghị"),
        db_index=False,  # dossier_commune_list below leads with it
    )
    agency = models.ForeignKey(
        "emulation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("cơ quan, đơn vị đề nghị"),
    )
    # The province whose reviewers handle the dossier: the proposing district's province,
    # or the installation's province for its provincial agencies. Kept on the row (set on
    # save) so that a province's queue reads its own index when the whole country's
    # dossiers share one database.
    province = models.ForeignKey(
        "communes.Province",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("tỉnh"),
        editable=False,
        db_index=False,  # the (province, ...) indexes below lead with it
    )
    document_number = models.CharField(_("số văn bản đề nghị"), max_length=50, blank=True)
    document_date = models.DateField(_("ngày văn bản đề nghị"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=255, blank=True)
    legal_basis = models.CharField(
        _("căn cứ pháp lý"), max_length=12, choices=LegalBasisCode.choices
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), default=timezone.now)
    first_submitted_at = models.DateTimeField(_("nộp lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lần gần nhất"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định khen thưởng"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # the province's decision that decided it (with the other dossiers of its round)
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("quyết định khen thưởng"),
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                name="dossier_one_proposer",
                condition=(
                    models.Q(district__isnull=False)
                    & models.Q(commune__isnull=True)
                    & models.Q(agency__isnull=True)
                )
                | (
                    models.Q(district__isnull=True)
                    & models.Q(commune__isnull=False)
                    & models.Q(agency__isnull=True)
                )
                | (
                    models.Q(district__isnull=True)
                    & models.Q(commune__isnull=True)
                    & models.Q(agency__isnull=False)
                ),
                violation_error_message=_(
                    "Hồ sơ thuộc đúng một đơn vị đề nghị: một huyện, một xã hoặc một cơ quan."
                ),
            ),
            models.CheckConstraint(
                name="dossier_agency_rounds",
                condition=models.Q(agency__isnull=True) | ~models.Q(round=Round.ANNUAL.value),
                violation_error_message=_(
                    "Cơ quan, đơn vị cấp tỉnh chỉ đề nghị ở đợt sơ kết và tổng kết."
                ),
            ),
        ]
        indexes = [
            # a district's list: WHERE district_id = ? ORDER BY updated_at DESC
            models.Index(fields=["district", "-updated_at", "-id"], name="dossier_district_list"),
            # a commune's list (from 1/7/2025)
            models.Index(fields=["commune", "-updated_at", "-id"], name="dossier_commune_list"),
            # an agency's list
            models.Index(fields=["agency", "-updated_at", "-id"], name="dossier_agency_list"),
            # the province's queue: WHERE province_id = ? AND first_submitted_at IS NOT NULL
            # [AND status = ?] ORDER BY updated_at DESC, id DESC
            models.Index(
                fields=["province", "status", "-updated_at", "-id"],
                name="dossier_province_queue",
                condition=models.Q(first_submitted_at__isnull=False),
            ),
            # the province's whole queue (no status filter) and its status counts:
            # WHERE province_id = ? AND first_submitted_at IS NOT NULL ORDER BY updated_at
            # DESC, id DESC LIMIT 20 — reads the page, not the queue
            models.Index(
                fields=["province", "-updated_at", "-id"],
                name="dossier_province_queue_all",
                condition=models.Q(first_submitted_at__isnull=False),
            ),
            # an admin's list: every dossier of the province, drafts included
            models.Index(fields=["province", "-updated_at", "-id"], name="dossier_province_list"),
            # duplicates and earlier awards: same round and year
            models.Index(fields=["round", "year"], name="dossier_round_year"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.proposer_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.province_id is None:
            self.province_id = province_of_proposer(self.district_id, self.commune_id)
        if self.plan_id is None:
            plan = plan_for(self.province_id, on=self.document_date or timezone.localdate())
            self.plan_id = plan.pk if plan else None
        super().save(*args, **kwargs)

    @property
    def plan_spec(self) -> PlanSpec:
        """What the rules read of the dossier's plan (its rounds' years and titles)."""
        return plan_spec(self.plan) if self.plan_id else plan_spec_current()

    @property
    def reference(self) -> str:
        """A short reference people can quote: HS2024-0012."""
        return f"HS{self.year}-{self.pk or 0:04d}"

    @property
    def round_label(self) -> str:
        """ "Hàng năm 2024", "Sơ kết 2023", "Tổng kết 2025"."""
        return f"{round_name(self.round)} {self.year}"

    @property
    def proposer_name(self) -> str:
        if self.district is not None:
            return self.district.people_committee
        if self.commune is not None:
            kind = self.commune.kind_on(self.document_date or self.created_on)
            return people_committee_name(CommuneKind(kind).label, self.commune.name)
        return str(self.agency) if self.agency_id else ""

    @property
    def created_on(self):
        """The day the dossier was created (today for an unsaved one)."""
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    @property
    def legal(self):
        """The :class:`dossiers.legal.LegalBasis` stored with the dossier."""
        return legal_basis(self.legal_basis)

    @property
    def is_editable_state(self) -> bool:
        return self.status in EDITABLE_STATUSES


def attachment_path(instance: Attachment, filename: str) -> str:
    """dossiers/<dossier id>/<random>.<ext>: never the user's file name on disk."""
    ext = PurePosixPath(filename).suffix.lower()
    return f"dossiers/{instance.dossier_id}/{uuid.uuid4().hex}{ext}"


class Nominee(models.Model):
    """A unit, organisation or person proposed for a title in a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    position = models.PositiveSmallIntegerField(_("số thứ tự"), default=0)
    kind = models.CharField(_("loại đối tượng"), max_length=24, choices=NomineeKind.choices)
    title = models.CharField(_("danh hiệu, tiêu chuẩn đề nghị"), max_length=40)
    name = models.CharField(_("tên"), max_length=255)
    # "commune:01234", "district:063", "agency:<code>", "org:<tax code or folded name>",
    # "person:<folded name>@<commune>": the same nominee across dossiers.
    identity = models.CharField(max_length=300, editable=False, db_index=True)
    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("xã"),
    )
    village = models.ForeignKey(
        "communes.Village",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thôn"),
    )
    district = models.ForeignKey(
        "communes.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("huyện / thành phố"),
    )
    agency = models.ForeignKey(
        "emulation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("cơ quan, đơn vị"),
    )
    job_title = models.CharField(_("chức vụ, đơn vị công tác"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # a person or household from outside the province (III.1 "trong và ngoài tỉnh"): no
    # commune of the records; the residence is typed in (address) and its ĐBKK level is
    # declared by the proposer, then attested by the appraiser (settled_facts)
    outside_province = models.BooleanField(_("cư trú ngoài tỉnh"), default=False, db_default=False)
    declared_dbkk = models.BooleanField(
        _("nơi cư trú thuộc xã, thôn đặc biệt khó khăn (kê khai)"), null=True, blank=True
    )
    tax_code = models.CharField(_("mã số doanh nghiệp / mã số thuế"), max_length=20, blank=True)
    achievements = models.TextField(_("tóm tắt thành tích"), blank=True)
    infrastructure_value = models.BigIntegerField(
        _("đóng góp xây dựng hạ tầng nông thôn (đồng)"), null=True, blank=True
    )
    contribution_value = models.BigIntegerField(
        _("đóng góp công sức, đất đai, tài sản (đồng)"), null=True, blank=True
    )
    mobilized_value = models.BigIntegerField(
        _("giá trị công trình trực tiếp vận động (đồng)"), null=True, blank=True
    )
    own_land_asset_value = models.BigIntegerField(
        _("đất đai, tài sản tự đóng góp cho công trình đó (đồng)"), null=True, blank=True
    )
    # the reviewer's judgement on the standards that need one (None: not yet judged)
    attested = models.BooleanField(_("đánh giá tiêu chuẩn định tính"), null=True, blank=True)
    attestation_note = models.TextField(_("nhận xét của Ban TĐKT"), blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attested_at = models.DateTimeField(null=True, blank=True)
    # Nghị định 152/2025/NĐ-CP, Điều 4: priority for women and for collectives with at
    # least 70 % women (shown to reviewers)
    is_female = models.BooleanField(_("nữ"), null=True, blank=True)
    women_share = models.PositiveSmallIntegerField(_("tỷ lệ nữ (%)"), null=True, blank=True)
    appraisal_note = models.TextField(_("ý kiến thẩm định NTM"), blank=True)
    # the appraiser's position on the nominee: None not appraised yet, False "không thống
    # nhất" (its reason in appraisal_note); the board then decides or returns the dossier
    appraisal_agreed = models.BooleanField(_("thống nhất kết quả thẩm định"), null=True)
    # facts the records lack that the appraiser states (a pending check's Check.settle):
    # {case field: {"value": ..., "by": user id, "by_name": ..., "at": iso, "note": ...}}
    # (db_default: rows written by COPY, e.g. devtools.scale, get {} too)
    settled_facts = models.JSONField(
        _("số liệu do cơ quan thẩm định xác nhận"),
        default=dict,
        db_default=models.Value({}, output_field=models.JSONField()),
    )
    return_comment = models.TextField(_("yêu cầu bổ sung"), blank=True)
    # the last verdict, with the facts it judged and the rule set's version
    verdict_eligible = models.BooleanField(null=True, blank=True)
    verdict_checks = models.JSONField(default=list, blank=True)
    verdict_error = models.TextField(blank=True)
    verdict_case = models.JSONField(default=dict, blank=True)
    ruleset_version = models.PositiveIntegerField(_("phiên bản bộ tiêu chuẩn"), null=True)
    verdict_at = models.DateTimeField(null=True, blank=True)
    # the board's explicit override: approved (and so awardable) although the rules find
    # the nominee not eligible, with its reason (issue 14: "no silent override")
    override_reason = models.TextField(
        _("lý do đề nghị dù chưa đạt tiêu chuẩn"), blank=True, db_default=""
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    # the decision
    awarded = models.BooleanField(_("được khen thưởng"), null=True, blank=True)
    outcome_reason = models.TextField(_("lý do"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dossier_id", "position", "id"]
        verbose_name = _("đối tượng đề nghị khen thưởng")
        verbose_name_plural = _("đối tượng đề nghị khen thưởng")
        indexes = [
            models.Index(fields=["dossier", "position"], name="nominee_order"),
            models.Index(fields=["title"], name="nominee_title"),
            # the reviewer's home panel (dossiers.panels): COUNT nominees JOIN dossier WHERE
            # dossier.status IN (received, appraised) AND verdict_eligible IS NULL AND
            # verdict_error = '' — only the few awaiting an attestation are indexed
            models.Index(
                fields=["dossier"],
                name="nominee_awaiting_attestation",
                condition=models.Q(verdict_eligible__isnull=True, verdict_error=""),
            ),
            # earlier awards of many units at once (dossiers.awards.awards_of, the facts'
            # provider): the awarded nominees only, by identity
            models.Index(
                fields=["identity"],
                name="nominee_awarded_identity",
                condition=models.Q(awarded=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_spec(self) -> KindSpec:
        """The description of its kind (:mod:`dossiers.kinds`)."""
        return KINDS[self.kind]

    @property
    def has_judged(self) -> bool:
        return any(c.get("judged") for c in self.verdict_checks or [])


class RestrictionKind(models.TextChoices):
    """Why a nominee may not be commended for now (Nghị định 152/2025/NĐ-CP, Điều 4)."""

    DISCIPLINE = "discipline", _("đang bị xem xét kỷ luật hoặc đang thi hành kỷ luật")
    INSPECTION = "inspection", _("đang bị thanh tra, kiểm tra có dấu hiệu vi phạm")
    COMPLAINT = "complaint", _("đang có khiếu nại, tố cáo đang được xem xét giải quyết")


class Restriction(models.Model):
    """A dated fact an official records, with its document: the nominee is under
    discipline, inspection or complaint review from ``since`` (to ``until``, if ended)."""

    nominee = models.ForeignKey("Nominee", on_delete=models.CASCADE, related_name="restrictions")
    kind = models.CharField(_("trường hợp"), max_length=12, choices=RestrictionKind.choices)
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    document = models.CharField(_("văn bản (số, ký hiệu, ngày)"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        ordering = ["nominee_id", "since", "id"]
        verbose_name = _("trường hợp chưa xét khen thưởng")
        verbose_name_plural = _("trường hợp chưa xét khen thưởng")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.document})"

    def active_on(self, day) -> bool:
        return self.since <= day and (self.until is None or self.until >= day)


class AttachmentKind(models.TextChoices):
    PROPOSAL = "proposal", _("Văn bản đề nghị khen thưởng của cấp trình")
    ACHIEVEMENT = "achievement", _("Tóm tắt / báo cáo thành tích")
    MINUTES = "minutes", _("Biên bản họp xét của Hội đồng Thi đua - Khen thưởng")
    EVIDENCE = "evidence", _("Tài liệu minh chứng khác")


class SignatureStatus(models.TextChoices):
    """What the check of an uploaded PDF's digital signature found (issue 16, part 3;
    :mod:`dossiers.documents.trust`). Empty: not a PDF (nothing to check)."""

    VALID = "valid", _("Có chữ ký số hợp lệ")
    INVALID = "invalid", _("Chữ ký số không hợp lệ: tệp đã bị sửa sau khi ký")
    UNTRUSTED = "untrusted", _("Chữ ký số không hợp lệ: chứng thư không được tin cậy")
    EXPIRED = "expired", _("Chữ ký số không hợp lệ: chứng thư đã hết hạn hoặc bị thu hồi")
    UNSIGNED = "unsigned", _("Không có chữ ký số")
    UNREADABLE = "unreadable", _("Không kiểm tra được chữ ký số (tệp PDF lỗi)")


class Attachment(models.Model):
    """An uploaded file of a dossier: checked by content, stored with its SHA-256."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    nominee = models.ForeignKey(
        Nominee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("của đối tượng"),
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    # The digital signature of an uploaded PDF as checked on upload (issue 16, part 3):
    # the status, and the signer's name, signing time and stated reason of its signature
    signature_status = models.CharField(
        _("chữ ký số"), max_length=12, choices=SignatureStatus.choices, blank=True, default=""
    )
    signature_signer = models.CharField(_("người ký số"), max_length=255, blank=True, default="")
    signature_signed_at = models.DateTimeField(_("thời điểm ký số"), null=True, blank=True)
    signature_reason = models.CharField(
        _("lý do ký ghi trong chữ ký"), max_length=255, blank=True, default=""
    )
    signature_checked_at = models.DateTimeField(_("lúc kiểm tra chữ ký số"), null=True, blank=True)

    class Meta:
        ordering = ["dossier_id", "kind", "id"]
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        indexes = [models.Index(fields=["dossier", "kind"], name="attachment_kind")]

    def __str__(self) -> str:
        return self.original_name


class RemovedItem(models.Model):
    """A nominee (with its files) or a document the proposer removed from a dossier, kept
    so that the removal can be undone until the dossier is submitted.

    ``rows`` are the removed rows as Django serialises them (the nominee first, then its
    attachments) and come back with their own ids; the files stay in storage until the
    dossier is submitted (then they are deleted with this row) or the item is restored.
    """

    class What(models.TextChoices):
        NOMINEE = "nominee", _("đối tượng đề nghị")
        ATTACHMENT = "attachment", _("tài liệu")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="removed_items")
    what = models.CharField(max_length=12, choices=What.choices)
    label = models.CharField(_("tên"), max_length=500)
    rows = models.JSONField(default=list)
    files = models.JSONField(default=list)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dossier_id", "-removed_at", "-id"]
        verbose_name = _("mục đã bỏ khỏi hồ sơ")
        verbose_name_plural = _("mục đã bỏ khỏi hồ sơ")

    def __str__(self) -> str:
        return self.label


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Quyết định khen thưởng")
    CORRECTION = "correction", _("Quyết định đính chính")
    AMENDMENT = "amendment", _("Quyết định sửa đổi, bổ sung")


class Decision(models.Model):
    """A quyết định of the province: one number, one date and its annex (the list of the
    nominees it awards) covering the approved nominees of one or more dossiers of a
    round; or a decision correcting one (đính chính, sửa đổi, bổ sung), with its own
    number, date and reason. A recorded decision is never edited: the original stays as
    recorded (its annex as published), a correction records what it changed."""

    province = models.ForeignKey(
        "communes.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    round = models.CharField(_("đợt khen thưởng"), max_length=10, choices=RoundChoices.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(
        _("loại quyết định"), max_length=12, choices=DecisionKind.choices, default="award"
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("quyết định được đính chính"),
    )
    # "05/QĐ-UBND": the number the register of outgoing documents gave it (register_entry);
    # a decision recorded before the register kept the number typed then
    number = models.CharField(_("số quyết định"), max_length=50)
    register_entry = models.OneToOneField(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("số trong sổ văn bản đi"),
    )
    # who signs it, chosen when it is issued (a signatory of the UBND of the province
    # valid on its date); empty: the default one of that day
    signatory = models.ForeignKey(
        "documents.Signatory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("người ký"),
    )
    date = models.DateField(_("ngày quyết định"))
    reason = models.TextField(_("lý do đính chính, sửa đổi"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # what was published: the annex's rows (an award) or the changes (a correction)
    annex = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        indexes = [models.Index(fields=["province", "-date"], name="decision_province_date")]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"

    @property
    def round_title(self) -> str:
        return f"{round_name(self.round)} {self.year}"


class DossierEvent(models.Model):
    """One line of a dossier's history: who did what, when, why, from which state to which."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("việc"), max_length=30)
    from_status = models.CharField(max_length=12, choices=Status.choices)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = models.TextField(_("ghi chú, lý do"), blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dossier_id", "at", "id"]
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        indexes = [models.Index(fields=["dossier", "at"], name="event_dossier_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.from_status}→{self.to_status}"

    @property
    def is_transition(self) -> bool:
        return self.from_status != self.to_status


class EmailState(models.TextChoices):
    NONE = "", _("không gửi thư")
    PENDING = "pending", _("chờ gửi")
    SENT = "sent", _("đã gửi")
    FAILED = "failed", _("chưa gửi được")


class Notification(models.Model):
    """An in-app notice to one user; the same text goes by e-mail when they have an address."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    message = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # the e-mail copy: "" (recipient has no address), pending, sent or failed (retried by
    # `manage.py send_notification_emails` up to MAX_EMAIL_ATTEMPTS; administrators see
    # the failed ones on the "Thư chưa gửi được" page)
    email_state = models.CharField(
        _("thư điện tử"), max_length=10, blank=True, default="", choices=EmailState.choices
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [
            # the notifications page and the unread badge: WHERE recipient_id = ? [AND read_at
            # IS NULL] ORDER BY created_at DESC
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]

    def __str__(self) -> str:
        return self.message


class StateProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SENT = "sent", _("Đã gửi Trung ương")
    AWARDED = "awarded", _("Đã có quyết định khen thưởng")
    NOT_AWARDED = "not_awarded", _("Không được khen thưởng")


class StateProposal(models.Model):
    """The province's proposal for state-level awards (đề nghị khen thưởng cấp Nhà nước,
    III.2.1): nominees its decisions awarded in a decided round, each for an award of
    the national plan (:class:`emulation.models.StateAwardStandard`); the tờ trình of
    UBND tỉnh numbered through the register of outgoing documents when it is sent;
    tracked until the central decision (number, date, who awarded) or a refusal is
    recorded. Every move is a line in the audit log and in each nominee's dossier."""

    province = models.ForeignKey(
        "communes.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    round = models.CharField(_("đợt khen thưởng"), max_length=10, choices=RoundChoices.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    state_plan = models.ForeignKey(
        "emulation.StatePlan",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("kế hoạch thi đua cấp Nhà nước"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=StateProposalStatus.choices,
        default=StateProposalStatus.DRAFT,
    )
    note = models.TextField(_("ghi chú"), blank=True)
    # the tờ trình: numbered by the register when sent
    letter = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tờ trình"),
    )
    letter_date = models.DateField(_("ngày tờ trình"), null=True, blank=True)
    # the central decision
    central_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    central_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    central_authority = models.CharField(_("cấp quyết định"), max_length=255, blank=True)
    central_note = models.TextField(_("ghi chú về kết quả"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày lập"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("đề nghị khen thưởng cấp Nhà nước")
        verbose_name_plural = _("đề nghị khen thưởng cấp Nhà nước")
        indexes = [models.Index(fields=["province", "-year"], name="state_proposal_province")]

    def __str__(self) -> str:
        number = self.letter.full_number if self.letter_id and self.letter else _("chưa có số")
        return f"{_('Đề nghị khen thưởng cấp Nhà nước')} {self.round_title} ({number})"

    @property
    def round_title(self) -> str:
        return f"{round_name(self.round)} {self.year}"


class StateProposalEntry(models.Model):
    """A nominee of a state-level proposal: the award proposed (the national plan's
    standard, its words kept as proposed) and, once the centre decides, its outcome."""

    proposal = models.ForeignKey(StateProposal, on_delete=models.CASCADE, related_name="entries")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="state_entries")
    standard = models.ForeignKey(
        "emulation.StateAwardStandard",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("hình thức khen thưởng"),
    )
    award = models.CharField(_("hình thức khen thưởng"), max_length=255)
    authority = models.CharField(_("cấp quyết định khen thưởng"), max_length=255)
    reason = models.TextField(_("thành tích, lý do đề nghị"), blank=True)
    awarded = models.BooleanField(_("được khen thưởng"), null=True, blank=True)
    outcome_reason = models.TextField(_("lý do không được khen thưởng"), blank=True)

    class Meta:
        ordering = ["proposal_id", "id"]
        verbose_name = _("đối tượng đề nghị cấp Nhà nước")
        verbose_name_plural = _("đối tượng đề nghị cấp Nhà nước")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "nominee"], name="state_entry_nominee_once")
        ]

    def __str__(self) -> str:
        return f"{self.nominee} — {self.award}"
