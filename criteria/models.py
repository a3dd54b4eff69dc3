"""The 19 criteria, dated assessments, recognitions and capital-construction debt.

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

INCOME = 10  # Tiêu chí 10: Thu nhập
POVERTY = 11  # Tiêu chí 11: Nghèo đa chiều (the plan says "Hộ nghèo")


class Criterion(models.Model):
    """Tiêu chí of the national set (Quyết định 318/QĐ-TTg ngày 08/3/2022)."""

    number = models.PositiveSmallIntegerField(_("số"), primary_key=True)
    name = models.CharField(_("tên tiêu chí"), max_length=150)
    short_name = models.CharField(_("tên ngắn"), max_length=40)

    class Meta:
        ordering = ["number"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


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
