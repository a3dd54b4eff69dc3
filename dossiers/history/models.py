"""Awards lower levels make under their own authority (plan III.2.2.d).

"Các sở, ban, ngành, Mặt trận Tổ quốc, các tổ chức đoàn thể cấp tỉnh; UBND các huyện,
thành phố và UBND các xã, phường, thị trấn khen thưởng theo thẩm quyền": a Giấy khen of a
department, a district or a commune is not a dossier of this app (no proposal, no
review); it is recorded afterwards, typed in or imported from a workbook, so that the
award history and the reports count it. One row per recipient and decision.

The issuer is exactly one of ``issuer_district``, ``issuer_commune``, ``issuer_agency``
(its level in ``issuer_level``); ``issuer_key`` ("district:063", "commune:01234",
"agency:<code>") names it the way documents do. ``name_key`` is the folded name
(:func:`emulation.text.fold`): the same recipient typed with or without accents,
zero-width characters or extra spaces is one name, and the same issuer does not award
the same name the same form twice in a year (``lower_award_once_a_year``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.text import fold


class IssuerLevel(models.TextChoices):
    AGENCY = "agency", _("Sở, ban, ngành, Mặt trận, đoàn thể tỉnh")
    DISTRICT = "district", _("UBND cấp huyện")
    COMMUNE = "commune", _("UBND cấp xã")


class AwardForm(models.TextChoices):
    """The forms of award a lower level gives under its own authority."""

    GIAY_KHEN = "giay_khen", _("Giấy khen")
    OTHER = "other", _("Hình thức khác")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình")
    ORGANIZATION = "organization", _("Tổ chức, doanh nghiệp")


class Source(models.TextChoices):
    FORM = "form", _("Nhập trên màn hình")
    IMPORT = "import", _("Nhập từ tệp Excel")


class LowerLevelAward(models.Model):
    """A Giấy khen (or another award) of a department, district or commune."""

    province = models.ForeignKey(
        "communes.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tỉnh"),
        editable=False,
        db_index=False,  # lower_award_list leads with it
    )
    issuer_level = models.CharField(_("cấp khen"), max_length=10, choices=IssuerLevel.choices)
    issuer_district = models.ForeignKey(
        "communes.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("UBND huyện / thành phố"),
    )
    issuer_commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("UBND xã / phường"),
    )
    issuer_agency = models.ForeignKey(
        "emulation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan, đơn vị"),
    )
    issuer_key = models.CharField(max_length=60, editable=False)
    issuer_name = models.CharField(_("cơ quan khen"), max_length=255, editable=False)
    award_form = models.CharField(
        _("hình thức khen"), max_length=12, choices=AwardForm.choices, default=AwardForm.GIAY_KHEN
    )
    recipient_kind = models.CharField(
        _("loại đối tượng"), max_length=14, choices=RecipientKind.choices
    )
    name = models.CharField(_("tên tập thể, cá nhân"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    unit = models.CharField(_("đơn vị công tác, địa chỉ"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50)
    decision_date = models.DateField(_("ngày quyết định"))
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    achievement = models.TextField(_("thành tích"), blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FORM)
    # folded name, unit, issuer and decision number: what the search matches
    search = models.TextField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "name", "id"]
        verbose_name = _("khen thưởng theo thẩm quyền của cấp dưới")
        verbose_name_plural = _("khen thưởng theo thẩm quyền của cấp dưới")
        constraints = [
            models.CheckConstraint(
                name="lower_award_one_issuer",
                condition=(
                    models.Q(
                        issuer_level=IssuerLevel.DISTRICT,
                        issuer_district__isnull=False,
                        issuer_commune__isnull=True,
                        issuer_agency__isnull=True,
                    )
                    | models.Q(
                        issuer_level=IssuerLevel.COMMUNE,
                        issuer_district__isnull=True,
                        issuer_commune__isnull=False,
                        issuer_agency__isnull=True,
                    )
                    | models.Q(
                        issuer_level=IssuerLevel.AGENCY,
                        issuer_district__isnull=True,
                        issuer_commune__isnull=True,
                        issuer_agency__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["issuer_key", "year", "award_form", "name_key"],
                name="lower_award_once_a_year",
                violation_error_message=_(
                    "Đơn vị này đã khen đối tượng này cùng hình thức trong năm."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["province", "-year", "name"], name="lower_award_list"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.decision_number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    @property
    def issuer(self) -> Any:
        return self.issuer_district or self.issuer_commune or self.issuer_agency

    def fill_derived(self) -> None:
        """The columns kept from the others: issuer key and name, province, year, keys."""
        if self.issuer_district_id:
            self.issuer_level = IssuerLevel.DISTRICT
            self.issuer_key = f"district:{self.issuer_district_id}"
            district = self.issuer_district
            assert district is not None
            self.issuer_name = district.people_committee
            self.province_id = district.province_id
        elif self.issuer_commune_id:
            self.issuer_level = IssuerLevel.COMMUNE
            self.issuer_key = f"commune:{self.issuer_commune_id}"
            commune = self.issuer_commune
            assert commune is not None
            self.issuer_name = commune.people_committee
            self.province_id = str(commune.province_id or settings.PROVINCE_CODE)
        else:
            self.issuer_level = IssuerLevel.AGENCY
            agency = self.issuer_agency
            assert agency is not None
            self.issuer_key = f"agency:{agency.code}"
            self.issuer_name = agency.name
            self.province_id = str(agency.province_id or settings.PROVINCE_CODE)
        self.name_key = fold(self.name)
        self.year = self.decision_date.year
        self.search = fold(" ".join([self.name, self.unit, self.issuer_name, self.decision_number]))
