"""The import forms of villages and of criteria share one check of the uploaded file
(:class:`emulation.fields.DataFileValidator`): size, emptiness, extension."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communes.forms import VillageUploadForm
from criteria.forms import ImportUploadForm
from emulation.fields import DATA_FILE_MAX_BYTES

pytestmark = pytest.mark.integration

VILLAGES_ONLY = "Chỉ nhận tệp .csv hoặc .xlsx."
EXCEL_ONLY = "Chỉ nhận tệp Excel .xlsx."
TOO_LARGE = "Tệp lớn quá 2 MB."

CASES = [
    # form, file name, size, the error on "file" (None: accepted)
    (VillageUploadForm, "thon.csv", 10, None),
    (VillageUploadForm, "THON.XLSX", 10, None),
    (VillageUploadForm, "thon.csv", DATA_FILE_MAX_BYTES, None),
    (VillageUploadForm, "thon.csv", DATA_FILE_MAX_BYTES + 1, TOO_LARGE),
    (VillageUploadForm, "thon.pdf", 10, VILLAGES_ONLY),
    (VillageUploadForm, "thon.csv.exe", 10, VILLAGES_ONLY),
    (VillageUploadForm, "thon", 10, VILLAGES_ONLY),
    (ImportUploadForm, "tinh-trang.xlsx", 10, None),
    (ImportUploadForm, "Tinh-Trang.XLSX", DATA_FILE_MAX_BYTES, None),
    (ImportUploadForm, "tinh-trang.xlsx", DATA_FILE_MAX_BYTES + 1, TOO_LARGE),
    (ImportUploadForm, "tinh-trang.csv", 10, EXCEL_ONLY),
    (ImportUploadForm, "tinh-trang.xls", 10, EXCEL_ONLY),
    (ImportUploadForm, "tinh-trang.xlsx.pdf", 10, EXCEL_ONLY),
]


@pytest.mark.parametrize(
    "form_class,name,size,error",
    CASES,
    ids=[f"{c[0].__name__}-{c[1]}-{c[2]}" for c in CASES],
)
def test_import_forms_check_the_file(form_class, name, size, error):
    form = form_class(data={}, files={"file": SimpleUploadedFile(name, b"x" * size)})
    if error is None:
        assert form.is_valid(), form.errors
    else:
        assert not form.is_valid()
        assert form.errors["file"] == [error]


@pytest.mark.parametrize("form_class", [VillageUploadForm, ImportUploadForm])
def test_import_forms_refuse_an_empty_file_and_a_missing_one(form_class):
    empty = form_class(data={}, files={"file": SimpleUploadedFile("a.xlsx", b"")})
    assert not empty.is_valid() and "file" in empty.errors
    missing = form_class(data={}, files={})
    assert not missing.is_valid() and "file" in missing.errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,size,error",
    [("tinh-trang.csv", 10, EXCEL_ONLY), ("tinh-trang.xlsx", DATA_FILE_MAX_BYTES + 1, TOO_LARGE)],
)
def test_criteria_import_page_shows_the_refusal_beside_the_field(login, users, name, size, error):
    client = login(users["district_a"])
    upload = SimpleUploadedFile(name, b"x" * size)
    response = client.post(reverse("criteria:import"), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [error]
    assert error in response.content.decode()
