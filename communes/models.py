"""Administrative units: province, district-level unit, commune-level unit, village.

Official codes (mã đơn vị hành chính of the General Statistics Office) are the
natural keys. A commune-level unit's kind (xã / phường / thị trấn) has dates,
because units change kind during the plan (Vân Tùng became a thị trấn on 10/4/2023):
a year's counts use that year's units.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.text import fold


class Province(models.Model):
    """Tỉnh."""

    code = models.CharField(_("mã tỉnh"), max_length=2, primary_key=True)
    name = models.CharField(_("tên"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")

    def __str__(self) -> str:
        return f"Tỉnh {self.name}"


class DistrictKind(models.TextChoices):
    HUYEN = "huyen", _("Huyện")
    THANH_PHO = "thanh_pho", _("Thành phố")
    THI_XA = "thi_xa", _("Thị xã")


class District(models.Model):
    """Đơn vị hành chính cấp huyện (huyện / thành phố / thị xã)."""

    code = models.CharField(_("mã huyện"), max_length=3, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("tỉnh")
    )
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=12, choices=DistrictKind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("huyện / thành phố")
        verbose_name_plural = _("huyện / thành phố")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def people_committee(self) -> str:
        """ "UBND huyện Bạch Thông" — the proposing level's name in documents."""
        return f"UBND {self.get_kind_display().lower()} {self.name}"


class CommuneKind(models.TextChoices):
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")


class Commune(models.Model):
    """Đơn vị hành chính cấp xã: xã, phường or thị trấn.

    ``kind`` is the kind today; ``kind_periods`` hold the dated history and
    answer "what was it on date d" (see :meth:`kind_on`).
    """

    code = models.CharField(_("mã xã"), max_length=5, primary_key=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="communes", verbose_name=_("huyện")
    )
    name = models.CharField(_("tên"), max_length=100, help_text=_("Không kèm “Xã”, “Phường”."))
    kind = models.CharField(_("loại hiện nay"), max_length=10, choices=CommuneKind.choices)
    extremely_difficult = models.BooleanField(
        _("xã đặc biệt khó khăn (ĐBKK)"), default=False, db_index=True
    )
    on_roadmap = models.BooleanField(_("trong lộ trình đạt NTM 2021–2025"), default=False)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        ordering = ["district_id", "code"]
        verbose_name = _("xã / phường / thị trấn")
        verbose_name_plural = _("xã / phường / thị trấn")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(f"{self.name} {self.get_kind_display()}")
        super().save(*args, **kwargs)

    def kind_on(self, date: dt.date) -> str:
        """The unit's kind on ``date`` (uses prefetched ``kind_periods`` when present)."""
        for period in self.kind_periods.all():
            if period.valid_from <= date and (period.valid_to is None or date <= period.valid_to):
                return period.kind
        return self.kind

    def label_on(self, date: dt.date) -> str:
        return f"{CommuneKind(self.kind_on(date)).label} {self.name}"


class CommuneKindPeriod(models.Model):
    """A commune-level unit was of ``kind`` from ``valid_from`` to ``valid_to`` (inclusive)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="kind_periods")
    kind = models.CharField(_("loại"), max_length=10, choices=CommuneKind.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["commune_id", "valid_from"]
        verbose_name = _("thời kỳ loại đơn vị")
        verbose_name_plural = _("thời kỳ loại đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["commune", "valid_from"], name="kind_period_unique"),
        ]
        # kinds_on(date): WHERE valid_from <= d AND (valid_to IS NULL OR valid_to >= d)
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="kind_period_dates")]

    def __str__(self) -> str:
        return f"{self.commune_id}: {self.kind} {self.valid_from}–{self.valid_to or '…'}"


class Village(models.Model):
    """Thôn (bản, tổ dân phố) of a commune-level unit. No public list exists: imported."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="villages", verbose_name=_("xã")
    )
    name = models.CharField(_("tên thôn"), max_length=100)
    extremely_difficult = models.BooleanField(_("thôn đặc biệt khó khăn (ĐBKK)"), default=False)
    is_demo = models.BooleanField(_("dữ liệu thử nghiệm"), default=False)
    search_name = models.CharField(max_length=120, editable=False)

    class Meta:
        ordering = ["commune_id", "name"]
        verbose_name = _("thôn")
        verbose_name_plural = _("thôn")
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="village_unique_name"),
        ]

    def __str__(self) -> str:
        return f"Thôn {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)
