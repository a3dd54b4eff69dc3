"""Bad input: a corpus of hostile and malformed inputs across every form, upload and query.

Every case checks that the app answers without a server error, that a refused
input gets a clear message beside the field with what was typed kept, that
nothing is stored that should not be (every table unchanged on a refusal),
that what is accepted is stored normalised (NFC) and shown escaped, and that
nothing saved before is lost.
"""

from __future__ import annotations

import base64
import html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from communes.models import Commune, Village
from emulation.models import User
from emulation.text import nfc
from tests.config.test_permissions_matrix import rows_written
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NFD = "NFD"


def nfd(text: str) -> str:
    return unicodedata.normalize(NFD, text)


@dataclass(frozen=True)
class Hostile:
    """A hostile value and the kinds of field for which it is nevertheless valid input."""

    id: str
    value: str
    valid_for: frozenset[str] = frozenset()


TEXT, USERNAME, EMAIL, PASSWORD_KIND = "text", "username", "email", "password"

CORPUS = [
    Hostile("empty", "", frozenset({TEXT, EMAIL})),
    Hostile("spaces", "   ", frozenset({TEXT, EMAIL})),
    Hostile("long-151", "Ạ" * 151),
    Hostile("long-100k", "Nguyễn Văn " * 10_000),
    Hostile("nfd", nfd("Nguyễn Thị Hằng"), frozenset({TEXT})),
    Hostile("nfd-word", nfd("hằng.nguyễn"), frozenset({TEXT, USERNAME})),
    Hostile("mixed-nfc-nfd", "Nguyễn " + nfd("Thị Hằng Ước"), frozenset({TEXT})),
    Hostile("script", "<script>alert('xss')</script>", frozenset({TEXT})),
    Hostile("img-onerror", '"><img src=x onerror=alert(1)>', frozenset({TEXT})),
    Hostile("template", "{{ settings.SECRET_KEY }}{% debug %}", frozenset({TEXT})),
    Hostile("sql-or", "' OR '1'='1' --", frozenset({TEXT})),
    Hostile("sql-drop", "x'); DROP TABLE emulation_user; --", frozenset({TEXT})),
    Hostile("sql-union", "1 UNION SELECT password FROM emulation_user", frozenset({TEXT})),
    Hostile("null-byte", "abc\x00def"),
    # control characters nobody types: refused beside the field (issue 18)
    Hostile("control", "\x07\x1b[31mđỏ\x1b[0m"),
    Hostile("bell", "Hằng\x07"),
    Hostile("delete", "Hằng\x7f"),
    Hostile("c1-next-line", "Hằng\x85Nga"),
    # invisible characters: removed, what remains is taken (valid once cleaned)
    Hostile("rtl-override", "\u202eexe.fdp", frozenset({TEXT, USERNAME})),
    Hostile("zero-width", "Ng\u200buyễn", frozenset({TEXT, USERNAME})),
    Hostile("zero-width-joiner", "Hằng\u200dNga", frozenset({TEXT, USERNAME})),
    Hostile("rlm", "\u200fNguyễn", frozenset({TEXT, USERNAME})),
    Hostile("soft-hyphen", "Nguy\u00adễn", frozenset({TEXT, USERNAME})),
    Hostile("bidi-isolate", "\u2067Hằng\u2069", frozenset({TEXT, USERNAME})),
    Hostile("emoji", "Lúa 🌾 vàng 🏆", frozenset({TEXT})),
    Hostile("newlines", "dòng 1\r\ndòng 2\n", frozenset({TEXT})),
    Hostile("huge-number", "9" * 40, frozenset({TEXT, USERNAME})),
    Hostile("negative", "-1", frozenset({TEXT, USERNAME})),
    Hostile("path", "../../etc/passwd", frozenset({TEXT})),
    Hostile("email-header", "a@b.vn\r\nBcc: x@evil.example", frozenset({TEXT})),
]


def fingerprint() -> dict:
    """What PostgreSQL counts written so far in this transaction, by table (sessions and
    login attempts aside): equal before and after a refused input, it wrote nothing."""
    return rows_written()


def assert_clean(response) -> str:
    """No server error, no traceback, no unescaped markup of ours echoed back."""
    assert response.status_code in {200, 302, 400, 403, 404, 405, 429}, response.status_code
    body = response.content.decode("utf-8", "replace") if response.content else ""
    assert "Traceback" not in body
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "SECRET_KEY" not in body or "{{ settings.SECRET_KEY }}" in html.unescape(body)
    return body


ERROR_TEXT = re.compile(
    r'class="(?:invalid-feedback|alert alert-danger|alert alert-block alert-danger)[^"]*"'
    r"[^>]*>(.*?)</",
    re.S,
)


# A NUL anywhere in a request is answered by RejectNulMiddleware with this page (400).
NUL_PAGE = "Yêu cầu không hợp lệ (400)"


def messages_in(body: str) -> list[str]:
    """The error messages a person sees on the page."""
    found = [re.sub(r"<[^>]+>", "", m).strip() for m in ERROR_TEXT.findall(body)]
    return found + [NUL_PAGE] if NUL_PAGE in body else found


def assert_refused(response, before: dict) -> str:
    body = assert_clean(response)
    assert response.status_code in {200, 400}, response.status_code
    assert messages_in(body) or "invalid-feedback" in body, "no message for the user"
    assert fingerprint() == before, "a refused input changed the database"
    return body


@pytest.fixture
def admin_client(users):
    client = Client(raise_request_exception=False)
    client.force_login(users["admin"])
    return client


# --- the user form (create) ------------------------------------------------------------------

USER_FIELDS = [
    ("username", USERNAME),
    ("full_name", TEXT),
    ("email", EMAIL),
    ("password", PASSWORD_KIND),
]
BASE_USER = {
    "username": "canbo_moi",
    "full_name": "Cán bộ Mới",
    "email": "",
    "role": "reviewer",
    "password": "Mat-khau-that-dai-2025",
}


@pytest.mark.parametrize("field,kind", USER_FIELDS, ids=[f for f, _ in USER_FIELDS])
@pytest.mark.parametrize("bad", CORPUS, ids=[h.id for h in CORPUS])
def test_user_create(admin_client, bad, field, kind):
    before = fingerprint()
    users_before = User.objects.count()
    response = admin_client.post(reverse("users:user_create"), {**BASE_USER, field: bad.value})
    valid = kind in bad.valid_for or (kind == PASSWORD_KIND and _good_password(bad.value))
    if not valid:
        body = assert_refused(response, before)
        if field in ("full_name", "username") and "\x00" not in bad.value and len(bad.value) < 200:
            assert html.escape(bad.value) in body, "what was typed is not kept"
        return
    assert_clean(response)
    assert response.status_code == 302, messages_in(response.content.decode())
    assert User.objects.count() == users_before + 1
    username = nfc(bad.value) if field == "username" else BASE_USER["username"]
    created = User.objects.get(username=unicodedata.normalize("NFKC", username))
    if field == "full_name":
        assert created.full_name == nfc(bad.value).strip()
        listing = admin_client.get(reverse("users:users"))
        assert html.escape(created.full_name) in assert_clean(listing) or not created.full_name


def _good_password(value: str) -> bool:
    return 8 <= len(value) <= 128 and not value.strip().isdigit() and "\x00" not in value


# --- the user form (update): nothing saved before is lost --------------------------------------

UPDATE_FIELDS = [("full_name", TEXT), ("email", EMAIL)]


@pytest.mark.parametrize("field,kind", UPDATE_FIELDS, ids=[f for f, _ in UPDATE_FIELDS])
@pytest.mark.parametrize("bad", CORPUS, ids=[h.id for h in CORPUS])
def test_user_update(admin_client, users, bad, field, kind):
    target = users["district_a"]
    target.full_name, target.email = "Hoàng Thị Đã Lưu", "da-luu@backan.gov.vn"
    target.save()
    before = fingerprint()
    data = {
        "full_name": target.full_name,
        "email": target.email,
        "role": "district",
        "district": target.district_id,
        "is_active": "on",
        field: bad.value,
    }
    response = admin_client.post(reverse("users:user_update", args=[target.pk]), data)
    target.refresh_from_db()
    if kind not in bad.valid_for:
        assert_refused(response, before)
        assert (target.full_name, target.email) == ("Hoàng Thị Đã Lưu", "da-luu@backan.gov.vn")
        return
    assert_clean(response)
    assert response.status_code == 302
    if field == "full_name":
        assert target.full_name == nfc(bad.value).strip()
    assert target.district_id == "063" and target.role == "district"


SCOPE_CASES = [
    ("role", "quan-tri-toi-cao"),
    ("role", "ADMIN"),
    ("role", ""),
    ("district", "999"),
    ("district", "' OR 1=1 --"),
    ("district", "0" * 500),
    ("district", ""),
    ("agency", "abc"),
    ("agency", "-1"),
    ("agency", "99999999999999999999999999"),
    ("agency", "1.5"),
    ("agency", ""),
    ("is_active", "\x00"),
]


@pytest.mark.parametrize(
    "field,value", SCOPE_CASES, ids=[f"{f}={v[:12]!r}" for f, v in SCOPE_CASES]
)
def test_user_scope_fields(admin_client, users, field, value):
    """Role and scope: an invalid choice is refused beside the field, the saved scope kept."""
    target = users["district_a"]
    before = fingerprint()
    role = {"agency": "agency", "district": "district"}.get(field, "district")
    data = {
        "full_name": "X",
        "email": "",
        "role": role,
        "district": "063",
        "agency": "",
        field: value,
    }
    if field == "is_active":
        data["role"] = "district"
    response = admin_client.post(reverse("users:user_update", args=[target.pk]), data)
    target.refresh_from_db()
    if field == "is_active":  # a checkbox: any value ticks it; nothing else to refuse
        assert_clean(response)
        assert target.is_active and target.district_id == "063"
        return
    assert_refused(response, before)
    assert target.role == "district" and target.district_id == "063"


# --- login and password change ---------------------------------------------------------------


@pytest.mark.parametrize("field", ["username", "password"])
@pytest.mark.parametrize("bad", CORPUS, ids=[h.id for h in CORPUS])
def test_login(users, bad, field):
    client = Client(raise_request_exception=False)
    data = {"username": users["reviewer"].username, "password": PASSWORD, field: bad.value}
    response = client.post(reverse("login"), data)
    body = assert_clean(response)
    assert response.status_code in ({400} if "\x00" in bad.value else {200, 429})
    assert "_auth_user_id" not in client.session
    if field == "username" and len(bad.value) > 150:
        assert "Tên đăng nhập dài quá 150 ký tự" in body
    assert messages_in(body) or "invalid-feedback" in body or "Tạm khóa" in body


@pytest.mark.parametrize("field", ["old_password", "new_password1"])
@pytest.mark.parametrize("bad", CORPUS, ids=[h.id for h in CORPUS])
def test_password_change(users, bad, field):
    user = users["appraiser"]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    new = "Mat-khau-moi-2025"
    data = {"old_password": PASSWORD, "new_password1": new, "new_password2": new, field: bad.value}
    response = client.post(reverse("password_change"), data)
    user.refresh_from_db()
    body = assert_clean(response)
    assert response.status_code == (400 if "\x00" in bad.value else 200)
    assert messages_in(body) or "invalid-feedback" in body
    assert user.check_password(PASSWORD), "the saved password was lost"


# --- flags (a model form of two checkboxes) ---------------------------------------------------


@pytest.mark.parametrize("bad", CORPUS[:12], ids=[h.id for h in CORPUS[:12]])
def test_commune_flags(admin_client, commune_a, bad):
    response = admin_client.post(
        reverse("communes:flags", args=[commune_a.code]),
        {"extremely_difficult": bad.value, "on_roadmap": bad.value, "name": "Đổi tên"},
    )
    assert_clean(response)
    commune = Commune.objects.get(key=commune_a.pk)
    assert commune.name == commune_a.name, "a field outside the form was written"
    assert commune.extremely_difficult is (bad.value not in ("",))


# --- query strings ----------------------------------------------------------------------------

QUERY_VALUES = [
    "",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\x00",
    nfd("Bạch Thông"),
    "a" * 5000,
    "-1",
    "99999999999999999999",
    "1.5",
]
QUERIES = [
    ("communes:list", "q"),
    ("communes:list", "huyen"),
    ("communes:list", "dbkk"),
    ("communes:list", "page"),
    ("users:users", "q"),
    ("users:users", "page"),
    ("users:audit_log", "loai"),
    ("users:audit_log", "doi_tuong"),
    ("users:audit_log", "nguoi"),
    ("users:audit_log", "tu"),
    ("users:audit_log", "den"),
    ("users:audit_log", "page"),
]


@pytest.mark.parametrize("url,param", QUERIES, ids=[f"{u}?{p}" for u, p in QUERIES])
@pytest.mark.parametrize("value", QUERY_VALUES, ids=[f"v{i}" for i in range(len(QUERY_VALUES))])
def test_query_string(admin_client, url, param, value):
    response = admin_client.get(reverse(url), {param: value})
    body = assert_clean(response)
    if "\x00" in value:  # PostgreSQL refuses NUL in text: refused before any view
        assert response.status_code == 400 and "Yêu cầu không hợp lệ" in body
    else:
        assert response.status_code == 200


def test_search_finds_a_commune_typed_in_nfd(login, users):
    client = login(users["reviewer"])
    body = client.get(reverse("communes:list"), {"q": nfd("Vi Hương")}).content.decode()
    assert "Vi Hương" in body and "Không có đơn vị nào khớp" not in body


# --- uploads: the village import --------------------------------------------------------------

HEADER = "Mã xã,Tên thôn,Thôn ĐBKK (có/không)\n"


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * 50_000_000)
    return out.getvalue()


def xlsx_row_bomb(rows: int) -> bytes:
    """A valid .xlsx of 1.5 MB whose sheet unpacks to `rows` rows (minutes of parsing)."""
    book = io.BytesIO(xlsx_bytes([HEADER.strip().split(",")]))
    out = io.BytesIO()
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, rest = data.split(b"<sheetData>")
                tail = rest.split(b"</sheetData>")[1]
                body = b"".join(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>01975</t></is></c></row>' % (i, i)
                    for i in range(1, rows)
                )
                data = head.replace(b"A1:C1", b"A1:C%d" % rows) + b"<sheetData>" + body
                data += b"</sheetData>" + tail
            z.writestr(item, data)
    return out.getvalue()


UPLOADS = [
    ("zero-byte.csv", b"", "Tập tin được gửi là rỗng"),
    ("oversized.csv", HEADER.encode() + b"01975,Thon,co\n" * 200_000, "lớn quá 2 MB"),
    ("elf.csv", b"\x7fELF\x02\x01\x01" + b"\x00" * 500, "Không đọc được tệp"),
    ("elf-no-nul.csv", b"\x7fELF\x02\x01\x01\x03" * 50, "Dòng tiêu đề"),
    ("program.xlsx", b"MZ\x90\x00\x03" + b"\x00" * 500, "Không đọc được tệp"),
    ("really-a-pdf.csv", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF", "Dòng tiêu đề"),
    ("program.exe", b"MZ\x90\x00", "Chỉ nhận tệp .csv hoặc .xlsx"),
    ("thon.pdf", b"%PDF-1.4 fake", "Chỉ nhận tệp .csv hoặc .xlsx"),
    ("windows-1258.csv", (HEADER + "01975,Bản Đôn,có\n").encode("cp1258", "replace"),
     "Không đọc được tệp"),
    ("utf16.csv", (HEADER + "01975,Nà Pài,không\n").encode("utf-16"), "Không đọc được tệp"),
    ("nul.csv", HEADER.encode() + b"01975,N\x00a,co\n", "Không đọc được tệp"),
    ("header-only.csv", HEADER.encode(), "không có dòng dữ liệu"),
    ("wrong-header.csv", b"a,b,c\n1,2,3\n", "Dòng tiêu đề"),
    ("bad-row.csv", (HEADER + "01975,,có\n").encode(), "Tên thôn bị trống"),
    ("other-district.csv", (HEADER + "01888,Nà Pài,không\n").encode(), "không thuộc phạm vi"),
    ("too-many-rows.csv", (HEADER + "01975,,có\n" * 5001).encode(), "hơn 5.000 dòng"),
    ("row-bomb.xlsx", xlsx_row_bomb(300_000), "hơn 5.000 dòng"),
    ("unknown-commune.csv", (HEADER + "99999,Nà Pài,không\n").encode(), "Không có xã mã"),
    ("sql-commune.csv", (HEADER + "' OR 1=1 --,Nà Pài,không\n").encode(), "Không có xã mã"),
    ("long-name.csv", (HEADER + "01975," + "Ạ" * 101 + ",không\n").encode(), "dài quá 100"),
    ("nfc-nfd-dup.csv", (HEADER + f"01975,Nà Pài,có\n01975,{nfd('Nà Pài')},có\n").encode(),
     "bị lặp"),
    ("bad-flag.csv", (HEADER + "01975,Nà Pài,có lẽ\n").encode(), "Chỉ ghi"),
    ("corrupt.xlsx", b"PK\x03\x04 not really a zip", "Không đọc được tệp"),
    ("zip-bomb.xlsx", zip_bomb(), "nén bất thường"),
    ("wrong-header.xlsx", xlsx_bytes([["x", "y"], ["01975", "Nà Pài"]]), "Dòng tiêu đề"),
    ("../../../etc/passwd.csv", (HEADER + "01975,,có\n").encode(), "Tên thôn bị trống"),
    ("a" * 300 + ".csv", (HEADER + "01975,,có\n").encode(), "Tên thôn bị trống"),
]  # fmt: skip


@pytest.mark.parametrize("name,data,message", UPLOADS, ids=[u[0][:30] for u in UPLOADS])
def test_village_upload_refused(login, users, name, data, message):
    client = login(users["district_a"])
    client.raise_request_exception = False
    before = fingerprint()
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    response = client.post(reverse("communes:village_import"), {"file": upload})
    body = assert_refused(response, before)
    assert message in body, messages_in(body)
    assert 'name="payload"' not in body, "a refused file offered a confirm button"


HOSTILE_NAMES = [
    h for h in CORPUS if TEXT in h.valid_for and h.value.strip() and "," not in h.value
]


@pytest.mark.parametrize("bad", HOSTILE_NAMES, ids=[h.id for h in HOSTILE_NAMES])
def test_village_names_are_stored_as_typed_in_nfc_and_shown_escaped(login, users, bad):
    client = login(users["district_a"])
    client.raise_request_exception = False
    value = bad.value.replace("\r", " ").replace("\n", " ").replace('"', "'")
    content = (HEADER + f'01975,"{value}",có\n').encode()
    upload = SimpleUploadedFile("thon.csv", content, content_type="text/csv")
    preview = client.post(reverse("communes:village_import"), {"file": upload})
    assert_clean(preview)
    confirm = client.post(
        reverse("communes:village_import"),
        {"confirm": "1", "payload": preview.context["payload"], "upload_name": "thon.csv"},
    )
    assert_clean(confirm)
    village = Village.objects.get(commune_id="01975")
    assert village.name == nfc(value).strip()
    page = client.get(reverse("communes:detail", args=["01975"]))
    assert html.escape(village.name) in assert_clean(page)


CONFIRMS = [
    ("not-base64", {"payload": "%%% không phải base64 %%%", "upload_name": "thon.csv"}),
    ("empty-payload", {"payload": "", "upload_name": "thon.csv"}),
    ("missing-payload", {"upload_name": "thon.csv"}),
    ("garbage", {"payload": base64.b64encode(b"\x7fELF" * 100).decode(), "upload_name": "a.csv"}),
    ("exe-name", {"payload": base64.b64encode(b"MZ" * 10).decode(), "upload_name": "a.exe"}),
    ("tampered-district",
     {"payload": base64.b64encode((HEADER + "01888,Nà Pài,không\n").encode()).decode(),
      "upload_name": "thon.csv"}),
    ("tampered-bad-row",
     {"payload": base64.b64encode((HEADER + "01975,,có\n").encode()).decode(),
      "upload_name": "thon.csv"}),
    ("huge-payload", {"payload": "A" * 3_000_000, "upload_name": "thon.csv"}),
]  # fmt: skip


@pytest.mark.parametrize("case,data", CONFIRMS, ids=[c for c, _ in CONFIRMS])
def test_village_confirm_tampered(login, users, case, data):
    client = login(users["district_a"])
    client.raise_request_exception = False
    before = fingerprint()
    response = client.post(reverse("communes:village_import"), {"confirm": "1", **data})
    assert_refused(response, before)


# --- CSRF and replays ------------------------------------------------------------------------

CSRF_FORMS = [
    ("login", [], "anonymous"),
    ("logout", [], "reviewer"),
    ("password_change", [], "reviewer"),
    ("set_language", [], "reviewer"),
    ("users:user_create", [], "admin"),
    ("users:user_update", ["district_a"], "admin"),
    ("communes:flags", ["commune_a"], "admin"),
    ("communes:village_import", [], "district_a"),
]


@pytest.mark.parametrize("token", ["missing", "wrong", "other-session"])
@pytest.mark.parametrize("url,args,role", CSRF_FORMS, ids=[f[0] for f in CSRF_FORMS])
def test_csrf_is_enforced(users, commune_a, url, args, role, token):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if role != "anonymous":
        client.force_login(users[role])
    ids = {"district_a": users["district_a"].pk, "commune_a": commune_a.code}
    path = reverse(url, args=[ids[a] for a in args])
    client.get(path)  # a real visit sets the CSRF cookie
    data = {
        "username": "huyen_a",
        "password": PASSWORD,
        "full_name": "Bị giả mạo",
        "role": "reviewer",
        "extremely_difficult": "on",
        "language": "en",
    }
    if token == "wrong":
        data["csrfmiddlewaretoken"] = "x" * 64
    elif token == "other-session":
        other = Client()
        other.get(reverse("login"))
        data["csrfmiddlewaretoken"] = other.cookies["csrftoken"].value
    before = fingerprint()
    session_before = client.session.session_key
    response = client.post(path, data)
    body = assert_clean(response)
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in body
    assert fingerprint() == before
    assert client.session.session_key == session_before  # not logged in, not logged out


def test_replayed_user_create_makes_one_user(admin_client):
    data = {**BASE_USER, "username": "phat_lai"}
    first = admin_client.post(reverse("users:user_create"), data)
    assert first.status_code == 302
    before = fingerprint()
    second = admin_client.post(reverse("users:user_create"), data)
    body = assert_refused(second, before)
    assert "Tên đăng nhập đã được sử dụng" in body, messages_in(body)
    assert User.objects.filter(username="phat_lai").count() == 1


def test_replayed_village_confirm_does_not_duplicate(login, users):
    client = login(users["district_a"])
    payload = base64.b64encode((HEADER + "01975,Nà Pài,có\n01975,Khuổi Luông,không\n").encode())
    data = {"confirm": "1", "payload": payload.decode(), "upload_name": "thon.csv"}
    assert client.post(reverse("communes:village_import"), data).status_code == 302
    assert client.post(reverse("communes:village_import"), data).status_code == 302
    assert sorted(Village.objects.values_list("name", flat=True)) == ["Khuổi Luông", "Nà Pài"]


def test_replayed_password_change_is_refused_and_keeps_the_new_password(users):
    user = users["agency"]
    client = Client()
    client.force_login(user)
    data = {
        "old_password": PASSWORD,
        "new_password1": "Moi-Mat-Khau-2025",
        "new_password2": "Moi-Mat-Khau-2025",
    }  # noqa: E501
    assert client.post(reverse("password_change"), data).status_code == 302
    replay = client.post(reverse("password_change"), data)
    assert replay.status_code == 200 and "invalid-feedback" in replay.content.decode()
    user.refresh_from_db()
    assert user.check_password("Moi-Mat-Khau-2025")


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"],
)
def test_login_and_language_never_redirect_off_site(users, next_url):
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": users["reviewer"].username, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    response = client.post(reverse("set_language"), {"language": "vi", "next": next_url})
    assert response["Location"] == "/"


def test_the_corpus_is_large_enough(request):
    cases = [item for item in request.session.items if item.module.__name__ == __name__]
    assert len(cases) >= 150
