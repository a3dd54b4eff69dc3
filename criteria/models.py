"""Criteria sets, dated assessments, recognitions and capital-construction debt.

Dates are the point: the award rules ask what a commune met at the baseline
(01/01/2021), at the mid-term review and at the review date. Assessments are
immutable dated rows; the state at a date is a query (see ``criteria.services``).
A correction writes a new row and links the old one to it (``replaced_by``):
the old row stays in the history and no longer counts.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.rules import LEVEL_LABELS

# The plan's baseline: "newly met since 2021" compares with the state on this date.
BASELINE_DATE = dt.date(2021, 1, 1)


def in_force_q(on: dt.date, prefix: str = "") -> models.Q:
    """Rows (of CriteriaSet, or reached through ``prefix``) whose period covers ``on``."""
    return (
        models.Q(**{f"{prefix}valid_from__isnull": True})
        | models.Q(**{f"{prefix}valid_from__lte": on})
    ) & (
        models.Q(**{f"{prefix}valid_to__isnull": True}) | models.Q(**{f"{prefix}valid_to__gte": on})
    )


class CriteriaSet(models.Model):
    """A national criteria set for communes (Bộ tiêu chí quốc gia về xã nông thôn mới).

    Sets follow each other in time: on any date at most one is in force, and an
    assessment belongs to the set in force on its date. ``valid_from`` empty means the
    set also covers every earlier assessment (the 2021–2025 set carries the 2020 reviews
    of the baseline, numbered as the 2016–2020 set numbered them).
    """

    code = models.SlugField(_("mã bộ tiêu chí"), max_length=40, unique=True)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    issued_on = models.DateField(_("ngày ban hành"))
    valid_from = models.DateField(
        _("áp dụng từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi đánh giá trước ngày hết hiệu lực."),
    )
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    income_criterion = models.PositiveSmallIntegerField(
        _("số của tiêu chí thu nhập"),
        null=True,
        blank=True,
        help_text=_("Để trống khi bộ tiêu chí không có tiêu chí thu nhập riêng."),
    )
    poverty_criterion = models.PositiveSmallIntegerField(
        _("số của tiêu chí nghèo"),
        null=True,
        blank=True,
        help_text=_("Để trống khi bộ tiêu chí không có tiêu chí nghèo riêng."),
    )
    is_demo = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = [models.F("valid_from").asc(nulls_first=True), "code"]
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        constraints = [
            models.CheckConstraint(
                name="criteria_set_period",
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.legal_basis})"

    def in_force_on(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    @property
    def period_label(self) -> str:
        """ "từ 15/02/2026", "đến 14/02/2026", "15/02/2026 – 31/12/2030"."""
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else ""
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else ""
        if start and end:
            return f"{start} – {end}"
        if start:
            return f"từ {start}"
        return f"đến {end}" if end else "không thời hạn"


class Criterion(models.Model):
    """Tiêu chí ``number`` of a criteria set.

    The pk is a plain id: the 19 criteria of Quyết định 318/QĐ-TTg kept the ids 1–19 they
    had when the number was the key (so every assessment still points at them); the
    criteria of later sets take new ids. Code that means "criterion 10 of the set" uses
    ``number`` with the set, never the id.
    """

    id = models.SmallAutoField(primary_key=True)
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        related_name="criteria",
        verbose_name=_("bộ tiêu chí"),
    )
    number = models.PositiveSmallIntegerField(_("số"))
    name = models.CharField(_("tên tiêu chí"), max_length=150)
    short_name = models.CharField(_("tên ngắn"), max_length=40)

    class Meta:
        ordering = ["criteria_set_id", "number"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CommuneGroupChoice(models.IntegerChoices):
    """Nhóm xã of Quyết định 51/2025/QĐ-TTg: each indicator has its level per group."""

    G1 = 1, _("Nhóm 1")
    G2 = 2, _("Nhóm 2")
    G3 = 3, _("Nhóm 3")


class Indicator(models.Model):
    """Chỉ tiêu ``code`` ("1.1") of a criterion, with its level (mức đạt) per commune group."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("tiêu chí")
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=12, help_text=_("Ví dụ: 1.1"))
    name = models.CharField(_("tên chỉ tiêu"), max_length=500)
    level_group1 = models.TextField(_("mức đạt — nhóm 1"), blank=True)
    level_group2 = models.TextField(_("mức đạt — nhóm 2"), blank=True)
    level_group3 = models.TextField(_("mức đạt — nhóm 3"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now=True)

    class Meta:
        ordering = ["criterion_id", "code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def sort_key(self) -> tuple[int, ...]:
        """ "1.10" after "1.9"."""
        return tuple(int(part) if part.isdigit() else 0 for part in self.code.split("."))

    def level_for(self, group: int) -> str:
        return {1: self.level_group1, 2: self.level_group2, 3: self.level_group3}.get(group, "")


class CommuneGroup(models.Model):
    """From ``valid_from`` to ``valid_to`` (inclusive) the commune was in nhóm ``group``."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="criteria_groups"
    )
    group = models.PositiveSmallIntegerField(_("nhóm xã"), choices=CommuneGroupChoice.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        ordering = ["commune_id", "valid_from"]
        verbose_name = _("nhóm xã")
        verbose_name_plural = _("nhóm xã")
        constraints = [
            models.UniqueConstraint(fields=["commune", "valid_from"], name="commune_group_once"),
            models.CheckConstraint(
                name="commune_group_period",
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id}: nhóm {self.group} {self.valid_from}–{self.valid_to or '…'}"


class Level(models.TextChoices):
    """Mức đạt chuẩn of a commune (its words are the rules core's: emulation.rules.types)."""

    NTM = "ntm", _(LEVEL_LABELS["ntm"])
    ADVANCED = "advanced", _(LEVEL_LABELS["advanced"])
    MODEL = "model", _(LEVEL_LABELS["model"])


# keyed by the stored value (a Level is a str), so a row's level looks up as it is
LEVEL_RANK: dict[str, int] = {Level.NTM: 1, Level.ADVANCED: 2, Level.MODEL: 3}


class Assessment(models.Model):
    """From ``assessed_on``, ``commune`` met (or did not meet) ``criterion``."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="assessments"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("ngày đánh giá"))
    met = models.BooleanField(_("đạt"))
    note = models.TextField(_("căn cứ, ghi chú"), blank=True)
    evidence = models.FileField(_("tệp minh chứng"), upload_to="evidence/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("được đính chính bởi"),
    )

    class Meta:
        ordering = ["commune_id", "criterion_id", "assessed_on", "id"]
        verbose_name = _("đánh giá tiêu chí")
        verbose_name_plural = _("đánh giá tiêu chí")
        indexes = [
            # state_on(communes, date): latest live row per (commune, criterion) with
            # assessed_on <= date.
            models.Index(
                fields=["commune", "criterion", "-assessed_on", "-id"],
                name="assessment_state_idx",
                condition=models.Q(replaced_by__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} TC{self.criterion_id} {self.assessed_on}: {self.met}"


class CriteriaStateSpan(models.Model):
    """Derived, never written by the app: the criteria a commune met from ``valid_from``
    up to (not including) ``valid_to``, for the criteria of one set, as a bitmask of their
    numbers (bit n = criterion n met).

    PostgreSQL keeps it in step with the live assessments by triggers (migration
    ``criteria_state_spans``): every INSERT, UPDATE or DELETE of assessments, COPY
    included, rebuilds the spans of the communes it touched, in the same statement's
    transaction; renumbering or moving a criterion rebuilds those of its communes. It
    lets ``criteria_met_on`` read one row per commune and set at any date instead of one
    index probe per (commune, criterion). Other databases do not use it.
    """

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True)
    met_mask = models.BigIntegerField()

    class Meta:
        default_permissions = ()
        indexes = [
            models.Index(fields=["commune", "valid_from"], name="criteria_state_span_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.valid_from}–{self.valid_to or ''}: {self.met_mask:b}"


class Recognition(models.Model):
    """A decision recognising a commune at a level (NTM / nâng cao / kiểu mẫu)."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.PROTECT, related_name="recognitions"
    )
    level = models.CharField(_("mức đạt chuẩn"), max_length=10, choices=Level.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=150, default="UBND tỉnh")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commune_id", "decision_date"]
        verbose_name = _("công nhận xã đạt chuẩn")
        verbose_name_plural = _("công nhận xã đạt chuẩn")
        constraints = [
            models.UniqueConstraint(fields=["commune", "level"], name="recognition_once_per_level")
        ]
        # dashboard: recognitions per year and level
        indexes = [models.Index(fields=["level", "decision_date"], name="recognition_year_idx")]

    def __str__(self) -> str:
        return f"{self.commune} — {self.get_level_display()} ({self.decision_date:%d/%m/%Y})"

    @property
    def year(self) -> int:
        return self.decision_date.year


class VillageRecognition(models.Model):
    """A village (thôn) recognised as reaching NTM."""

    village = models.OneToOneField(
        "communes.Village", on_delete=models.PROTECT, related_name="recognition"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"), db_index=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=150, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decision_date"]
        verbose_name = _("công nhận thôn đạt chuẩn")
        verbose_name_plural = _("công nhận thôn đạt chuẩn")

    def __str__(self) -> str:
        return f"{self.village} — NTM ({self.decision_date:%d/%m/%Y})"


class DistrictRecognition(models.Model):
    """A district-level unit recognised as having completed NTM (hoàn thành / đạt chuẩn)."""

    district = models.OneToOneField(
        "communes.District", on_delete=models.PROTECT, related_name="recognition"
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_body = models.CharField(
        _("cơ quan ban hành"), max_length=150, default="Thủ tướng Chính phủ"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("công nhận huyện hoàn thành NTM")
        verbose_name_plural = _("công nhận huyện hoàn thành NTM")

    def __str__(self) -> str:
        return f"{self.district} — hoàn thành NTM ({self.decision_date:%d/%m/%Y})"

    @property
    def year(self) -> int:
        return self.decision_date.year


class CapitalDebt(models.Model):
    """Whether a commune or a district had capital-construction debt (nợ đọng XDCB) in a year."""

    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, null=True, blank=True, related_name="debts"
    )
    district = models.ForeignKey(
        "communes.District", on_delete=models.CASCADE, null=True, blank=True, related_name="debts"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    has_debt = models.BooleanField(_("có nợ đọng XDCB"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nợ đọng xây dựng cơ bản")
        verbose_name_plural = _("nợ đọng xây dựng cơ bản")
        constraints = [
            models.CheckConstraint(
                name="debt_one_unit",
                condition=(models.Q(commune__isnull=False) & models.Q(district__isnull=True))
                | (models.Q(commune__isnull=True) & models.Q(district__isnull=False)),
            ),
            models.UniqueConstraint(fields=["commune", "year"], name="debt_commune_year"),
            models.UniqueConstraint(fields=["district", "year"], name="debt_district_year"),
        ]

    def __str__(self) -> str:
        unit = self.commune_id or self.district_id
        return f"{unit} {self.year}: {'có' if self.has_debt else 'không'} nợ đọng XDCB"
