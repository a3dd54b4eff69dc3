"""Forms of the rules screens: a rule set change, the "who qualifies" filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from communes.models import District
from emulation.fields import VNDField
from emulation.labels import round_choice
from emulation.plans import plan_spec_current
from emulation.rules import VALUE_SPECS, PlanSpec, Round, validate_values
from emulation.rules.values import CHOICE, COUNT, VND, YEAR

if TYPE_CHECKING:
    from django.forms import BoundField
    from django_stubs_ext import StrOrPromise


class RuleSetForm(forms.Form):
    """Every value of the rule set, its effective date and the reason for the change."""

    effective_from = forms.DateField(
        label=_("Áp dụng từ ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        help_text=_("Hồ sơ xét từ ngày này dùng phiên bản mới; phiên bản cũ vẫn giữ nguyên."),
    )
    reason = forms.CharField(
        label=_("Lý do thay đổi"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: căn cứ văn bản số …, ngày …"),
    )
    # the version the page was opened on: a save from an older one is refused (StaleVersion)
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self, *args: Any, initial_values: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        for spec in VALUE_SPECS:
            common: dict[str, Any] = {
                "label": _t(spec.label),
                "help_text": _t(spec.help),
                "initial": initial_values.get(spec.key),
            }
            field: forms.Field
            if spec.kind == VND:
                field = VNDField(**common)
            elif spec.kind == COUNT:
                field = forms.IntegerField(min_value=0, max_value=19, **common)
            elif spec.kind == YEAR:
                field = forms.IntegerField(min_value=2021, max_value=2030, **common)
            else:
                assert spec.kind == CHOICE
                field = forms.ChoiceField(
                    choices=[(c, _t(label)) for c, label in spec.choices],
                    widget=forms.RadioSelect,
                    **common,
                )
            # read by rules/_field.html (its clause); a form field takes any attribute
            field.spec = spec  # type: ignore[union-attr]
            self.fields[spec.key] = field
        for field in self.fields.values():
            radio = isinstance(field.widget, forms.RadioSelect)
            field.widget.attrs["class"] = "form-check-input" if radio else "form-control"

    def value_fields(self) -> list[BoundField]:
        return [self[s.key] for s in VALUE_SPECS if not s.reading]

    def reading_fields(self) -> list[BoundField]:
        return [self[s.key] for s in VALUE_SPECS if s.reading]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        values = self.values()
        if len(values) == len(VALUE_SPECS):
            for key, message in validate_values(values).items():
                self.add_error(key, message)
        return cleaned

    def values(self) -> dict[str, Any]:
        return {s.key: self.cleaned_data[s.key] for s in VALUE_SPECS if s.key in self.cleaned_data}


def _year_choices(plan: PlanSpec) -> list[tuple[int | str, StrOrPromise]]:
    """The plan's years (and this year, when the period has ended)."""
    last = max(plan.last_year, timezone.localdate().year)
    choices: list[tuple[int | str, StrOrPromise]] = [("", _("— (theo đợt)"))]
    return choices + [(y, str(y)) for y in range(plan.first_year, last + 1)]


class WhoQualifiesForm(forms.Form):
    SHOW_CHOICES = [
        ("", _("Tất cả")),
        ("eligible", _("Đủ điều kiện")),
        ("near", _("Suýt đạt")),
    ]
    ke_hoach = forms.ChoiceField(label=_("Kế hoạch"), choices=(), required=False)
    vong = forms.ChoiceField(
        label=_("Đợt khen thưởng"),
        choices=(),
        required=False,
    )
    nam = forms.TypedChoiceField(
        label=_("Năm (chỉ cho khen hàng năm)"),
        coerce=int,
        empty_value=None,
        choices=(),
        required=False,
    )
    huyen = forms.ChoiceField(label=_("Huyện / thành phố"), required=False)
    hien = forms.ChoiceField(label=_("Hiển thị"), choices=SHOW_CHOICES, required=False)

    def __init__(
        self,
        *args: Any,
        districts: Iterable[District] = (),
        plan: PlanSpec | None = None,
        plans: Iterable[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        ke_hoach = self.fields["ke_hoach"]
        assert isinstance(ke_hoach, forms.ChoiceField)
        ke_hoach.choices = list(plans)
        if not ke_hoach.choices:  # no plan stored: nothing to choose
            del self.fields["ke_hoach"]
        huyen, vong, nam = self.fields["huyen"], self.fields["vong"], self.fields["nam"]
        assert isinstance(huyen, forms.ChoiceField) and isinstance(vong, forms.ChoiceField)
        assert isinstance(nam, forms.ChoiceField)
        plan = plan or plan_spec_current()
        nam.choices = _year_choices(plan)
        vong.choices = [(r.value, round_choice(r.value, plan)) for r in Round]
        huyen.choices = [("", _("Tất cả huyện / thành phố"))] + [
            (d.code, str(d)) for d in districts
        ]


def default_effective_from() -> dt.date:
    return timezone.localdate()


# --- plans (admins) ----------------------------------------------------------------


def _date_field(label: StrOrPromise, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        **kwargs,
    )


class PlanForm(forms.Form):
    """A plan's head: who issued it, its period, province and criteria set."""

    code = forms.SlugField(
        label=_("Mã kế hoạch"),
        max_length=60,
        help_text=_("Chữ thường không dấu, số và gạch nối, ví dụ bac-kan-2021-2025."),
    )
    name = forms.CharField(label=_("Tên kế hoạch"), max_length=400)
    movement = forms.CharField(label=_("Tên phong trào thi đua"), max_length=255)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    number = forms.CharField(label=_("Số kế hoạch"), max_length=60, required=False)
    issued_on = _date_field(_("Ngày ban hành"))
    province = forms.ChoiceField(label=_("Tỉnh"))
    first_year = forms.IntegerField(label=_("Năm đầu giai đoạn"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Năm cuối giai đoạn"), min_value=2000, max_value=2100)
    baseline_date = _date_field(
        _("Mốc so sánh tiêu chí “đạt mới”"),
        help_text=_(
            "Tiêu chí “đạt mới” được tính so với tình trạng ngày này (Bắc Kạn 2021 - 2025: "
            "01/01/2021). Để trống: ngày 01/01 của năm đầu giai đoạn."
        ),
    )
    criteria_set = forms.ChoiceField(
        label=_("Bộ tiêu chí"),
        help_text=_(
            "Bộ tiêu chí quốc gia của kế hoạch; các tiêu chí, tiêu chí thu nhập và tiêu chí "
            "hộ nghèo là của bộ (sửa ở màn hình bộ tiêu chí)."
        ),
    )
    is_demo = forms.BooleanField(label=_("Dữ liệu minh hoạ"), required=False)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(
        self, *args: Any, provinces: Iterable[tuple[str, str]] = (),
        criteria_sets: Iterable[tuple[str, str]] = (), editing: bool = False, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        province, sets = self.fields["province"], self.fields["criteria_set"]
        assert isinstance(province, forms.ChoiceField) and isinstance(sets, forms.ChoiceField)
        province.choices = list(provinces)
        sets.choices = list(criteria_sets)
        if editing:
            del self.fields["code"]

    def head(self) -> dict[str, Any]:
        """The head as the plan file writes it."""
        d = self.cleaned_data
        return {
            "name": d["name"],
            "movement": d["movement"],
            "issuer": d["issuer"],
            "number": d["number"],
            "issued_on": d["issued_on"].isoformat() if d["issued_on"] else None,
            "province": d["province"],
            "first_year": d["first_year"],
            "last_year": d["last_year"],
            "baseline_date": d["baseline_date"].isoformat() if d["baseline_date"] else None,
            "criteria_set": d["criteria_set"],
            "is_demo": d["is_demo"],
            "notes": d["notes"],
        }


class PlanRoundForm(forms.Form):
    """One round: its dates and, for each title, the nominee kinds it admits."""

    review_date = _date_field(
        _("Ngày có văn bản chỉ đạo tổ chức sơ kết/tổng kết"),
        help_text=_("Trống: xét theo ngày 31/12 của năm (hoặc hôm nay nếu sớm hơn)."),
    )
    opens_on = _date_field(_("Nhận hồ sơ từ ngày"))
    closes_on = _date_field(_("Nhận hồ sơ đến ngày"))

    def __init__(
        self,
        *args: Any,
        titles: Iterable[tuple[str, StrOrPromise]] = (),
        kinds: Iterable[tuple[str, Any]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        kind_choices = list(kinds)
        self.title_keys: list[str] = []
        for code, label in titles:
            key = f"kinds_{code}"
            self.fields[key] = forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=kind_choices,
                widget=forms.CheckboxSelectMultiple,
            )
            self.title_keys.append(key)

    @property
    def title_fields(self) -> list[BoundField]:
        return [self[key] for key in self.title_keys]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and opens > closes:
            self.add_error("closes_on", _t("Ngày đóng phải sau ngày mở nhận hồ sơ."))
        return cleaned

    def titles(self) -> dict[str, list[str]]:
        return {k.removeprefix("kinds_"): list(self.cleaned_data[k]) for k in self.title_keys}


# --- national plans (kế hoạch cấp Nhà nước) and their award standards (admins) ---------


class StatePlanForm(forms.Form):
    """A national plan's head (III.2.1: the plan whose standards govern state awards)."""

    code = forms.SlugField(
        label=_("Mã kế hoạch"),
        max_length=60,
        help_text=_("Chữ thường không dấu, số và gạch nối, ví dụ qd-587-2022."),
    )
    name = forms.CharField(label=_("Tên kế hoạch"), max_length=400)
    number = forms.CharField(label=_("Số văn bản ban hành"), max_length=60)
    issued_on = _date_field(_("Ngày ban hành"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    first_year = forms.IntegerField(label=_("Năm đầu giai đoạn"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Năm cuối giai đoạn"), min_value=2000, max_value=2100)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "code"}


class StateStandardForm(forms.Form):
    """One award of a national plan: the award, who awards it, the kinds it admits (none
    chosen: every kind), its standard as the plan words it, the clause."""

    award = forms.CharField(
        label=_("Hình thức khen thưởng"),
        max_length=255,
        help_text=_("Ví dụ: Bằng khen của Thủ tướng Chính phủ."),
    )
    authority = forms.CharField(label=_("Cấp quyết định khen thưởng"), max_length=255)
    kinds = forms.MultipleChoiceField(
        label=_("Loại đối tượng"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Không chọn: mọi loại đối tượng."),
    )
    standard = forms.CharField(label=_("Tiêu chuẩn"), widget=forms.Textarea({"rows": 4}))
    clause = forms.CharField(label=_("Căn cứ (mục, điểm)"), max_length=255, required=False)
    confirmed = forms.BooleanField(
        label=_("Đã đối chiếu với văn bản gốc"),
        required=False,
        help_text=_("Bỏ chọn khi nội dung chưa được đối chiếu."),
    )
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=999, initial=0)

    def __init__(
        self, *args: Any, kinds: Iterable[tuple[str, StrOrPromise]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kinds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(kinds)
