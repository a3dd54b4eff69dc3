"""Certificate layouts (where each field prints on the pre-printed blank) and
background document jobs (many documents at once, with their progress)."""

from __future__ import annotations

import secrets
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CertificateLayout(models.Model):
    """The province's pre-printed Bằng khen blank: its size and where each field prints.

    Exactly one layout is active; certificates of a decision print with it.
    """

    name = models.CharField(_("tên mẫu phôi"), max_length=120, unique=True)
    page_width_mm = models.DecimalField(
        _("chiều rộng phôi (mm)"),
        max_digits=5,
        decimal_places=1,
        default=297,
        validators=[MinValueValidator(100), MaxValueValidator(600)],
    )
    page_height_mm = models.DecimalField(
        _("chiều cao phôi (mm)"),
        max_digits=5,
        decimal_places=1,
        default=210,
        validators=[MinValueValidator(100), MaxValueValidator(600)],
    )
    signer_title = models.CharField(_("chức danh người ký"), max_length=120, default="CHỦ TỊCH")
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=False)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cập nhật"),
    )

    class Meta:
        ordering = ["-is_active", "name"]
        verbose_name = _("mẫu phôi Bằng khen")
        verbose_name_plural = _("mẫu phôi Bằng khen")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_certificate_layout",
                violation_error_message=_("Chỉ một mẫu phôi được dùng tại một thời điểm."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class FieldKey(models.TextChoices):
    RECIPIENT = "recipient", _("Tên tập thể, cá nhân")
    UNIT = "unit", _("Địa chỉ, đơn vị")
    ACHIEVEMENT = "achievement", _("Thành tích")
    DECISION = "decision", _("Số, ngày quyết định")
    PLACE_DATE = "place_date", _("Địa danh, ngày tháng")
    SIGNER_TITLE = "signer_title", _("Chức danh người ký")
    SIGNER_NAME = "signer_name", _("Họ tên người ký")
    REGISTER = "register", _("Số vào sổ khen thưởng")


class Align(models.TextChoices):
    LEFT = "left", _("Trái")
    CENTER = "center", _("Giữa")
    RIGHT = "right", _("Phải")


def _mm(verbose: StrOrPromise, default: float, maximum: int = 600):
    return models.DecimalField(
        verbose,
        max_digits=5,
        decimal_places=1,
        default=default,
        validators=[MinValueValidator(0), MaxValueValidator(maximum)],
    )


class CertificateField(models.Model):
    """One field of the certificate: its box (mm from the blank's top left) and its type."""

    layout = models.ForeignKey(CertificateLayout, on_delete=models.CASCADE, related_name="fields")
    key = models.CharField(_("trường"), max_length=20, choices=FieldKey.choices)
    x_mm = _mm(_("cách mép trái (mm)"), 20)
    y_mm = _mm(_("cách mép trên (mm)"), 20)
    width_mm = _mm(_("độ rộng (mm)"), 200)
    font_size_pt = models.DecimalField(
        _("cỡ chữ (pt)"),
        max_digits=4,
        decimal_places=1,
        default=16,
        validators=[MinValueValidator(6), MaxValueValidator(72)],
    )
    bold = models.BooleanField(_("đậm"), default=False)
    italic = models.BooleanField(_("nghiêng"), default=False)
    uppercase = models.BooleanField(_("chữ in hoa"), default=False)
    align = models.CharField(_("căn lề"), max_length=6, choices=Align.choices, default=Align.CENTER)
    visible = models.BooleanField(_("in trường này"), default=True)

    class Meta:
        ordering = ["layout_id", "y_mm", "x_mm"]
        verbose_name = _("vị trí trường trên phôi")
        verbose_name_plural = _("vị trí trường trên phôi")
        constraints = [
            models.UniqueConstraint(fields=["layout", "key"], name="one_position_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.x_mm}, {self.y_mm}) mm"


class JobKind(models.TextChoices):
    CERTIFICATES = "certificates", _("Bằng khen của một quyết định")
    ROUND_REPORTS = "round_reports", _("Báo cáo thành tích của một đợt (ZIP)")
    ARCHIVE_PACKAGE = "archive_package", _("Gói hồ sơ nộp lưu của một đợt (PDF/A)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


def job_result_path(instance: DocumentJob, filename: str) -> str:
    """jobs/<job id>/<file name>: outside the web root, served only to the job's owner."""
    return f"jobs/{instance.pk}/{filename}"


class DocumentJob(models.Model):
    """Producing many documents in the background: what, for whom, how far, the result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại việc"), max_length=20, choices=JobKind.choices)
    params = models.JSONField(_("tham số"), default=dict)
    label = models.CharField(_("nội dung"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_jobs"
    )
    created_at = models.DateTimeField(_("lúc yêu cầu"), default=timezone.now)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("tổng số văn bản"), default=0)
    done = models.PositiveIntegerField(_("đã tạo"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.FileField(_("kết quả"), upload_to=job_result_path, max_length=255, blank=True)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("việc tạo văn bản hàng loạt")
        verbose_name_plural = _("việc tạo văn bản hàng loạt")
        indexes = [
            # a user's recent jobs: WHERE created_by_id = ? ORDER BY created_at DESC
            models.Index(fields=["created_by", "-created_at"], name="job_owner_recent"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}


class PublicAward(models.Model):
    """A decided award as the public list shows it: what a citizen may read, nothing else.

    Kept in step with the dossiers by :func:`dossiers.documents.public.public_awards_sync`
    (called when a dossier is saved as decided); ``search`` is the folded text that
    the diacritics-insensitive search matches.
    """

    nominee = models.OneToOneField(
        "dossiers.Nominee", on_delete=models.CASCADE, related_name="public_award"
    )
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"), null=True)
    round = models.CharField(_("đợt"), max_length=10)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("danh hiệu, tiêu chuẩn"), max_length=40)
    name = models.CharField(_("tên tập thể, cá nhân"), max_length=255)
    unit = models.CharField(_("đơn vị"), max_length=300, blank=True)
    # "đã đính chính theo Quyết định số … ngày …" when a correcting decision changed it
    correction = models.CharField(_("đính chính"), max_length=500, blank=True, db_default="")
    search = models.TextField(editable=False)

    class Meta:
        ordering = ["-decision_date", "name", "id"]
        verbose_name = _("khen thưởng công khai")
        verbose_name_plural = _("khen thưởng công khai")
        indexes = [
            # the public list: ORDER BY decision_date DESC, name [WHERE round = ? AND year = ?]
            models.Index(fields=["-decision_date", "name", "id"], name="public_award_list"),
            models.Index(fields=["round", "year"], name="public_award_round"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.decision_number}"


class SigningCapacity(models.TextChoices):
    """How a signer signs (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 7)."""

    HEAD = "head", _("Người đứng đầu ký")
    DEPUTY = "deputy", _("Cấp phó ký thay (KT.)")
    ACTING = "acting", _("Quyền (Q.)")


class Signatory(models.Model):
    """Who signs a body's documents, with their title and form, from when to when.

    ``body_key`` names the issuing body as :mod:`dossiers.documents.bodies` does
    ("province:06", "district:061", "commune:01834", "agency:snn"). The signer of a
    document is chosen when the document is made: the body's signatory valid on the
    document's date (the default one first). The register of issue 16 can number
    documents by the same key.
    """

    body_key = models.CharField(_("cơ quan ban hành"), max_length=60, db_index=True)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(
        _("chức vụ"), max_length=120, help_text=_("Viết hoa: PHÓ CHỦ TỊCH, PHÓ GIÁM ĐỐC …")
    )
    capacity = models.CharField(
        _("hình thức ký"),
        max_length=10,
        choices=SigningCapacity.choices,
        default=SigningCapacity.DEPUTY,
    )
    head_title = models.CharField(
        _("chức vụ người đứng đầu"),
        max_length=120,
        help_text=_("CHỦ TỊCH, GIÁM ĐỐC …: in sau “KT.” hoặc “Q.”."),
    )
    collective_name = models.CharField(
        _("tên tập thể lãnh đạo"),
        max_length=120,
        blank=True,
        help_text=_("ỦY BAN NHÂN DÂN: in “TM. ỦY BAN NHÂN DÂN” trên văn bản của tập thể."),
    )
    valid_from = models.DateField(_("ký từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("ký đến ngày"), null=True, blank=True)
    is_default = models.BooleanField(_("người ký mặc định"), default=False)
    # raised by each save in the app (signatories.signatory_save): a form opened on an
    # older version is refused rather than undoing another administrator's change
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["body_key", "-is_default", "full_name"]
        verbose_name = _("người ký văn bản")
        verbose_name_plural = _("người ký văn bản")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="signatory_valid_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.title})"

    def valid_on(self, date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )


class RegisterCounter(models.Model):
    """The last number a body gave out in a year (sổ đăng ký văn bản đi).

    One row per issuing body and year; :func:`dossiers.documents.register.
    outgoing_document_issue` raises it by one inside the issuing transaction (an
    ``INSERT … ON CONFLICT DO UPDATE``, which PostgreSQL runs one at a time per row), so
    two documents issued at the same moment never share a number, and a number whose
    transaction failed is not spent.
    """

    body_key = models.CharField(_("cơ quan ban hành"), max_length=60)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số văn bản đi")
        verbose_name_plural = _("bộ đếm số văn bản đi")
        constraints = [
            models.UniqueConstraint(fields=["body_key", "year"], name="one_counter_per_body_year")
        ]

    def __str__(self) -> str:
        return f"{self.body_key} {self.year}: {self.last_number}"


class OutgoingDocument(models.Model):
    """One line of a body's register of outgoing documents (Nghị định 30/2020/NĐ-CP,
    Điều 15–16 and Phụ lục IV): its number, symbol, date, excerpt, signer.

    Never deleted and its number never reused: a withdrawn document stays with its
    number, marked withdrawn (when, by whom, why). A document corrected by a later one
    points to it (``corrected_by``).
    """

    body_key = models.CharField(_("cơ quan ban hành"), max_length=60)
    body_name = models.CharField(_("tên cơ quan ban hành"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    kind_code = models.CharField(_("loại văn bản"), max_length=10)
    issued_on = models.DateField(_("ngày văn bản"))
    excerpt = models.CharField(_("trích yếu nội dung"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    recipients = models.CharField(_("nơi nhận"), max_length=500, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outgoing_documents",
        verbose_name=_("hồ sơ"),
    )
    registered_at = models.DateTimeField(_("lúc vào sổ"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )
    withdrawn_at = models.DateTimeField(_("lúc thu hồi"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("lý do thu hồi"), blank=True)
    corrected_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrects",
        verbose_name=_("được đính chính bởi"),
    )
    search = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["body_key", "-year", "-number"]
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        constraints = [
            models.UniqueConstraint(
                fields=["body_key", "year", "number"], name="one_number_per_body_year"
            )
        ]

    def __str__(self) -> str:
        return self.full_number

    @property
    def number_text(self) -> str:
        """ "05": a number under 10 with a leading zero (Nghị định 30/2020, Phụ lục I)."""
        return f"{self.number:02d}"

    @property
    def full_number(self) -> str:
        """ "05/QĐ-UBND"."""
        return f"{self.number_text}/{self.symbol}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def new_check_token() -> str:
    return secrets.token_urlsafe(16)


class CertificateCheck(models.Model):
    """The token of an awarded nominee's Bằng khen: its QR code links to
    ``/xac-minh/<token>/``, where anyone can check the certificate. Random (not the
    nominee's id), so the addresses cannot be walked; kept when the certificate is
    printed again."""

    nominee = models.OneToOneField(
        "dossiers.Nominee", on_delete=models.CASCADE, related_name="certificate_check"
    )
    token = models.CharField(max_length=32, unique=True, default=new_check_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("mã xác minh Bằng khen")
        verbose_name_plural = _("mã xác minh Bằng khen")

    def __str__(self) -> str:
        return self.token


class SigningCredential(models.Model):
    """A body's signing certificate: the PKCS#12 file an administrator uploaded, kept
    encrypted (Fernet, with a key derived from the deployment's secret, see
    :mod:`dossiers.documents.signing`), its passphrase encrypted the same way: neither is
    in the database in clear. The subject and validity are copied out to list it."""

    body_key = models.CharField(_("cơ quan ban hành"), max_length=60, db_index=True)
    subject = models.CharField(_("chủ thể chứng thư"), max_length=255)
    not_after = models.DateTimeField(_("hết hạn"))
    pkcs12_encrypted = models.BinaryField(editable=False)
    passphrase_encrypted = models.BinaryField(editable=False)
    is_demo = models.BooleanField(_("chứng thư thử nghiệm"), default=False)
    uploaded_at = models.DateTimeField(_("lúc tải lên"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    class Meta:
        ordering = ["body_key", "-uploaded_at"]
        verbose_name = _("chứng thư số ký văn bản")
        verbose_name_plural = _("chứng thư số ký văn bản")

    def __str__(self) -> str:
        return f"{self.subject} ({self.body_key})"


class TrustedRoot(models.Model):
    """A root certificate whose signatures the province trusts when it checks an uploaded
    PDF (issue 16, part 3): the national root CA (Bộ Thông tin và Truyền thông's, later
    Bộ Khoa học và Công nghệ's, "Root CA" of Việt Nam), a licensed provider's, or the
    demo's own test CA. Kept per province (several share one database); deactivated,
    never deleted, so that an earlier check can still name what it trusted."""

    province = models.ForeignKey(
        "communes.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    name = models.CharField(_("tên gọi"), max_length=200)
    subject = models.CharField(_("chủ thể"), max_length=500)
    issuer = models.CharField(_("tổ chức cấp"), max_length=500)
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64)
    der = models.BinaryField(editable=False)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    is_demo = models.BooleanField(_("chứng thư thử nghiệm"), default=False)
    is_active = models.BooleanField(_("đang tin cậy"), default=True)
    added_at = models.DateTimeField(_("lúc thêm"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thêm"),
    )
    deactivated_at = models.DateTimeField(_("lúc thôi tin cậy"), null=True, blank=True)
    deactivated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thôi tin cậy"),
    )

    class Meta:
        ordering = ["-is_active", "name", "id"]
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fingerprint"], name="one_trusted_root_per_province"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SealImage(models.Model):
    """The image of a body's seal (con dấu), printed over the visible digital signature
    of its electronic documents (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục I.3: "hình ảnh
    con dấu … trùm lên khoảng 1/3 chữ ký"). One active image per body; an administrator
    uploads it (PNG with a transparent background)."""

    body_key = models.CharField(_("cơ quan ban hành"), max_length=60)
    province = models.ForeignKey(
        "communes.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh")
    )
    png = models.BinaryField(editable=False)
    is_demo = models.BooleanField(_("hình dấu thử nghiệm"), default=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    uploaded_at = models.DateTimeField(_("lúc tải lên"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    class Meta:
        ordering = ["body_key", "-uploaded_at"]
        verbose_name = _("hình con dấu")
        verbose_name_plural = _("hình con dấu")
        constraints = [
            models.UniqueConstraint(
                fields=["body_key"], condition=models.Q(is_active=True), name="one_active_seal"
            )
        ]

    def __str__(self) -> str:
        return self.body_key


class SignedDocument(models.Model):
    """An issued document as it was signed (PAdES): signed once, kept, never changed. A
    change makes a new document (a correcting decision), signed in its turn.

    ``key`` names what was signed ("quyet-dinh:decision:12" for a province's decision,
    "quyet-dinh:dossier:40" for a dossier decided alone)."""

    key = models.CharField(max_length=80, unique=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="+", verbose_name=_("hồ sơ")
    )
    filename = models.CharField(_("tên tệp"), max_length=255)
    pdf = models.BinaryField(editable=False)
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    credential = models.ForeignKey(
        SigningCredential, on_delete=models.PROTECT, related_name="+", verbose_name=_("chứng thư")
    )
    signer_name = models.CharField(_("người ký"), max_length=120)
    timestamped = models.BooleanField(_("có dấu thời gian"), default=False)
    signed_at = models.DateTimeField(_("lúc ký"), default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện ký"),
    )

    class Meta:
        verbose_name = _("văn bản đã ký số")
        verbose_name_plural = _("văn bản đã ký số")

    def __str__(self) -> str:
        return self.filename

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A signed document is never changed: a change makes a new document.")
        super().save(*args, **kwargs)


class SigningFailure(models.Model):
    """The worker could not sign an issued decision (``key`` as :class:`SignedDocument`
    names it): when, and why. The decision's page says so instead of "being signed"; the
    row goes when the decision is handed to the worker again (a certificate uploaded
    signs what waits) or signed. The failure is also in the audit log."""

    key = models.CharField(max_length=80, unique=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="+", verbose_name=_("hồ sơ")
    )
    failed_at = models.DateTimeField(_("lúc ký không thành công"), default=timezone.now)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần ký số không thành công")
        verbose_name_plural = _("lần ký số không thành công")

    def __str__(self) -> str:
        return f"{self.key} {self.failed_at:%d/%m/%Y %H:%M}"
