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
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
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
