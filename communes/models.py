"""Administrative units: province, district-level unit, commune-level unit, village.

Every unit has a period of validity: ``valid_from`` (None: before our records) to
``valid_to`` (None: still valid; inclusive). An official code (mã đơn vị hành chính of
the General Statistics Office) names a unit only together with a date: on 1/7/2025 new
units took codes of other, abolished ones (01864 was Xã Bộc Bố until 30/6/2025 and is
Xã Bằng Thành from 1/7/2025). Provinces and commune-level units are therefore keyed by an
internal ``key``: the code itself for the first unit that held it, ``"{code}-{yyyymmdd}"``
(the new unit's first day) for a later one; look a unit up by its official code with
``communes.selectors.commune_by_code(code, on=date)``. District codes are never reused
(the district level was abolished on 1/7/2025), so a district keeps its code as key.
Mergers and splits are :class:`UnitChange` rows (predecessor → successor).

A commune-level unit's kind (xã / phường / thị trấn) has dates, because units change
kind during the plan (Vân Tùng became a thị trấn on 10/4/2023): a year's counts use
that year's units.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from emulation.text import fold

KEY_MAX_LENGTH = 16


def unit_key(code: str, valid_from: dt.date | None, valid_to: dt.date | None = None) -> str:
    """The internal key of a unit whose official ``code`` is already held by another unit:
    ``"01864-20250701"`` (its first day); a unit without a first day, ``"19-d20250630"``
    (its last day)."""
    if valid_from is not None:
        return f"{code}-{valid_from:%Y%m%d}"
    if valid_to is not None:
        return f"{code}-d{valid_to:%Y%m%d}"
    raise ValueError(f"Mã “{code}” đã có đơn vị dùng; đơn vị mới phải có ngày hiệu lực.")


def valid_on_q(on: dt.date, prefix: str = "") -> Q:
    """``Q`` of the rows valid on ``on`` (``prefix``: ``"commune__"`` to go through a FK)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def valid_during_q(start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """``Q`` of the rows valid on at least one day from ``start`` to ``end``."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": end})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": start})
    )


def people_committee_name(kind_label: object, name: str) -> str:
    """ "UBND huyện Bạch Thông": a unit's Ủy ban nhân dân by its proper name, Vietnamese
    whatever the interface language (an English screen shows "UBND huyện Bạch Thông",
    not "UBND district Bạch Thông")."""
    with translation.override("vi"):
        return f"UBND {str(kind_label).lower()} {name}"


class ValidityMixin(models.Model):
    """``valid_from`` / ``valid_to`` (inclusive); None: open on that side."""

    valid_from = models.DateField(
        _("hiệu lực từ ngày"),
        null=True,
        blank=True,
        help_text=_("Trống: trước dữ liệu của hệ thống."),
    )
    valid_to = models.DateField(
        _("hiệu lực đến ngày"), null=True, blank=True, help_text=_("Trống: còn hiệu lực.")
    )

    class Meta:
        abstract = True

    def valid_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_to is None or date <= self.valid_to
        )


class Province(ValidityMixin):
    """Tỉnh. ``key`` is the internal key, ``code`` the official code (see the module doc)."""

    key = models.CharField(_("khóa"), max_length=KEY_MAX_LENGTH, primary_key=True)
    code = models.CharField(_("mã tỉnh"), max_length=2)
    name = models.CharField(_("tên"), max_length=100)

    class Meta:
        ordering = ["code", "valid_from"]
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="province_code_from"),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_from__isnull=True),
                name="province_code_from_null",
            ),
        ]

    def __str__(self) -> str:
        return f"Tỉnh {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.key:
            self.key = self.code
        if not self.code:
            self.code = self.key[:2]
        super().save(*args, **kwargs)


class DistrictKind(models.TextChoices):
    HUYEN = "huyen", _("Huyện")
    THANH_PHO = "thanh_pho", _("Thành phố")
    THI_XA = "thi_xa", _("Thị xã")


class District(ValidityMixin):
    """Đơn vị hành chính cấp huyện (huyện / thành phố / thị xã); none from 1/7/2025.

    District codes are not reused, so ``code`` stays the key."""

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
        return people_committee_name(
            dict(DistrictKind.choices).get(self.kind, self.kind), self.name
        )


class CommuneKind(models.TextChoices):
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")


class Commune(ValidityMixin):
    """Đơn vị hành chính cấp xã: xã, phường or thị trấn.

    ``key`` is the internal key (what foreign keys and URLs carry), ``code`` the official
    code, unique only together with the period (see the module doc and :meth:`key_for`).
    ``district`` is None for units of the two-level government (from 1/7/2025);
    ``province`` is always set. ``kind`` is the kind today (or on the unit's last day);
    ``kind_periods`` hold the dated history and answer "what was it on date d"
    (see :meth:`kind_on`).
    """

    key = models.CharField(_("khóa"), max_length=KEY_MAX_LENGTH, primary_key=True)
    code = models.CharField(_("mã xã"), max_length=5)  # indexed by commune_code_from
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("huyện"),
        null=True,
        blank=True,
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("tỉnh"),
        null=True,
        blank=True,
    )
    name = models.CharField(_("tên"), max_length=100, help_text=_("Không kèm “Xã”, “Phường”."))
    kind = models.CharField(_("loại hiện nay"), max_length=10, choices=CommuneKind.choices)
    extremely_difficult = models.BooleanField(
        _("xã đặc biệt khó khăn (ĐBKK)"), default=False, db_index=True
    )
    on_roadmap = models.BooleanField(_("trong lộ trình đạt NTM 2021–2025"), default=False)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        ordering = ["district_id", "code", "valid_from"]
        verbose_name = _("xã / phường / thị trấn")
        verbose_name_plural = _("xã / phường / thị trấn")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="commune_code_from"),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_from__isnull=True),
                name="commune_code_from_null",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.key:
            self.key = self.key_for(self.code, self.valid_from, self.valid_to)
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """Set the fields made from others (code from key, province from district, the
        folded search name), as ``save`` does: a bulk write calls it on each row."""
        if not self.code:
            self.code = self.key[:5]
        if self.province_id is None and self.district is not None:
            self.province_id = self.district.province_id
        self.search_name = fold(f"{self.name} {self.get_kind_display()}")

    @classmethod
    def key_for(cls, code: str, valid_from: dt.date | None, valid_to: dt.date | None = None) -> str:
        """The key a new unit with ``code`` gets: the code while no other unit holds it."""
        if not cls.objects.filter(key=code).exists():
            return code
        return unit_key(code, valid_from, valid_to)

    def kind_on(self, date: dt.date) -> str:
        """The unit's kind on ``date`` (uses prefetched ``kind_periods`` when present)."""
        for period in self.kind_periods.all():
            if period.valid_from <= date and (period.valid_to is None or date <= period.valid_to):
                return period.kind
        return self.kind

    def label_on(self, date: dt.date) -> str:
        return f"{CommuneKind(self.kind_on(date)).label} {self.name}"

    @property
    def people_committee(self) -> str:
        """ "UBND xã Bằng Thành" — a commune-level unit reporting (from 1/7/2025)."""
        return people_committee_name(dict(CommuneKind.choices).get(self.kind, self.kind), self.name)


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


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class UnitChange(models.Model):
    """One (predecessor → successor) pair of a reorganisation (sắp xếp đơn vị hành chính).

    A merger of three units is three rows; a unit split between two new ones is two rows
    with ``whole`` False. For provinces, a predecessor may be named by code and name alone
    (``predecessor_code`` / ``predecessor_name``) when the app keeps no row for it; the app
    keeps a row for the old Thái Nguyên (key ``19-d20250630``, see the loader), so the
    text fields are a fallback for other provinces' history.
    """

    level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices)
    date = models.DateField(_("ngày hiệu lực"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255)
    whole = models.BooleanField(_("toàn bộ"), default=True, help_text=_("Sai: một phần."))
    predecessor_commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="successions",
        verbose_name=_("đơn vị cũ"),
    )
    successor_commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="predecessions",
        verbose_name=_("đơn vị mới"),
    )
    predecessor_province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="successions",
        verbose_name=_("tỉnh cũ"),
    )
    successor_province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="predecessions",
        verbose_name=_("tỉnh mới"),
    )
    predecessor_code = models.CharField(_("mã đơn vị cũ"), max_length=5, blank=True)
    predecessor_name = models.CharField(_("tên đơn vị cũ"), max_length=100, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("sắp xếp đơn vị hành chính")
        verbose_name_plural = _("sắp xếp đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor_commune", "successor_commune"], name="unit_change_commune"
            ),
            models.UniqueConstraint(
                fields=["predecessor_province", "successor_province"],
                name="unit_change_province",
            ),
        ]

    def __str__(self) -> str:
        before = (
            self.predecessor_commune_id or self.predecessor_province_id or self.predecessor_code
        )
        after = self.successor_commune_id or self.successor_province_id
        return f"{before} → {after} ({self.date:%d/%m/%Y})"


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
