"""Forms of the dossier screens. Business checks live in services; forms map them to fields."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.models import Commune, Village
from emulation.collation import make_searchable, order_choices, vietnamese_sorted
from emulation.fields import VNDField
from emulation.labels import round_choice, title_label
from emulation.models import Agency
from emulation.plans import plan_spec_current
from emulation.rules import titles_for_round
from emulation.uploads import ACCEPT_ATTR

from . import services, verdicts
from .kinds import KINDS, CommuneField
from .models import (
    AttachmentKind,
    DecisionKind,
    Dossier,
    Nominee,
    RestrictionKind,
    RoundChoices,
    Status,
)
from .selectors import SORTS


class DateInput(forms.DateInput):
    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "autocomplete": "off", "inputmode": "numeric"}
        base.update(attrs or {})
        super().__init__(attrs=base, format="%d/%m/%Y")


def year_choices() -> list[tuple[str, str]]:
    """The years of the current plan's period, newest first."""
    plan = plan_spec_current()
    return [(str(y), str(y)) for y in reversed(plan.years)]


class DossierForm(forms.Form):
    """Create (round chosen) or edit (round fixed, version carried) a dossier's header."""

    round = forms.ChoiceField(label=gettext_lazy("Đợt khen thưởng"), choices=())
    year = forms.TypedChoiceField(
        label=gettext_lazy("Năm khen thưởng"),
        coerce=int,
        choices=(),
        required=False,
        help_text=gettext_lazy("Đợt sơ kết là năm 2023, đợt tổng kết là năm 2025."),
    )
    document_number = forms.CharField(
        label=gettext_lazy("Số văn bản đề nghị"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "vd. 05/TTr-UBND"}),
    )
    document_date = forms.DateField(
        label=gettext_lazy("Ngày văn bản đề nghị"), required=False, widget=DateInput()
    )
    summary = forms.CharField(
        label=gettext_lazy("Trích yếu"),
        max_length=255,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": gettext_lazy("vd. Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh")}
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, dossier: Dossier | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        year, round_field = self.fields["year"], self.fields["round"]
        assert isinstance(year, forms.ChoiceField) and isinstance(round_field, forms.ChoiceField)
        year.choices = year_choices()
        if dossier is None:
            rounds = services.rounds_for(user) if user else []
            plan = plan_spec_current()
            round_field.choices = [(r, round_choice(r, plan)) for r in rounds]
            del self.fields["version"]
        else:
            del self.fields["round"]

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


class NomineeForm(forms.Form):
    """One nominee of a given kind; only the fields that kind has are shown."""

    title = forms.ChoiceField(label=gettext_lazy("Danh hiệu, tiêu chuẩn đề nghị"), choices=())
    commune = forms.ModelChoiceField(
        label=gettext_lazy("Xã"), queryset=Commune.objects.none(), required=False
    )
    district_confirm = forms.BooleanField(
        label=gettext_lazy("Đề nghị khen thưởng cho chính huyện (thành phố)"),
        required=False,
        initial=True,
        disabled=True,
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan, đơn vị"),
        queryset=Agency.objects.none(),  # the installation's: set per form (__init__)
        required=False,
    )
    name = forms.CharField(label=gettext_lazy("Tên"), max_length=255, required=False)
    job_title = forms.CharField(
        label=gettext_lazy("Chức vụ, đơn vị công tác"), max_length=255, required=False
    )
    tax_code = forms.CharField(
        label=gettext_lazy("Mã số doanh nghiệp / mã số thuế"), max_length=20, required=False
    )
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)
    # III.1: "các hộ gia đình, các cá nhân trong và ngoài tỉnh"
    outside_province = forms.BooleanField(
        label=gettext_lazy("Cư trú ngoài tỉnh"),
        required=False,
        help_text=gettext_lazy(
            "Không chọn xã trong tỉnh; nhập địa chỉ nơi cư trú (thôn, xã, tỉnh) vào ô Địa chỉ."
        ),
    )
    declared_dbkk = forms.BooleanField(
        label=gettext_lazy("Nơi cư trú ngoài tỉnh thuộc xã, thôn đặc biệt khó khăn"),
        required=False,
        help_text=gettext_lazy(
            "Kèm văn bản chứng minh; cơ quan thẩm định xác nhận trước khi áp dụng mức ĐBKK."
        ),
    )
    village = forms.ModelChoiceField(
        label=gettext_lazy("Thôn"), queryset=Village.objects.none(), required=False
    )
    # Nghị định 152/2025/NĐ-CP, Điều 4: priority shown to reviewers
    is_female = forms.NullBooleanField(
        label=gettext_lazy("Giới tính"),
        required=False,
        help_text=gettext_lazy(
            "Hồ sơ nộp từ 01/7/2025: nữ được ưu tiên; thời gian nghỉ chế độ thai sản được tính "
            "như thời gian công tác khi xét khen thưởng (Điều 4 Nghị định 152/2025/NĐ-CP)."
        ),
        widget=forms.Select(
            choices=[
                ("unknown", "—"),
                ("true", gettext_lazy("Nữ")),
                ("false", gettext_lazy("Nam")),
            ]
        ),
    )
    women_share = forms.IntegerField(
        label=gettext_lazy("Tỷ lệ nữ trong tập thể (%)"), min_value=0, max_value=100, required=False
    )
    infrastructure_value = VNDField(
        label=gettext_lazy("Giá trị đóng góp xây dựng cơ sở hạ tầng nông thôn (đồng)"),
        required=False,
    )
    contribution_value = VNDField(
        label=gettext_lazy("Giá trị đóng góp công sức, đất đai, tài sản (quy tiền, đồng)"),
        required=False,
        help_text=gettext_lazy(
            "Quy tiền theo đơn giá địa phương. Ví dụ: 45.000.000 hoặc 45 triệu."
        ),
    )
    mobilized_value = VNDField(
        label=gettext_lazy("Hoặc: giá trị công trình công cộng trực tiếp vận động (đồng)"),
        required=False,
    )
    own_land_asset_value = VNDField(
        label=gettext_lazy("trong đó tự đóng góp đất đai, tài sản (đồng)"), required=False
    )
    achievements = forms.CharField(
        label=gettext_lazy("Tóm tắt thành tích"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # what the commune field is called, and whether it is required, by what it means
    COMMUNE_FIELD = {
        CommuneField.SELF: (gettext_lazy("Xã được đề nghị (từ danh sách của huyện)"), True),
        CommuneField.RESIDENCE: (gettext_lazy("Xã nơi cư trú"), True),
        CommuneField.OPTIONAL: (gettext_lazy("Xã (nếu thuộc một xã)"), False),
    }

    def __init__(self, *args, dossier: Dossier, kind: str, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier, self.kind = dossier, kind
        spec = KINDS[kind]
        keep = [*spec.form_fields, "version"] if editing else list(spec.form_fields)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        title = self.fields["title"]
        assert isinstance(title, forms.ChoiceField)
        title.choices = [(t, title_label(t)) for t in services.titles_for(dossier, kind)]
        if "commune" in self.fields:
            qs = Commune.objects.select_related("district").order_by("district_id", "name")
            if dossier.district_id:
                qs = qs.filter(district_id=dossier.district_id)
            elif dossier.commune_id:  # itself (and, sơ kết / tổng kết, its predecessors)
                qs = qs.filter(pk__in=services.own_units(dossier))
            elif dossier.province_id:
                qs = qs.filter(province_id=dossier.province_id)
            commune = self.fields["commune"]
            assert isinstance(commune, forms.ModelChoiceField)
            commune.queryset = qs
            # Django calls field.label_from_instance(obj): an instance attribute works;
            # the stubs only know it as a method to override
            commune.label_from_instance = self._commune_label  # type: ignore[assignment]
            # Vietnamese order; a province's long list grouped by district
            grouped = not (dossier.district_id or dossier.commune_id)
            order_choices(
                commune,
                group=(lambda c: str(c.district) if c.district_id else None) if grouped else None,
            )
            if grouped:
                make_searchable(commune)
            label, required = self.COMMUNE_FIELD[spec.commune_field]
            self.fields["commune"].label = label
            # a residence commune is required unless the person lives outside the province
            # (the service says so beside the field)
            if required and "outside_province" not in self.fields:
                self.fields["commune"].required = True
        if "village" in self.fields:
            commune_id = self._bound_commune_id()
            village = self.fields["village"]
            assert isinstance(village, forms.ModelChoiceField)
            village.queryset = (
                Village.objects.filter(commune_id=commune_id).order_by("name")
                if commune_id
                else Village.objects.none()
            )
            # Django calls field.label_from_instance(obj): an instance attribute works;
            # the stubs only know it as a method to override
            village.label_from_instance = self._village_label  # type: ignore[assignment]
            order_choices(village)
            self.fields["commune"].widget.attrs.update(
                {
                    "hx-get": reverse("dossiers:village_options", args=[dossier.pk]),
                    "hx-target": "#id_village",
                    "hx-trigger": "change",
                    "hx-include": "this",
                    "hx-swap": "innerHTML",
                }
            )
        if "name" in self.fields:
            self.fields["name"].required = True
            self.fields["name"].label = spec.name_label
        agency = self.fields.get("agency")
        if isinstance(agency, forms.ModelChoiceField):
            agency.required = True
            # the installation's bodies (not another province's sharing the database)
            agency.queryset = Agency.objects.of_installation().filter(is_active=True)

    @staticmethod
    def _commune_label(commune: Commune) -> str:
        return f"{commune}{' (ĐBKK)' if commune.extremely_difficult else ''}"

    @staticmethod
    def _village_label(village: Village) -> str:
        return f"{village}{' (ĐBKK)' if village.extremely_difficult else ''}"

    def _bound_commune_id(self) -> str | None:
        if self.is_bound:
            return self.data.get(self.add_prefix("commune")) or None
        value = self.initial.get("commune")
        return getattr(value, "pk", value)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        errors = services.nominee_errors(self.dossier, self.service_data())
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version",)}
        data.pop("district_confirm", None)
        data["kind"] = self.kind
        if KINDS[self.kind].record == "district":
            data["district"] = self.dossier.district
        for name in services.NOMINEE_INPUT_FIELDS:
            data.setdefault(name, "" if name in services.TEXT_FIELDS else None)
        return data

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


class AttachmentForm(forms.Form):
    """One file of the upload block, with its type (and nominee for an achievement report).

    The block holds UPLOAD_ROWS of these: the first has no prefix (kind, nominee, file),
    the others are prefixed with their number ("2-kind", ...). A row without a file is
    skipped."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Loại tài liệu"),
        choices=AttachmentKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    nominee = forms.TypedChoiceField(
        label=gettext_lazy("Của đối tượng (với tóm tắt / báo cáo thành tích)"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp (PDF, JPEG, PNG, DOCX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR, "class": "form-control"}),
    )

    def __init__(self, *args, nominees=(), row: int = 1, **kwargs):
        kwargs["prefix"] = None if row == 1 else str(row)
        super().__init__(*args, **kwargs)
        self.row = row
        nominee = self.fields["nominee"]
        assert isinstance(nominee, forms.ChoiceField)
        nominee.choices = [("", "—"), *((n.pk, n.name) for n in nominees)]
        if row > 1:
            for field in self.fields.values():
                field.label = _("%(label)s, tệp %(row)s") % {"label": field.label, "row": row}

    def mark_invalid(self) -> None:
        """Widgets of the fields in error say so (red frame, aria-invalid) and point to
        their message (id "<field id>_error", written beside the field)."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    @property
    def has_file(self) -> bool:
        return bool(self.files.get(self.add_prefix("file")))

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


# How many files the upload block takes at once (each with its own type).
UPLOAD_ROWS = 4


def attachment_rows(data=None, files=None, *, nominees=()) -> list[AttachmentForm]:
    return [
        AttachmentForm(data, files, nominees=nominees, row=row) for row in range(1, UPLOAD_ROWS + 1)
    ]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Ghi chú, lý do"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = required


class PerNomineeForm(NoteForm):
    """A note for the dossier and one text per nominee (return comments, appraisal notes)."""

    def __init__(self, *args, nominees=(), label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.nominee_fields = []
        for n in nominees:
            name = f"n{n.pk}"
            self.fields[name] = forms.CharField(
                label=f"{label}: {n.name}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.nominee_fields.append((n, name))

    def per_nominee(self) -> dict[int, str]:
        return {n.pk: self.cleaned_data.get(name, "") for n, name in self.nominee_fields}


class AppraiseForm(PerNomineeForm):
    """The appraisal: a note per nominee and, where the records are silent, the facts
    the appraiser states (``pending``: {nominee id: [case fields]})."""

    def __init__(self, *args, pending: dict[int, list[str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # "thống nhất" / "không thống nhất" per nominee; the note beside it is the reason
        self.agree_fields: list[tuple[Nominee, str]] = []
        for n, note in self.nominee_fields:
            name = f"a{n.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Kết quả thẩm định: %(n)s") % {"n": n.name},
                choices=[("1", _("Thống nhất")), ("0", _("Không thống nhất (ghi lý do)"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect,
                initial="1",
                required=False,  # not answered: agrees
            )
            self.agree_fields.append((n, name))
            # the agreement before its note
            self.fields[note] = self.fields.pop(note)
        self.settle_fields: list[tuple[Nominee, str, str]] = []
        by_pk = {n.pk: n for n, _name in self.nominee_fields}
        for pk, keys in (pending or {}).items():
            n = by_pk.get(pk)
            if n is None:
                continue
            for key in keys:
                spec = verdicts.SETTLE_FIELDS[key]
                name = f"s{n.pk}_{key}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{spec.label}: {n.name}",
                    choices=[("1" if v else "0", text) for v, text in spec.choices],
                    coerce=lambda v: v == "1",
                    widget=forms.RadioSelect,
                    error_messages={"required": gettext_lazy("Chọn một trong hai.")},
                )
                self.settle_fields.append((n, key, name))

    def disagreements(self) -> list[int]:
        return [n.pk for n, name in self.agree_fields if self.cleaned_data.get(name) is False]

    def settled(self) -> dict[int, dict[str, bool]]:
        out: dict[int, dict[str, bool]] = {}
        for n, key, name in self.settle_fields:
            out.setdefault(n.pk, {})[key] = self.cleaned_data[name]
        return out


class ApproveForm(NoteForm):
    """Approval: for each nominee the rules find not eligible, an optional override with
    its reason (approve it for an award anyway); left empty, it stays "chưa đạt"."""

    def __init__(self, *args, nominees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.override_fields: list[tuple[Nominee, str]] = []
        for n in nominees:
            if n.verdict_eligible is not False and n.appraisal_agreed is not False:
                continue
            name = f"o{n.pk}"
            label = (
                _("Đề nghị khen thưởng dù chưa đạt tiêu chuẩn: %(n)s — lý do")
                if n.verdict_eligible is False
                else _("Đề nghị khen thưởng dù cơ quan thẩm định không thống nhất: %(n)s — lý do")
            )
            self.fields[name] = forms.CharField(
                label=label % {"n": n.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Để trống: đối tượng không được đề nghị khen thưởng."),
            )
            self.override_fields.append((n, name))

    def overrides(self) -> dict[int, str]:
        return {
            n.pk: self.cleaned_data.get(name, "")
            for n, name in self.override_fields
            if self.cleaned_data.get(name, "").strip()
        }


class RestrictionForm(forms.Form):
    """A case under Nghị định 152/2025/NĐ-CP, Điều 4, with its document."""

    kind = forms.ChoiceField(label=gettext_lazy("Trường hợp"), choices=RestrictionKind.choices)
    since = forms.DateField(label=gettext_lazy("Từ ngày"), widget=DateInput())
    until = forms.DateField(label=gettext_lazy("Đến ngày"), widget=DateInput(), required=False)
    document = forms.CharField(
        label=gettext_lazy("Văn bản (số, ký hiệu, ngày)"),
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": "vd. Quyết định 12/QĐ-UBND ngày 01/8/2025"}),
    )
    note = forms.CharField(label=gettext_lazy("Ghi chú"), required=False, max_length=2000)


class AttestForm(forms.Form):
    attested = forms.TypedChoiceField(
        label=gettext_lazy("Đánh giá tiêu chuẩn định tính"),
        choices=[("1", gettext_lazy("Đạt")), ("0", gettext_lazy("Không đạt"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    note = forms.CharField(
        label=gettext_lazy("Nhận xét, căn cứ"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionDateForm(forms.Form):
    """A decision's date; its number is the register's, given when it is recorded."""

    decision_date = forms.DateField(label=gettext_lazy("Ngày quyết định"), widget=DateInput())


class DecideForm(DecisionDateForm):
    """A decision on one dossier (the dossier page's "Ghi quyết định") or, below, on
    the approved dossiers of a round: its date, each nominee's outcome; its number is
    the register's."""

    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, nominees=(), signatories=(), **kwargs):
        super().__init__(*args, **kwargs)
        # who signs it, stored with it: a signatory of the province's UBND ((id, label)
        # with their form and dates); empty: the default one valid on the decision's date
        self.fields["signatory"] = forms.TypedChoiceField(
            label=_("Người ký"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Người ký mặc định của ngày quyết định")), *signatories],
        )
        self.nominee_fields = []
        for n in nominees:
            choice, reason = f"awarded_{n.pk}", f"reason_{n.pk}"
            self.fields[choice] = forms.TypedChoiceField(
                label=n.name,
                choices=[("1", _("Khen thưởng")), ("0", _("Không khen thưởng"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial="1" if n.verdict_eligible else "0",
            )
            self.fields[reason] = forms.CharField(
                label=_("Lý do (nếu không khen thưởng)"),
                required=False,
                max_length=2000,
            )
            self.nominee_fields.append((n, choice, reason))

    def outcomes(self) -> dict[int, tuple[bool, str]]:
        return {
            n.pk: (self.cleaned_data[choice], self.cleaned_data.get(reason, ""))
            for n, choice, reason in self.nominee_fields
            if choice in self.cleaned_data
        }

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            if field.startswith("n") and field[1:].isdigit():
                field = f"reason_{field[1:]}"
            self.add_error(field if field in self.fields else None, message)


COMMUNE_PROPOSER = "xa:"  # a commune-level proposer in the list's proposer filter


class ListFilterForm(forms.Form):
    round = forms.ChoiceField(label=gettext_lazy("Đợt"), required=False, choices=())
    year = forms.TypedChoiceField(
        label=gettext_lazy("Năm"), required=False, coerce=int, empty_value=None, choices=()
    )
    # the proposer: a district (until 30/6/2025) or, from 1/7/2025, a commune-level unit
    # (its value "xa:<key>")
    district = forms.ChoiceField(label=gettext_lazy("Đơn vị đề nghị"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"), required=False, choices=[("", "—"), *Status.choices]
    )
    title = forms.ChoiceField(label=gettext_lazy("Danh hiệu"), required=False, choices=())
    q = forms.CharField(
        label=gettext_lazy("Tìm"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Số hồ sơ, đơn vị, tên đối tượng (có dấu hoặc không dấu)"),
    )
    decided = forms.BooleanField(
        label=gettext_lazy("Gồm cả hồ sơ đã có quyết định"), required=False
    )
    sort = forms.ChoiceField(required=False, choices=[(k, k) for k in SORTS])

    def __init__(self, *args, districts=(), communes=(), queue: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.queue = queue
        year, district, title = self.fields["year"], self.fields["district"], self.fields["title"]
        assert isinstance(year, forms.ChoiceField) and isinstance(district, forms.ChoiceField)
        assert isinstance(title, forms.ChoiceField)
        year.choices = [("", "—"), *year_choices()]
        plan = plan_spec_current()
        round_field = self.fields["round"]
        assert isinstance(round_field, forms.ChoiceField)
        round_field.choices = [
            ("", "—"),
            *((r, round_choice(r, plan)) for r in RoundChoices.values),
        ]
        district.choices = [("", "—"), *((d.code, str(d)) for d in vietnamese_sorted(districts))]
        if communes:  # the commune-level proposers of the two-level government
            district.choices.append(
                (
                    gettext_lazy("Xã, phường (từ 01/7/2025)"),
                    [(f"{COMMUNE_PROPOSER}{c.pk}", str(c)) for c in vietnamese_sorted(communes)],
                )
            )
        seen, titles = set(), []
        for r in RoundChoices.values:
            for t in titles_for_round(r, plan):
                if t.value not in seen:
                    seen.add(t.value)
                    titles.append((t.value, title_label(t.value)))
        title.choices = [("", "—"), *titles]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"hide_decided": self.queue}
        found = {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}
        found.pop("decided", None)
        # the province's queue leaves the decided dossiers out unless asked for them
        found["hide_decided"] = (
            self.queue and not self.cleaned_data.get("decided") and not found.get("status")
        )
        return found

    select_fields = ("round", "year", "district", "status", "title")


class RoundDecisionForm(DecideForm):
    """One decision for the approved dossiers of a round: which dossiers it covers, its
    date (its number is the register's), and the outcome of each of their nominees."""

    def __init__(self, *args, dossiers=(), nominees=(), signatories=(), **kwargs):
        super().__init__(*args, nominees=nominees, signatories=signatories, **kwargs)
        self.fields["dossiers"] = forms.MultipleChoiceField(
            label=_("Hồ sơ thuộc quyết định"),
            choices=[(str(d.pk), f"{d.reference} — {d.proposer_name}") for d in dossiers],
            initial=[str(d.pk) for d in dossiers],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Chọn ít nhất một hồ sơ đã được Ban xét duyệt.")},
        )

    def chosen(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data.get("dossiers", [])}

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            if field.startswith("d") and field[1:].isdigit():
                field = "dossiers"
            super().apply_errors({field: message})


class CorrectionForm(DecisionDateForm):
    """A decision correcting a recorded one: kind, date (its number is the register's),
    reason, and per nominee its name as corrected and whether it is awarded."""

    field_order = ["kind", "decision_date", "reason"]

    kind = forms.ChoiceField(
        label=gettext_lazy("Loại quyết định"),
        choices=[(k, label) for k, label in DecisionKind.choices if k != DecisionKind.AWARD],
        widget=forms.RadioSelect,
        initial=DecisionKind.CORRECTION,
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do đính chính, sửa đổi"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, nominees=(), signatories=(), **kwargs):
        super().__init__(*args, **kwargs)
        # who signs the correcting decision, stored with it (as for the decision)
        self.fields["signatory"] = forms.TypedChoiceField(
            label=_("Người ký"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Người ký mặc định của ngày quyết định")), *signatories],
        )
        self.nominee_fields = []
        for n in nominees:
            name, choice, why = f"name_{n.pk}", f"awarded_{n.pk}", f"reason_{n.pk}"
            self.fields[name] = forms.CharField(
                label=_("Tên"), max_length=255, initial=n.name, required=False
            )
            self.fields[choice] = forms.TypedChoiceField(
                label=n.name,
                choices=[("1", _("Khen thưởng")), ("0", _("Không khen thưởng"))],
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial="1" if n.awarded else "0",
            )
            self.fields[why] = forms.CharField(
                label=_("Lý do (nếu không khen thưởng)"), required=False, max_length=2000
            )
            self.nominee_fields.append((n, name, choice, why))

    def names(self) -> dict[int, str]:
        return {n.pk: self.cleaned_data.get(name, "") for n, name, _c, _w in self.nominee_fields}

    def outcomes(self) -> dict[int, tuple[bool, str]]:
        return {
            n.pk: (self.cleaned_data[choice], self.cleaned_data.get(why, ""))
            for n, _n, choice, why in self.nominee_fields
            if choice in self.cleaned_data
        }

    def apply_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            if field.startswith("n") and field[1:].isdigit():
                field = f"reason_{field[1:]}"
            elif field in ("__all__",):
                field = None  # type: ignore[assignment]
            self.add_error(field if field in self.fields else None, message)
