"""Generated documents in the checklist (issue 17, part 3): what the plan wants signed
says "cần in, ký, đóng dấu và tải bản quét lên" with a print link; what may stay as the
app makes it (the annual round's summary) counts as present."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dossiers import completeness, services
from dossiers.models import AttachmentKind, Nominee
from tests.dossiers.support import (
    _media,  # noqa: F401 - autouse fixture
    add_person,
    new_dossier,
    plain_commune,
    upload,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
TO_SCAN = "cần in, ký, đóng dấu và tải bản quét lên"


def test_annual_summary_may_stay_generated_letters_and_minutes_must_be_signed(
    login, users, district_a
):
    district = users["district_a"]
    dossier = new_dossier(district)
    nominee = add_person(dossier, district, "Nguyễn Văn An", plain_commune(district_a), 60_000_000)
    items = completeness.checklist(dossier, [nominee], [])
    proposal, summary, minutes = items
    assert summary.present and summary.generated and not summary.to_scan
    assert summary.print_url == reverse("documents:report_pdf", args=[dossier.pk, nominee.pk])
    assert not proposal.present and proposal.to_scan and not minutes.present and minutes.to_scan
    page = login(district).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert page.count(f"<strong>{TO_SCAN}</strong>") == 2  # and among the problems:
    assert page.count(f"({TO_SCAN})") == 2
    assert f'href="{reverse("documents:dossier_pdf", args=[dossier.pk, "to-trinh"])}"' in page
    assert f'href="{reverse("documents:dossier_pdf", args=[dossier.pk, "bien-ban"])}"' in page
    assert "Dùng bản hệ thống lập từ hồ sơ" in page
    # the signed scans uploaded: nothing is missing, nothing is left to scan
    for kind in (AttachmentKind.PROPOSAL, AttachmentKind.MINUTES):
        services.attachment_upload(dossier=dossier, by=district, kind=kind, upload=upload())
    assert services.dossier_problems(dossier) == []
    page = login(district).get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert TO_SCAN not in page


def test_a_final_round_report_needs_the_proposers_certification(users):
    agency = users["agency"]
    dossier = services.dossier_create(
        by=agency, round="final", year=None, document_number="1/TTr", document_date=None
    )
    report = Nominee(pk=1, name="Hợp tác xã Thử", dossier=dossier)  # read only: pk, name
    items = completeness.checklist(dossier, [report], [])
    assert len(items) == 3 and all(item.must_sign and item.to_scan for item in items)
    assert not any(item.present for item in items)
