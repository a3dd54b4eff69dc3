"""Bằng khen layouts: administrators place the fields; a test print with a mm grid."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dossiers.documents import certificates
from dossiers.documents.legal import current_plan
from dossiers.documents.models import CertificateField, CertificateLayout, FieldKey
from tests.pdfcheck import find_run, page_texts, pdf_text, reader, text_positions

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["district_a", "district_b", "agency", "reviewer", "appraiser", "admin"]
MM = 72 / 25.4


@pytest.fixture
def layout():
    return certificates.layout_create_default(name="Phôi thử")


def entry(name: str) -> certificates.CertificateEntry:
    return certificates.CertificateEntry(
        recipient=name,
        unit="Thôn Nà Pài, xã Quang Thuận, huyện Bạch Thông",
        achievement=certificates.achievement_text(current_plan(), "năm 2023"),
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2024, 1, 5),
        place="Bắc Kạn",
    )


def test_default_layout_has_every_field_and_is_active(layout):
    assert layout.is_active
    assert set(layout.fields.values_list("key", flat=True)) == set(FieldKey.values)
    assert certificates.active_layout() == layout


def test_one_page_per_nominee_with_fields_where_the_layout_says(layout):
    layout.signer_name = "Nguyễn Đăng Bình"
    layout.save()
    names = ["Ông Nông Văn Cường", "Bà Triệu Thị Ước", "Xã Quang Thuận"]
    data = certificates.certificates_pdf(layout, [entry(n) for n in names])
    pages = page_texts(data)
    assert len(pages) == 3
    for name, text in zip(names, pages, strict=True):
        assert name in text
        assert "Quyết định số 1234/QĐ-UBND ngày 05/01/2024" in text
        assert "Bắc Kạn, ngày 05 tháng 01 năm 2024" in text
        assert "Nguyễn Đăng Bình" in text
    page = reader(data).pages[0]
    assert round(float(page.mediabox.width) / MM) == 297
    assert round(float(page.mediabox.height) / MM) == 210
    # Move the recipient 30 mm down: it prints 30 mm lower.
    before = find_run(text_positions(data), "Ông Nông Văn Cường")[2]
    field = layout.fields.get(key=FieldKey.RECIPIENT)
    field.y_mm += 30
    field.save()
    moved = certificates.certificates_pdf(layout, [entry(names[0])])
    after = find_run(text_positions(moved), "Ông Nông Văn Cường")[2]
    assert abs((before - after) - 30 * MM) < 1.5


def test_hidden_field_is_not_printed_but_shown_on_the_test_print(layout):
    e = entry("Ông Hà Văn Đức")
    e.register = "125/BK"
    data = certificates.certificates_pdf(layout, [e])
    assert "125/BK" not in pdf_text(data)  # the register field is hidden by default
    proof = pdf_text(certificates.test_print_pdf(layout))
    assert "Số vào sổ" in proof and "không in" in proof
    assert certificates.SAMPLE_RECIPIENT in proof
    # The grid's figures every 10 mm.
    assert "290" in proof and "200" in proof


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_edit_layouts(login, users, layout, role):
    client = login(users[role])
    urls = [
        reverse("documents:layouts"),
        reverse("documents:layout_edit", args=[layout.pk]),
        reverse("documents:layout_test_print", args=[layout.pk]),
        reverse("documents:layout_test_view", args=[layout.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (200 if role == "admin" else 403), url
    response = client.post(reverse("documents:layout_activate", args=[layout.pk]))
    assert response.status_code == (302 if role == "admin" else 403)


def test_anonymous_goes_to_login(client, layout):
    response = client.get(reverse("documents:layout_edit", args=[layout.pk]))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def _post_data(layout, changes):
    data = {
        "layout-name": layout.name,
        "layout-page_width_mm": "297",
        "layout-page_height_mm": "210",
        "layout-signer_title": "CHỦ TỊCH",
        "layout-signer_name": "Nguyễn Đăng Bình",
        "fields-TOTAL_FORMS": str(layout.fields.count()),
        "fields-INITIAL_FORMS": str(layout.fields.count()),
    }
    for i, field in enumerate(layout.fields.order_by("y_mm", "x_mm")):
        prefix = f"fields-{i}-"
        data[prefix + "id"] = str(field.pk)
        data[prefix + "x_mm"] = str(field.x_mm).replace(".", ",")
        data[prefix + "y_mm"] = str(field.y_mm).replace(".", ",")
        data[prefix + "width_mm"] = str(field.width_mm).replace(".", ",")
        data[prefix + "font_size_pt"] = str(field.font_size_pt).replace(".", ",")
        data[prefix + "align"] = field.align
        for flag in ("bold", "italic", "uppercase", "visible"):
            if getattr(field, flag):
                data[prefix + flag] = "on"
        for (key, name), value in changes.items():
            if key == field.key:
                data[prefix + name] = value
    return data


def test_admin_moves_a_field_with_a_vietnamese_decimal(login, users, layout):
    client = login(users["admin"])
    data = _post_data(layout, {(FieldKey.RECIPIENT, "y_mm"): "97,5"})
    response = client.post(reverse("documents:layout_edit", args=[layout.pk]), data)
    assert response.status_code == 302
    field = layout.fields.get(key=FieldKey.RECIPIENT)
    assert str(field.y_mm) == "97.5"
    layout.refresh_from_db()
    assert layout.signer_name == "Nguyễn Đăng Bình" and layout.updated_by == users["admin"]


def test_field_past_the_edge_is_refused_beside_the_field(login, users, layout):
    client = login(users["admin"])
    data = _post_data(
        layout,
        {(FieldKey.RECIPIENT, "x_mm"): "200", (FieldKey.ACHIEVEMENT, "font_size_pt"): "abc"},
    )
    response = client.post(reverse("documents:layout_edit", args=[layout.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "vượt quá mép phải" in body
    assert 'value="200"' in body and 'value="abc"' in body  # what was typed is kept
    assert layout.fields.get(key=FieldKey.RECIPIENT).x_mm == 30


def test_new_layout_and_activation(login, users, layout):
    client = login(users["admin"])
    response = client.post(reverse("documents:layouts"), {"name": "Phôi 2025"})
    assert response.status_code == 302
    new = CertificateLayout.objects.get(name="Phôi 2025")
    assert not new.is_active and new.fields.count() == len(FieldKey.values)
    response = client.post(reverse("documents:layouts"), {"name": "Phôi 2025"})
    assert "Đã có mẫu phôi tên này" in response.content.decode()
    client.post(reverse("documents:layout_activate", args=[new.pk]))
    assert list(CertificateLayout.objects.filter(is_active=True)) == [new]
    assert CertificateField.objects.filter(layout=layout).count() == len(FieldKey.values)


def test_slices_join_into_one_pdf_in_order(layout):
    from dossiers.documents import pdf

    names = ["Ông Hà Văn Đức", "Bà Lục Thị Yến", "Xã Mỹ Thanh"]
    parts = [
        certificates.certificates_document(layout, [entry(names[0])]),
        certificates.certificates_document(layout, [entry(n) for n in names[1:]]),
    ]
    pages = page_texts(pdf.join_documents(parts))
    assert len(pages) == 3
    assert [next(n for n in names if n in p) for p in pages] == names
