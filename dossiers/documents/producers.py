"""What the background jobs produce: every certificate of a decision (one PDF),
every achievement report of a round (one ZIP), a decided round's archive package."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from dossiers.models import Dossier, Status
from dossiers.selectors import dossiers_visible_to

from . import archive, builders, certificates, pdf, word
from .jobs import JobError, Progress, register_producer
from .models import DocumentJob, JobKind


@register_producer(JobKind.CERTIFICATES)
def certificates_of_decision(job: DocumentJob, progress: Progress) -> tuple[str, bytes]:
    dossier = dossiers_visible_to(job.created_by).filter(pk=job.params["dossier_id"]).first()
    if dossier is None or dossier.status != Status.DECIDED:
        raise JobError(_("Hồ sơ không còn ở trạng thái đã có quyết định khen thưởng."))
    entries = builders.certificate_entries(dossier)
    if not entries:
        raise JobError(_("Quyết định này không có tập thể, cá nhân nào được khen thưởng."))
    progress(0, len(entries))
    layout = certificates.active_layout()
    # Laid out in slices so the page can show progress, written as one PDF.
    step = 10
    documents = []
    for start in range(0, len(entries), step):
        documents.append(certificates.certificates_document(layout, entries[start : start + step]))
        progress(min(start + step, len(entries)), len(entries))
    name = builders.file_name("bang-khen", dossier.decision_number or dossier.reference) + ".pdf"
    return name, pdf.join_documents(documents)


@register_producer(JobKind.ROUND_REPORTS)
def reports_of_round(job: DocumentJob, progress: Progress) -> tuple[str, bytes]:
    round_code, year = job.params["round"], int(job.params["year"])
    dossiers = list(
        dossiers_visible_to(job.created_by)
        .filter(round=round_code, year=year)
        .exclude(status=Status.WITHDRAWN)
        .order_by("district_id", "agency_id", "id")
    )
    if not dossiers:
        raise JobError(_("Không có hồ sơ nào của đợt này."))
    documents: list[tuple[Dossier, builders.Document]] = []
    # The set the plan's section IV names: the letter with its list, every nominee's
    # report, the minutes of the council's meeting.
    for d in dossiers:
        documents.append((d, builders.proposal_letter(d)))
        documents.extend((d, doc) for doc in builders.achievement_reports(d))
        documents.append((d, builders.council_minutes(d)))
    progress(0, len(documents))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (d, doc) in enumerate(documents, start=1):
            folder = builders.file_name(d.reference, d.proposer_name)
            archive.writestr(
                f"{folder}/{doc.filename}.pdf", pdf.render_pdf(doc.template, doc.context)
            )
            # and its editable copy, for an office that finishes it in Word
            archive.writestr(
                f"{folder}/{doc.filename}.docx", word.render_docx(doc.template, doc.context)
            )
            progress(i, len(documents))
    name = builders.file_name("ho-so-khen-thuong", builders.round_slug(round_code), year)
    return name + ".zip", out.getvalue()


@register_producer(JobKind.ARCHIVE_PACKAGE)
def archive_of_round(job: DocumentJob, progress: Progress) -> tuple[str, bytes]:
    """The package for the archive (nộp lưu) of a decided round: :mod:`.archive`."""
    if not job.created_by.has_perm("documents.archive_round"):
        raise JobError(_("Tài khoản không còn quyền tạo gói hồ sơ nộp lưu."))
    try:
        return archive.archive_package(
            user=job.created_by,
            round_code=job.params["round"],
            year=int(job.params["year"]),
            progress=progress,
        )
    except archive.PackageError as exc:
        raise JobError(str(exc)) from exc
