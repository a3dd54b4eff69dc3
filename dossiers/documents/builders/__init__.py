"""Documents filled from the records: a dossier's proposal letter, each nominee's
achievement report, the council's minutes, the decision and its certificates.

Every builder returns a :class:`Document` (template + context + file name) and
issues a bounded number of queries whatever the number of nominees. One module per
document: :mod:`.proposal`, :mod:`.achievement`, :mod:`.minutes`, :mod:`.decision`
(with the certificates' text); :mod:`.common` holds what they share.

:data:`DOSSIER_DOCUMENTS` lists the documents built from a whole dossier: their URL
slug, builder, link on the dossier page and whether only a decided dossier has them.
A new one is a module here, its template, and a row there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .achievement import AchievementReport, Fact, achievement_report, achievement_reports
from .common import (
    Document,
    chairman,
    council_name,
    file_name,
    head_of,
    nominee_amount,
    nominee_groups,
    nominee_unit,
    proposer_signer,
    round_label,
    round_slug,
)
from .decision import awarded_nominees, certificate_entries, correction_decision, decision
from .minutes import council_minutes
from .proposal import proposal_letter

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class DossierDocument:
    slug: str  # in its URLs: /van-ban/ho-so/<pk>/<slug>/ and <slug>.pdf
    build: Callable[..., Document]  # (dossier, *, signer_id=None) when it has a signer
    label: StrOrPromise  # its PDF's link on the dossier page
    view_label: StrOrPromise = ""  # the link to its printable view, if the page offers one
    decided_only: bool = False
    chooses_signer: bool = False  # the signer may be chosen when it is made (?nguoi-ky=)


DOSSIER_DOCUMENTS: dict[str, DossierDocument] = {
    d.slug: d
    for d in (
        DossierDocument(
            "to-trinh",
            proposal_letter,
            _("Tờ trình đề nghị khen thưởng"),
            _("Tờ trình (bản xem, in)"),
            chooses_signer=True,
        ),
        DossierDocument(
            "bien-ban", council_minutes, _("Biên bản họp Hội đồng Thi đua - Khen thưởng (mẫu)")
        ),
        DossierDocument(
            "quyet-dinh",
            decision,
            _("Quyết định khen thưởng"),
            decided_only=True,
            chooses_signer=True,
        ),
    )
}

__all__ = [
    "DOSSIER_DOCUMENTS",
    "DossierDocument",
    "AchievementReport",
    "Document",
    "Fact",
    "achievement_report",
    "achievement_reports",
    "awarded_nominees",
    "certificate_entries",
    "chairman",
    "council_minutes",
    "correction_decision",
    "council_name",
    "decision",
    "file_name",
    "head_of",
    "nominee_amount",
    "nominee_groups",
    "nominee_unit",
    "proposal_letter",
    "proposer_signer",
    "round_label",
    "round_slug",
]
