"""Users, their roles and scopes, and the provincial agencies that may propose awards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.permissions import has_perm as predicate_says
from rules.permissions import perm_exists as is_app_permission

from .provinces import in_provinces, installation_provinces


def _model(name: str) -> Any:
    """A unit model (``communes``, a layer above: looked up, never imported)."""
    return django_apps.get_model("communes", name)


class AgencyQuerySet(models.QuerySet):
    def of_installation(self) -> AgencyQuerySet:
        """The bodies of the installation's province and its lineage (Bắc Kạn's and the
        merged Thái Nguyên's), not another province's sharing the database."""
        return self.filter(in_provinces("province_id", installation_provinces()))


class Agency(models.Model):
    """Cơ quan, đơn vị cấp tỉnh: a provincial agency, the Front or a union.

    It may propose awards at a plan's sơ kết and tổng kết rounds.
    """

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên cơ quan, đơn vị"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    under_province_committee = models.BooleanField(
        _("trực thuộc UBND tỉnh"),
        default=True,
        help_text=_(
            "Văn bản của cơ quan ghi “UBND TỈNH …” ở dòng trên tên cơ quan (sở, ban, ngành). "
            "Bỏ chọn cho Mặt trận, đoàn thể."
        ),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # A body's life: a body dissolved or merged in a reorganisation (2025: Sở Nông nghiệp
    # và Phát triển nông thôn into Sở Nông nghiệp và Môi trường) neither proposes nor is
    # commended after ``valid_to`` (Thông tư 15/2025/TT-BNV); its archive stays readable.
    valid_from = models.DateField(_("thành lập từ ngày"), null=True, blank=True)
    valid_to = models.DateField(
        _("giải thể, hợp nhất từ sau ngày"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng cơ quan còn hoạt động; để trống nếu đang hoạt động."),
    )
    dissolution_basis = models.CharField(_("căn cứ giải thể, hợp nhất"), max_length=255, blank=True)
    # The province whose body it is (several provinces may share one database): its
    # installation offers it in the agency choices; save() fills the installation's.
    province = models.ForeignKey(
        "communes.Province",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )

    objects: AgencyQuerySet = AgencyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan, đơn vị cấp tỉnh")
        verbose_name_plural = _("cơ quan, đơn vị cấp tỉnh")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.province_id:
            if _model("Province").objects.filter(pk=settings.PROVINCE_CODE).exists():
                self.province_id = settings.PROVINCE_CODE
        super().save(*args, **kwargs)

    def valid_on(self, date: dt.date) -> bool:
        """Whether the body exists on ``date`` (its validity; ``is_active`` aside)."""
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )


class Role(models.TextChoices):
    DISTRICT = "district", _("Cán bộ cấp huyện")
    # From 1/7/2025 (two-level local government) the commune-level UBND proposes.
    COMMUNE = "commune", _("Cán bộ UBND cấp xã")
    AGENCY = "agency", _("Cán bộ cơ quan, đơn vị cấp tỉnh")
    REVIEWER = "reviewer", _("Ban Thi đua - Khen thưởng (thẩm định)")
    APPRAISER = "appraiser", _("Văn phòng Điều phối NTM tỉnh")
    ADMIN = "admin", _("Quản trị hệ thống")


class User(AbstractUser):
    """A user of the app with one role and, for district and agency staff, one scope."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, db_index=True)
    district = models.ForeignKey(
        "communes.District",
        verbose_name=_("huyện / thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    commune = models.ForeignKey(
        "communes.Commune",
        verbose_name=_("xã / phường"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan, đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    # The province whose installation the account belongs to (several provinces may share
    # one database). Never empty (constraint user_province_set; only a superuser, who
    # operates the whole database, may have none): save() fills it with the district's or
    # commune's province, else the installation's (PROVINCE_CODE). District and commune
    # staff belong to their unit's province whatever this says.
    province = models.ForeignKey(
        "communes.Province",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    is_demo = models.BooleanField(_("tài khoản thử nghiệm"), default=False)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.CheckConstraint(
                name="user_district_scope",
                condition=~models.Q(role=Role.DISTRICT) | models.Q(district__isnull=False),
                violation_error_message=_("Cán bộ cấp huyện phải gắn với một huyện / thành phố."),
            ),
            models.CheckConstraint(
                name="user_commune_scope",
                condition=~models.Q(role=Role.COMMUNE) | models.Q(commune__isnull=False),
                violation_error_message=_("Cán bộ cấp xã phải gắn với một xã / phường."),
            ),
            models.CheckConstraint(
                name="user_province_set",
                condition=models.Q(province__isnull=False) | models.Q(is_superuser=True),
                violation_error_message=_("Tài khoản phải thuộc một tỉnh."),
            ),
            models.CheckConstraint(
                name="user_agency_scope",
                condition=~models.Q(role=Role.AGENCY) | models.Q(agency__isnull=False),
                violation_error_message=_("Cán bộ cơ quan phải gắn với một cơ quan, đơn vị."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.province_id:
            self.province_id = self.home_province()
        super().save(*args, **kwargs)

    def home_province(self) -> str | None:
        """The province an account belongs to when none is set: its district's or
        commune's, else the installation's (None only for a superuser created before
        any unit is loaded)."""
        if self.district_id:
            return (
                _model("District")
                .objects.values_list("province_id", flat=True)
                .get(pk=self.district_id)
            )
        if self.commune_id:
            province = (
                _model("Commune")
                .objects.values_list("province_id", flat=True)
                .filter(pk=self.commune_id)
                .first()
            )
            if province:
                return province
        if _model("Province").objects.filter(pk=settings.PROVINCE_CODE).exists():
            return settings.PROVINCE_CODE
        return None

    def belongs_to_installation(self) -> bool:
        """Whether the account may sign in to this installation (``PROVINCE_CODE`` and
        its lineage: :func:`emulation.provinces.installation_provinces`).

        A superuser operates the whole database. District and commune staff belong to
        their unit's province; everybody else to ``province`` (never empty).
        """
        if self.is_superuser:
            return True
        province: str | None
        if self.district_id:
            assert self.district is not None
            province = self.district.province_id
        elif self.commune_id:
            assert self.commune is not None
            province = self.commune.province_id
        else:
            province = self.province_id
        if province is None:
            return False
        # the installation's own province needs no look-up of the lineage
        if province == settings.PROVINCE_CODE:
            return True
        return province in installation_provinces()

    def has_perm(self, perm: str, obj=None) -> bool:
        """The app's permissions (registered with ``rules`` by each app's
        ``permissions.py``) are their predicates' answer, for a superuser too: in the app a
        superuser is an administrator, not every role at once. Django's model permissions
        (the Django admin's) keep Django's rules: a superuser holds them all."""
        if is_app_permission(perm):
            return predicate_says(perm, self, obj)
        return super().has_perm(perm, obj)

    # the roles as properties, for the permission predicates (emulation/permissions.py)
    @property
    def is_district_staff(self) -> bool:
        return self.role == Role.DISTRICT

    @property
    def is_commune_staff(self) -> bool:
        return self.role == Role.COMMUNE

    @property
    def is_agency_staff(self) -> bool:
        return self.role == Role.AGENCY

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    @property
    def is_appraiser(self) -> bool:
        return self.role == Role.APPRAISER

    @property
    def is_app_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_provincial(self) -> bool:
        """Reviewers, appraisers and admins see the whole province."""
        return self.role in {Role.REVIEWER, Role.APPRAISER, Role.ADMIN} or self.is_superuser

    @property
    def scope_label(self) -> str:
        if self.role == Role.DISTRICT and self.district_id:
            return str(self.district)
        if self.role == Role.COMMUNE and self.commune_id:
            return str(self.commune)
        if self.role == Role.AGENCY and self.agency_id:
            return str(self.agency)
        return str(_("Toàn tỉnh"))


class RoundKind(models.TextChoices):
    """The three kinds of round of III.2.2 (the rules core's :class:`Round`)."""

    ANNUAL = "annual", _("Hàng năm")
    MIDTERM = "midterm", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class PlanQuerySet(models.QuerySet["Plan"]):
    def ordered_for(self, province: str, year: int, family: Collection[str] = ()) -> PlanQuerySet:
        """All plans, the one a province's page of ``year`` reads first: the plan of the
        province or of its lineage (``family``: the merged Thái Nguyên for Bắc Kạn and
        back) whose period holds the year (the province's own first), else its latest
        plan begun by then, else its earliest; then other provinces' likewise."""
        keys = sorted({province, *family})
        return self.annotate(
            _other=models.Case(
                models.When(province_id__in=keys, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            ),
            _fit=models.Case(
                models.When(first_year__lte=year, last_year__gte=year, then=models.Value(0)),
                models.When(first_year__lte=year, then=models.Value(1)),
                default=models.Value(2),
                output_field=models.IntegerField(),
            ),
            _own=models.Case(
                models.When(province_id=province, then=models.Value(0)),
                default=models.Value(1),
                output_field=models.IntegerField(),
            ),
        ).order_by("_other", "_fit", "_own", "-first_year", "code")


class Plan(models.Model):
    """A plan of the emulation movement (kế hoạch tổ chức thực hiện Phong trào thi đua):
    who issued it, its period and province, the criteria set it reads, its rounds
    (:class:`PlanRound`), rule sets (:class:`RuleSet`) and targets (:class:`PlanTarget`).

    A plan is data: ``manage.py export_plan`` prints one as JSON, ``load_plan`` loads one
    (docs/plan.schema.json). ``emulation.plans`` selects them and gives the rules core its
    :class:`emulation.rules.PlanSpec`.
    """

    code = models.SlugField(_("mã kế hoạch"), max_length=60, unique=True)
    name = models.CharField(_("tên kế hoạch"), max_length=400)
    movement = models.CharField(_("tên phong trào thi đua"), max_length=255)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    number = models.CharField(_("số kế hoạch"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    # No database constraint: a plan may be loaded (the migration loads Bắc Kạn's) before
    # the unit list; load_plan checks that the province exists.
    province = models.ForeignKey(
        "communes.Province",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="plans",
        verbose_name=_("tỉnh"),
    )
    first_year = models.PositiveSmallIntegerField(_("năm đầu giai đoạn"))
    last_year = models.PositiveSmallIntegerField(_("năm cuối giai đoạn"))
    criteria_set = models.CharField(
        _("bộ tiêu chí"),
        max_length=40,
        help_text=_("Mã bộ tiêu chí quốc gia, ví dụ qd-318-2022 (Quyết định 318/QĐ-TTg)."),
    )
    # The set's criteria (their numbers, its income and poverty criteria) are read from
    # the set (criteria.CriteriaSet, a layer above, registered in emulation.plans).
    baseline_date = models.DateField(
        _("mốc so sánh “đạt mới”"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày mà tiêu chí “đạt mới” được tính từ đó (Bắc Kạn 2021 - 2025: 01/01/2021). "
            "Để trống: ngày 01/01 của năm đầu giai đoạn."
        ),
    )
    is_demo = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    notes = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["province_id", "first_year", "code"]
        verbose_name = _("kế hoạch thi đua")
        verbose_name_plural = _("kế hoạch thi đua")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")),
                name="plan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.movement} ({self.first_year} - {self.last_year})"


class PlanRound(models.Model):
    """One round of a plan: annual (one per year of the period), sơ kết or tổng kết."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("kế hoạch")
    )
    kind = models.CharField(_("loại đợt"), max_length=10, choices=RoundKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    review_date = models.DateField(
        _("ngày có văn bản chỉ đạo tổ chức sơ kết/tổng kết"), null=True, blank=True
    )
    opens_on = models.DateField(_("nhận hồ sơ từ ngày"), null=True, blank=True)
    closes_on = models.DateField(_("nhận hồ sơ đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "year", "kind"]
        verbose_name = _("đợt khen thưởng")
        verbose_name_plural = _("đợt khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "year"], name="plan_round_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "Hàng năm 2024", "Sơ kết (2023)": formatted from the kind and the year."""
        if self.kind == RoundKind.ANNUAL:
            return f"{RoundKind(self.kind).label} {self.year}"
        return f"{RoundKind(self.kind).label} ({self.year})"


class PlanRoundTitle(models.Model):
    """A title a round offers (the rules core's Title value) and the nominee kinds it
    admits (dossiers.kinds.NomineeKind values; checked by the plan loader)."""

    round = models.ForeignKey(
        PlanRound, on_delete=models.CASCADE, related_name="titles", verbose_name=_("đợt")
    )
    title = models.CharField(_("danh hiệu"), max_length=40)
    kinds = models.JSONField(_("loại đối tượng"), default=list)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["round_id", "position", "id"]
        verbose_name = _("danh hiệu của đợt")
        verbose_name_plural = _("danh hiệu của đợt")
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="plan_round_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class StatePlan(models.Model):
    """A national plan of the movement (the Thủ tướng Chính phủ's Kế hoạch tổ chức thực
    hiện Phong trào thi đua "Cả nước chung sức xây dựng nông thôn mới": Quyết định
    587/QĐ-TTg for 2021–2025), whose standards govern the state-level awards a province
    proposes (III.2.1 of Bắc Kạn's plan). Data an administrator enters, like a province's
    plan; its award standards are :class:`StateAwardStandard` rows."""

    code = models.SlugField(_("mã kế hoạch"), max_length=60, unique=True)
    name = models.CharField(_("tên kế hoạch"), max_length=400)
    number = models.CharField(_("số văn bản ban hành"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    first_year = models.PositiveSmallIntegerField(_("năm đầu giai đoạn"))
    last_year = models.PositiveSmallIntegerField(_("năm cuối giai đoạn"))
    notes = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-first_year", "code"]
        verbose_name = _("kế hoạch thi đua cấp Nhà nước")
        verbose_name_plural = _("kế hoạch thi đua cấp Nhà nước")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")),
                name="state_plan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class StateAwardStandard(models.Model):
    """One award of a national plan (Bằng khen của Thủ tướng Chính phủ, Cờ thi đua của
    Chính phủ …): who awards it, the nominee kinds it admits, its standard as the plan
    words it, the clause, and whether an administrator has checked it against the text."""

    plan = models.ForeignKey(
        StatePlan, on_delete=models.CASCADE, related_name="standards", verbose_name=_("kế hoạch")
    )
    award = models.CharField(_("hình thức khen thưởng"), max_length=255)
    authority = models.CharField(_("cấp quyết định khen thưởng"), max_length=255)
    kinds = models.JSONField(_("loại đối tượng"), default=list, blank=True)
    standard = models.TextField(_("tiêu chuẩn"))
    clause = models.CharField(_("căn cứ (mục, điểm)"), max_length=255, blank=True)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi tiêu chuẩn chưa được đối chiếu với văn bản gốc."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("tiêu chuẩn khen thưởng cấp Nhà nước")
        verbose_name_plural = _("tiêu chuẩn khen thưởng cấp Nhà nước")

    def __str__(self) -> str:
        return self.award


class PlanTarget(models.Model):
    """A yearly target of the plan (section I.1), for the province or one district.

    ``district`` empty = the province's target. Counts are additions in that year.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kế hoạch")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    district = models.ForeignKey(
        "communes.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("huyện / thành phố"),
    )
    ntm_communes_added = models.PositiveSmallIntegerField(
        _("xã đạt chuẩn NTM tăng thêm"), default=0
    )
    advanced_communes_added = models.PositiveSmallIntegerField(
        _("xã đạt NTM nâng cao tăng thêm"), default=0
    )
    model_communes_added = models.PositiveSmallIntegerField(
        _("xã đạt NTM kiểu mẫu tăng thêm"), default=0
    )
    villages_added = models.PositiveSmallIntegerField(
        _("thôn (xã ĐBKK ngoài lộ trình) đạt chuẩn tăng thêm"), default=0
    )
    mean_criteria = models.DecimalField(
        _("bình quân tiêu chí / xã"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    districts_completed = models.ManyToManyField(
        "communes.District",
        blank=True,
        related_name="completion_targets",
        verbose_name=_("đơn vị cấp huyện đạt chuẩn NTM"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "emulation.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # raised by each save: a form opened on an older version is refused (as dossiers are)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year"]
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                condition=models.Q(district__isnull=True),
                name="target_province_year",
            ),
            models.UniqueConstraint(
                fields=["plan", "year", "district"], name="target_district_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Chỉ tiêu {self.year} — {self.district or 'toàn tỉnh'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.plan_id is None:  # the plan of the installation's province for the year
            plan = Plan.objects.ordered_for(settings.PROVINCE_CODE, self.year).first()
            self.plan_id = plan.pk if plan else None
        super().save(*args, **kwargs)


class RuleSetQuerySet(models.QuerySet["RuleSet"]):
    """Rule-set versions are never rewritten, on any database: bulk writes are refused
    here (the model refuses save() of a stored row and delete(); PostgreSQL and SQLite
    triggers refuse the SQL itself)."""

    def update(self, **kwargs):
        raise ValueError("Không sửa phiên bản đã lưu: hãy tạo phiên bản mới.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ValueError("Không sửa phiên bản đã lưu: hãy tạo phiên bản mới.")

    def delete(self):
        raise ValueError("Không xoá phiên bản bộ tiêu chuẩn: lịch sử phải được giữ.")

    delete.queryset_only = True  # type: ignore[attr-defined]


class RuleSet(models.Model):
    """One version of the award standards' values (thresholds and readings of III.2.2).

    Versions are never rewritten: an admin's change is a new row with the next version
    number, its effective date, who made it and why. The rule set in force on a date is
    the one with the latest ``effective_from`` on or before it (ties: the higher
    version). Version 1 holds the plan's values (data migration).
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="rulesets", verbose_name=_("kế hoạch")
    )
    version = models.PositiveIntegerField(_("phiên bản"))
    effective_from = models.DateField(_("áp dụng từ ngày"))
    values = models.JSONField(_("giá trị"))
    reason = models.TextField(_("lý do thay đổi"))
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sửa từ phiên bản"),
    )
    created_by = models.ForeignKey(
        "emulation.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thay đổi"),
    )
    created_at = models.DateTimeField(_("thời điểm thay đổi"), auto_now_add=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("bộ tiêu chuẩn khen thưởng")
        verbose_name_plural = _("bộ tiêu chuẩn khen thưởng")
        # ruleset_in_force: WHERE effective_from <= %s ORDER BY effective_from DESC, version DESC
        indexes = [
            models.Index(
                fields=["plan", "-effective_from", "-version"], name="ruleset_in_force_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="ruleset_plan_version"),
        ]

    def __str__(self) -> str:
        return f"Phiên bản {self.version} (từ {self.effective_from:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Không sửa phiên bản đã lưu: hãy tạo phiên bản mới.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Không xoá phiên bản bộ tiêu chuẩn: lịch sử phải được giữ.")


class AuditEntry(models.Model):
    """One write a decision rests on: who, when, what, before → after, and why.

    Written by :func:`emulation.audit.log_action` inside the transaction of the write,
    never edited (on PostgreSQL a trigger refuses UPDATE and DELETE). The object is
    named by content type and id, and by a label taken at write time so that the line
    still reads when the object is gone. ``before`` and ``after`` hold only the fields
    an update changed (a creation has no ``before``); ``details`` holds what is not a
    field (counts of an import, the lines of a dossier's history).
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        "emulation.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
        help_text=_("Trống: lệnh quản trị chạy trên máy chủ."),
    )
    action = models.CharField(_("việc"), max_length=60)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("loại đối tượng"),
        db_index=False,  # audit_province_object below leads the page's object filter
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_label = models.CharField(_("đối tượng"), max_length=255)
    before = models.JSONField(_("trước"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("sau"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("lý do"), blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=2)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        indexes = [
            # the log page: WHERE province_code = ? [AND at >= ? AND at < ?]
            # ORDER BY at DESC, id DESC (the "when" index: every read names the province)
            models.Index(fields=["province_code", "-at", "-id"], name="audit_province_at"),
            # filtered by object: ... AND content_type_id = ? [AND object_id = ?] ORDER BY at
            models.Index(
                fields=["province_code", "content_type", "object_id", "-at", "-id"],
                name="audit_province_object",
            ),
            # filtered by user: ... AND actor_id = ? ORDER BY at DESC, id DESC
            models.Index(
                fields=["province_code", "actor", "-at", "-id"], name="audit_province_actor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Nhật ký thay đổi không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Nhật ký thay đổi không được xoá.")
