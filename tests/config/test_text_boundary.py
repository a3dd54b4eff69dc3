"""Text normalised at the boundary (issue 18, part 3): every text field of every form and
every import takes text in NFC with the invisible characters (zero-width, bidirectional
controls, soft hyphen) removed and refuses other control characters with a message; the
duplicate and "already awarded" checks therefore see one name however it was typed."""

from __future__ import annotations

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.services import villages_parse
from dossiers.awards import nominee_identity
from dossiers.duplicates import duplicates_for
from emulation.text import ControlCharacter, clean_text, fold, nfc
from tests.config.test_bad_input import HEADER, fingerprint, messages_in, nfd
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    approve,
    decide,
    filed,
    new_dossier,
    plain_commune,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f",
              "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
              "\u2069", "\u061c"]  # fmt: skip
CONTROLS = ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"]


@pytest.mark.parametrize("ch", INVISIBLES, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_removed(ch):
    typed = f"Nguy{ch}ễn Thị {ch}Hằng"
    assert clean_text(typed) == "Nguyễn Thị Hằng"
    assert fold(typed) == fold("Nguyễn Thị Hằng") == "nguyen thi hang"


@pytest.mark.parametrize("ch", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_other_control_characters_are_refused_with_their_code(ch):
    with pytest.raises(ControlCharacter, match=f"U\\+{ord(ch):04X}"):
        clean_text(f"Hằng{ch}Nga")


def test_line_breaks_and_tabs_are_typed_and_kept_and_nfd_becomes_nfc():
    assert clean_text("dòng 1\r\ndòng 2\tcột") == "dòng 1\r\ndòng 2\tcột"
    assert clean_text(nfd("Hằng")) == "Hằng" == nfc(nfd("Hằng"))


class AnyForm(forms.Form):
    name = forms.CharField(max_length=50)
    email = forms.EmailField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)


def test_every_form_char_field_cleans_text_and_passwords_are_left_alone():
    form = AnyForm({"name": nfd(" Hoàng\u200b Văn\u00ad A "), "secret": "a\u200bb"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Hoàng Văn A"
    assert form.cleaned_data["secret"] == "a\u200bb"
    form = AnyForm({"name": "A\x07B", "email": "a\x1b@b.vn"})
    assert not form.is_valid()
    assert form.errors["name"] == [
        "Có ký tự điều khiển không hợp lệ (mã U+0007); hãy gõ lại phần này."
    ]
    assert "email" in form.errors
    # a value of only invisible characters is empty: a required field says so
    assert AnyForm({"name": "\u200b\u200f"}).errors["name"] == ["Trường này là bắt buộc."]


def test_a_control_character_in_a_form_is_refused_beside_the_field(login, users):
    client = login(users["admin"])
    before = fingerprint()
    response = client.post(
        reverse("users:user_create"),
        {"username": "canbo", "full_name": "Cán\x1b bộ", "role": "reviewer",
         "password": "Mat-khau-that-dai-2025"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert "Có ký tự điều khiển không hợp lệ (mã U+001B)" in " ".join(messages_in(body))
    assert fingerprint() == before


# --- the duplicate and "already awarded" checks -------------------------------------------


def add_by_form(client, dossier, commune, name: str):
    return client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]),
        {"loai": "individual", "title": "person_contribution", "commune": commune.code,
         "name": name, "contribution_value": "60 triệu", "achievements": "Hiến đất."},
    )  # fmt: skip


def test_a_name_with_a_zero_width_space_is_the_same_person_in_the_dossier(login, users, district_a):
    staff = users["district_a"]
    commune = plain_commune(district_a)
    dossier = filed(staff, commune, "Hoàng Văn Đã Lưu", 60_000_000)
    client = login(staff)
    assert add_by_form(client, dossier, commune, "Hoàng\u200b Văn Đã\u00ad Lưu").status_code == 302
    names = list(dossier.nominees.values_list("name", flat=True))
    assert names == ["Hoàng Văn Đã Lưu", "Hoàng Văn Đã Lưu"]
    nominees = list(dossier.nominees.order_by("pk"))
    assert nominees[0].identity == nominees[1].identity
    found = duplicates_for(dossier, nominees)[nominees[1].pk]
    assert any("đã có trong hồ sơ này" in d.message for d in found)


def test_a_name_with_invisible_characters_is_found_already_awarded(login, users, district_a):
    staff = users["district_a"]
    commune = plain_commune(district_a)
    first = filed(staff, commune, "Nông Văn Dũng", 60_000_000, submit=True)
    approve(first, users)
    decide(first, users["reviewer"], {n.pk: (True, "") for n in first.nominees.all()})
    second = new_dossier(staff, number="09/TTr-UBND")
    client = login(staff)
    typed = "\u202bNông\u200d Văn\u200b Dũng\u202c"
    assert add_by_form(client, second, commune, typed).status_code == 302
    nominee = second.nominees.get()
    assert nominee.name == "Nông Văn Dũng"
    assert nominee.identity == nominee_identity(
        kind="individual", name="Nông Văn Dũng", commune_code=commune.code
    )
    found = duplicates_for(second, [nominee])[nominee.pk]
    assert [d.awarded for d in found] == [True]


# --- imports ---------------------------------------------------------------------------------


def test_village_import_cleans_names_and_refuses_control_characters(users, district_a):
    content = HEADER + "01975,Nà\u200b Pài,có\n01975,Nà Pài,có\n01975,Khuổi\x07 Luông,không\n"
    parsed = villages_parse(upload_name="thon.csv", data=content.encode())
    messages = {(e.row, e.message) for e in parsed.errors}
    assert (3, "Thôn “Nà Pài” bị lặp trong tệp.") in messages
    assert (4, "Có ký tự điều khiển không hợp lệ (mã U+0007); hãy gõ lại phần này.") in messages


def test_village_import_stores_a_name_without_invisible_characters(login, users):
    client = login(users["district_a"])
    upload = SimpleUploadedFile("thon.csv", (HEADER + "01975,\u200fNà\u00ad Pài,có\n").encode())
    preview = client.post(reverse("communes:village_import"), {"file": upload})
    assert preview.context["parsed"].rows[0]["name"] == "Nà Pài"
