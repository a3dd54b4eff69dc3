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

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier

from .. import bodies
from ..bodies import Body
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
from .decision import (
    awarded_nominees,
    certificate_entries,
    correction_decision,
    decision,
    stored_signatory,
)
from .minutes import council_minutes
from .proposal import proposal_letter

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Signing:
    """Who signs a document made from a dossier: the issuing body, the document's date
    (the signatories valid that day may sign), whether "TM." heads the block, and the
    signatory stored with the issued document (None: the body's default one)."""

    body: Body
    on: dt.date | None
    on_behalf: bool = True
    stored: int | None = None


def proposal_signing(dossier: Dossier) -> Signing:
    return Signing(bodies.proposer(dossier), dossier.document_date)


def decision_signing(dossier: Dossier) -> Signing:
    """The chairman's decision (no "TM."), signed by who was chosen when it was issued."""
    issuer = bodies.province_committee(bodies.home_province(dossier.decision_date))
    return Signing(issuer, dossier.decision_date, on_behalf=False, stored=stored_signatory(dossier))


@dataclass(frozen=True)
class DossierDocument:
    slug: str  # in its URLs: /van-ban/ho-so/<pk>/<slug>/ and <slug>.pdf
    build: Callable[..., Document]  # (dossier, *, signer_id=None) when it has a signer
    label: StrOrPromise  # its PDF's link on the dossier page
    view_label: StrOrPromise = ""  # the link to its printable view, if the page offers one
    decided_only: bool = False
    # the signer may be chosen when it is made (the printable view's "Người ký" list,
    # ?nguoi-ky=<id>): who signs it
    signing: Callable[[Dossier], Signing] | None = None

    @property
    def chooses_signer(self) -> bool:
        return self.signing is not None


DOSSIER_DOCUMENTS: dict[str, DossierDocument] = {
    d.slug: d
    for d in (
        DossierDocument(
            "to-trinh",
            proposal_letter,
            _("Tờ trình đề nghị khen thưởng"),
            _("Tờ trình (bản xem, in)"),
            signing=proposal_signing,
        ),
        DossierDocument(
            "bien-ban", council_minutes, _("Biên bản họp Hội đồng Thi đua - Khen thưởng (mẫu)")
        ),
        DossierDocument(
            "quyet-dinh",
            decision,
            _("Quyết định khen thưởng"),
            decided_only=True,
            signing=decision_signing,
        ),
    )
}

__all__ = [
    "DOSSIER_DOCUMENTS",
    "DossierDocument",
    "Signing",
    "decision_signing",
    "proposal_signing",
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
