"""Forms of the state-level proposals (III.2.1): choosing the nominees and their award,
sending the tờ trình, recording the centre's answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.models import StateAwardStandard

from .forms import DateInput
from .models import Nominee, StateProposalEntry
from .services.state_awards import admits

NOT_PROPOSED = ""


class _ErrorsForm(forms.Form):
    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


class EntriesForm(_ErrorsForm):
    """Per nominee on the page: the award proposed (or none) and the achievement."""

    def __init__(
        self,
        *args,
        nominees: Sequence[Nominee] = (),
        standards: Iterable[StateAwardStandard] = (),
        entries: dict[int, StateProposalEntry] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        standards = list(standards)
        entries = entries or {}
        self.rows: list[tuple[Nominee, str, str]] = []
        for n in nominees:
            entry = entries.get(n.pk)
            choice, reason = f"award_{n.pk}", f"reason_{n.pk}"
            self.fields[choice] = forms.ChoiceField(
                label=n.name,
                required=False,
                choices=[(NOT_PROPOSED, _("— Không đề nghị —"))]
                + [(str(s.pk), s.award) for s in standards if admits(s, n)],
                initial=str(entry.standard_id) if entry else NOT_PROPOSED,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[reason] = forms.CharField(
                label=_("Thành tích, lý do đề nghị"),
                required=False,
                max_length=2000,
                initial=entry.reason if entry else "",
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )
            self.rows.append((n, choice, reason))

    def choices(self) -> dict[int, tuple[int | None, str]]:
        return {
            n.pk: (
                int(self.cleaned_data[choice]) if self.cleaned_data.get(choice) else None,
                self.cleaned_data.get(reason, ""),
            )
            for n, choice, reason in self.rows
        }

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            if field.startswith("n") and field[1:].isdigit():
                field = f"award_{field[1:]}"
            self.add_error(field if field in self.fields else None, message)


class SendForm(_ErrorsForm):
    letter_date = forms.DateField(
        label=gettext_lazy("Ngày tờ trình"),
        widget=DateInput(),
        error_messages={"required": gettext_lazy("Nhập ngày tờ trình (dd/mm/yyyy).")},
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CentralDecisionForm(_ErrorsForm):
    """The centre's answer: its decision (number, date, who awarded) and each entry's
    outcome; or, no one awarded, the reason."""

    number = forms.CharField(
        label=gettext_lazy("Số quyết định của Trung ương"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "vd. 1234/QĐ-TTg"}),
    )
    date = forms.DateField(
        label=gettext_lazy("Ngày quyết định"), required=False, widget=DateInput()
    )
    authority = forms.CharField(
        label=gettext_lazy("Cấp quyết định khen thưởng"), required=False, max_length=255
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú; lý do, văn bản trả lời nếu không được khen thưởng"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, entries: Sequence[StateProposalEntry] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[StateProposalEntry, str, str]] = []
        for e in entries:
            choice, reason = f"awarded_{e.pk}", f"reason_{e.pk}"
            self.fields[choice] = forms.TypedChoiceField(
                label=e.nominee.name,
                choices=[("1", _("Được khen thưởng")), ("0", _("Không được khen thưởng"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Chọn kết quả.")},
            )
            self.fields[reason] = forms.CharField(
                label=_("Lý do nếu không được khen thưởng"), required=False, max_length=2000
            )
            self.rows.append((e, choice, reason))

    def outcomes(self) -> dict[int, tuple[bool, str]]:
        return {
            e.pk: (self.cleaned_data[choice], self.cleaned_data.get(reason, ""))
            for e, choice, reason in self.rows
            if choice in self.cleaned_data
        }

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            if field.startswith("e") and field[1:].isdigit():
                field = f"reason_{field[1:]}"
            self.add_error(field if field in self.fields else None, message)
