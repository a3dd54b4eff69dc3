"""Write every kind of official document the app makes, from the data in the database
(the demo's, after ``seed_demo``), into a folder: one file per kind and decree period.

    manage.py render_samples OUTDIR [--language CODE]

File names are the kind's ("to-trinh", "quyet-dinh", "bien-ban" …); a document whose
text follows the decree in force on its date (the tờ trình and the decision cite it, the
achievement report takes its form) gets the period's code too ("quyet-dinh-nd98-2023.pdf",
"bao-cao-thanh-tich-ca-nhan-nd91-2017.pdf"). Each PDF but the certificates has its
editable copy beside it (".docx", same name). One decision is also written signed
(PAdES) with the demo's own test certificate: "quyet-dinh-ky-so-<period>.pdf". The
paths are printed one per line.
``--language`` sets the interface language in force while rendering: the documents are
Vietnamese whatever it is (issue 15), which is what this command lets anyone check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from dossiers.documents import (
    bodies,
    builders,
    certificates,
    excel,
    issued,
    pdf,
    signing,
    word,
)
from dossiers.documents.builders import Document
from dossiers.legal import legal_basis_on
from dossiers.models import Dossier, RoundChoices, Status
from dossiers.selectors import nominees_of
from progress.views_report import district_report_document
from progress.workbook import district_report_xlsx


def _period(code: str) -> str:
    return code.replace("_", "-")


class Command(BaseCommand):
    help = (
        "Ghi mọi loại văn bản chính thức (PDF, Excel) từ dữ liệu vào thư mục OUTDIR, mỗi "
        "loại và mỗi giai đoạn nghị định một tệp; in đường dẫn các tệp, mỗi dòng một tệp."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Ngôn ngữ giao diện khi tạo văn bản (văn bản luôn bằng tiếng Việt).",
        )

    def handle(self, *args, outdir: str, language: str, **options):
        out = Path(outdir)
        out.mkdir(parents=True, exist_ok=True)
        dossiers = list(
            Dossier.objects.exclude(status=Status.WITHDRAWN)
            .select_related("district", "commune", "agency", "plan")
            .order_by("id")
        )
        if not dossiers:
            raise CommandError("Chưa có hồ sơ nào: chạy manage.py seed_demo trước.")
        with translation.override(language):
            for name, data in self._files(dossiers):
                path = out / name
                path.write_bytes(data)
                self.stdout.write(str(path))

    # ---- what is written ---------------------------------------------------------

    def _files(self, dossiers: list[Dossier]) -> Iterator[tuple[str, bytes]]:
        seen: set[str] = set()

        def once(name: str) -> bool:
            if name in seen:
                return False
            seen.add(name)
            return True

        for d in dossiers:
            on = d.document_date or dt.date(d.year, 12, 31)
            name = f"to-trinh-{_period(legal_basis_on(on).code)}.pdf"
            if once(name):
                yield from self._both(name, builders.proposal_letter(d))
        richest = max(dossiers, key=lambda d: d.nominees.count())
        yield from self._both("bien-ban.pdf", builders.council_minutes(richest))
        decided = [d for d in dossiers if d.status == Status.DECIDED and d.decision_date]
        for d in decided:
            assert d.decision_date is not None
            name = f"quyet-dinh-{_period(legal_basis_on(d.decision_date).code)}.pdf"
            if once(name):
                yield from self._both(name, builders.decision(d))
        if decided:
            yield self._signed_decision(decided[0])
        for d in dossiers:
            kind = "tom-tat-thanh-tich" if d.round == RoundChoices.ANNUAL else "bao-cao-thanh-tich"
            for nominee in nominees_of(d):
                who = "ca-nhan" if nominee.kind_spec.is_person else "tap-the"
                name = f"{kind}-{who}-{_period(d.legal_basis)}.pdf"
                if once(name):
                    yield from self._both(name, builders.achievement_report(d, nominee))
        if decided:
            entries = builders.certificate_entries(decided[0])[:3]
            if entries:
                layout = certificates.active_layout()
                yield "bang-khen.pdf", certificates.certificates_pdf(layout, entries)
        district_dossier = next((d for d in dossiers if d.district is not None), None)
        if district_dossier is not None:
            assert district_dossier.district is not None
            data, context = district_report_document(
                district_dossier.district, district_dossier.year, None
            )
            template = "documents/district_report.html"
            yield "bao-cao-huyen.pdf", pdf.render_pdf(template, context)
            yield "bao-cao-huyen.docx", word.render_docx(template, context)
            yield "bao-cao-huyen.xlsx", district_report_xlsx(data)
        yield "danh-sach-de-nghi.xlsx", excel.dossier_nominees_xlsx(richest)
        yield "danh-sach-ho-so.xlsx", excel.queue_xlsx(dossiers)

    @staticmethod
    def _signed_decision(d: Dossier) -> tuple[str, bytes]:
        """The decision signed PAdES with the demo's own test certificate (a demo CA that
        nobody trusts: pdfsig finds the signature valid, the issuer untrusted)."""
        document = builders.decision(d)
        committee = bodies.province_committee(bodies.home_province(d.decision_date))
        credential = signing.demo_credential(body_key=committee.key, body_name=committee.name)
        assert d.decision_date is not None
        rendered = pdf.render_pdf_placed(document.template, document.context)
        signed = signing.pdf_sign(
            document=rendered.data,
            credential=credential,
            signer_name=issued.signer_name_of(document, committee.name),
            body_name=committee.name,
            page=rendered.sign_page,  # over the signer's place, as issued ones are
            box=signing.stamp_box_over(rendered.sign_place),
        )
        return f"quyet-dinh-ky-so-{_period(legal_basis_on(d.decision_date).code)}.pdf", signed

    @staticmethod
    def _both(name: str, document: Document) -> Iterator[tuple[str, bytes]]:
        """The PDF and its editable copy (.docx) of the same name."""
        yield name, pdf.render_pdf(document.template, document.context)
        yield (
            name.removesuffix(".pdf") + ".docx",
            word.render_docx(document.template, document.context),
        )
