"""Builders shared by the dossier tests (no tests here): records, dossiers, files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from communes.models import Commune, Province, UnitChange, Village
from communes.selectors import forget_province_families
from dossiers import services
from dossiers.models import AttachmentKind, Dossier, NomineeKind
from dossiers.numbering import proposer_abbreviation
from tests.factories import (
    AssessmentFactory,
    CapitalDebtFactory,
    RecognitionFactory,
    VillageFactory,
    bulk,
)

PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    return buffer.getvalue()


def upload(name: str = "van-ban.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files of a test go to its own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


# --- records ---------------------------------------------------------------------


def recognize(commune: Commune, level: str = "ntm", on: dt.date = dt.date(2024, 10, 1)):
    return RecognitionFactory(commune=commune, level=level, decision_date=on)


def assess(commune: Commune, criteria, on: dt.date, met: bool = True) -> None:
    bulk(
        AssessmentFactory,
        (dict(criterion_id=k) for k in criteria),
        commune=commune,
        assessed_on=on,
        met=met,
    )


def debt(commune: Commune, year: int, has_debt: bool = True) -> None:
    CapitalDebtFactory(commune=commune, year=year, has_debt=has_debt)


def dbkk_commune(district) -> Commune:
    commune = district.communes.order_by("-code").first()
    commune.extremely_difficult = True
    commune.save()
    return commune


def plain_commune(district, index: int = 0) -> Commune:
    return district.communes.filter(extremely_difficult=False).order_by("code")[index]


def village_of(commune: Commune, name: str = "Nà Pài", dbkk: bool = False) -> Village:
    return VillageFactory(commune=commune, name=name, extremely_difficult=dbkk)


# --- dossiers -------------------------------------------------------------------


def new_dossier(
    user,
    round: str = "annual",  # noqa: A002
    year: int | None = 2024,
    number: str | None = None,
    date: dt.date | None = dt.date(2024, 11, 5),
) -> Dossier:
    if number is None:  # a tờ trình of the user's own body: "05/TTr-UBND", "05/TTr-SNNPTNT"
        number = f"05/TTr-{proposer_abbreviation(agency=user.agency)}"
    return services.dossier_create(
        by=user, round=round, year=year, document_number=number, document_date=date
    )


def edit_header(dossier: Dossier, by, *, expected_version: int | None = None, **changes):
    """Save the dossier's header as its edit form would: its current values with ``changes``,
    from the version it has now (or ``expected_version``: a form loaded earlier)."""
    values = {
        "year": dossier.year,
        "document_number": dossier.document_number,
        "document_date": dossier.document_date,
        "summary": dossier.summary,
    } | changes
    version = dossier.version if expected_version is None else expected_version
    return services.dossier_update(dossier=dossier, by=by, expected_version=version, **values)


def person_data(
    name: str, commune: Commune, amount: int | None, *, kind=NomineeKind.INDIVIDUAL, **extra
) -> dict:
    data = {
        "kind": kind,
        "title": "person_contribution",
        "name": name,
        "commune": commune,
        "village": None,
        "contribution_value": amount,
        "achievements": f"{name} hiến đất làm đường liên thôn.",
    }
    data.update(extra)
    return data


def add(dossier: Dossier, user, data: dict, nominee=None):
    """Add a nominee, or (``nominee`` given) save new data over it from a fresh form."""
    full = {name: None for name in services.NOMINEE_INPUT_FIELDS}
    full.update({name: "" for name in services.TEXT_FIELDS})
    full.update(data)
    if nominee is not None:
        nominee.refresh_from_db()
        return services.nominee_save(
            dossier=dossier, by=user, data=full, nominee=nominee, expected_version=nominee.version
        )
    return services.nominee_save(dossier=dossier, by=user, data=full)


def add_person(dossier, user, name, commune, amount, **extra):
    return add(dossier, user, person_data(name, commune, amount, **extra))


def add_commune(dossier, user, commune, title: str = "commune_recognized"):
    return add(dossier, user, {"kind": NomineeKind.COMMUNE, "title": title, "commune": commune})


def attach_all(dossier: Dossier, user) -> None:
    """The documents of section IV.1: proposal letter, minutes, one per nominee."""
    services.attachment_upload(
        dossier=dossier, by=user, kind=AttachmentKind.PROPOSAL, upload=upload("to-trinh.pdf")
    )
    services.attachment_upload(
        dossier=dossier,
        by=user,
        kind=AttachmentKind.MINUTES,
        upload=upload("bien-ban.docx", docx_bytes()),
    )
    for n in dossier.nominees.all():
        if not n.attachments.exists():
            services.attachment_upload(
                dossier=dossier,
                by=user,
                kind=AttachmentKind.ACHIEVEMENT,
                nominee=n,
                upload=upload(f"thanh-tich-{n.pk}.png", PNG_BYTES),
            )


def filed(
    user, commune: Commune, name: str, amount: int, *, number: str | None = None, submit=False
) -> Dossier:
    """An annual 2024 draft of ``user`` holding one individual who gave ``amount`` and every
    document of section IV.1; submitted by ``user`` when ``submit``."""
    dossier = new_dossier(user, number=number)
    add_person(dossier, user, name, commune, amount)
    attach_all(dossier, user)
    if submit:
        services.dossier_submit(dossier=dossier, by=user)
    return dossier


def approve(dossier: Dossier, users) -> None:
    """The province's steps on a submitted dossier: received, appraised, approved."""
    services.dossier_receive(dossier=dossier, by=users["reviewer"])
    services.dossier_appraise(dossier=dossier, by=users["appraiser"])
    services.dossier_approve(dossier=dossier, by=users["reviewer"])


def decide(
    dossier: Dossier, by, outcomes: dict, number: str = "1/QĐ-UBND", day=dt.date(2024, 12, 1)
) -> Dossier:
    """Record the decision on an approved dossier: ``outcomes`` {nominee id: (awarded, reason)}."""
    return services.dossier_decide(
        dossier=dossier, by=by, decision_number=number, decision_date=day, outcomes=outcomes
    )


# --- the two-level government (from 1/7/2025) -------------------------------------

MERGER = dt.date(2025, 7, 1)


def thai_nguyen_from_2025() -> Province:
    """Thái Nguyên (19) from 1/7/2025, successor of Bắc Kạn (06, until 30/6/2025): the
    loader's rows when the reorganisation is loaded, else made here the same way."""
    bac_kan = Province.objects.get(code="06", valid_from=None)
    merged = Province.objects.filter(code="19", valid_from=MERGER).first()
    if merged is None:
        merged = Province.objects.create(key="19", code="19", name="Thái Nguyên", valid_from=MERGER)
    Province.objects.filter(pk=bac_kan.pk).update(valid_to=MERGER - dt.timedelta(days=1))
    UnitChange.objects.get_or_create(
        level="province",
        predecessor_province=bac_kan,
        successor_province=merged,
        defaults={"date": MERGER, "legal_basis": "Nghị quyết 202/2025/QH15"},
    )
    forget_province_families()  # as the loader does after a change of the lineage
    return merged


def commune_from_2025(province: Province, name: str, code: str) -> Commune:
    """A commune-level unit of the two-level government (no district), from 1/7/2025."""
    return Commune.objects.create(
        key=f"{code}-20250701",
        code=code,
        name=name,
        kind="xa",
        province=province,
        district=None,
        valid_from=MERGER,
    )
