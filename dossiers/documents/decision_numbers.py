"""The province's decisions numbered by the register of outgoing documents (issue 16,
part 1): a decision and a correcting decision are issued by the UBND of the province of
their date (Bắc Kạn's until 30/6/2025, the merged Thái Nguyên's from 1/7/2025), so they
take the next "…/QĐ-UBND" of that body's year; nobody types it.

The decisions service calls :func:`decision_number_issue` inside its transaction: a
refused decision gives its number back with the rest of the transaction.
"""

from __future__ import annotations

import datetime as dt

from dossiers.models import Dossier
from dossiers.numbering import QUYET_DINH

from . import bodies
from .language import official_language
from .legal import dossier_plan, round_phrase
from .models import OutgoingDocument
from .official import short_date
from .register import outgoing_document_correct, outgoing_document_issue, outgoing_document_next
from .signers import signer_for


def decision_issuer(on: dt.date) -> bodies.Body:
    """The UBND of the province on ``on``: who issues (and numbers) the decision."""
    return bodies.province_committee(bodies.home_province(on))


def decision_number_next(on: dt.date) -> str:
    """The number a decision dated ``on`` would get if issued now ("06/QĐ-UBND"); not
    reserved."""
    issuer = decision_issuer(on)
    return outgoing_document_next(
        body_key=issuer.key,
        body_abbreviation=issuer.abbreviation,
        kind_code=QUYET_DINH.code,
        issued_on=on,
    )


def _award_excerpt(dossier: Dossier) -> str:
    with official_language():
        phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
        return (
            "Về việc tặng Bằng khen cho các tập thể, cá nhân đã có thành tích trong "
            f"{dossier_plan(dossier).movement} {phrase}"
        )


def decision_number_issue(
    *,
    dossier: Dossier,
    on: dt.date,
    by,
    corrects: OutgoingDocument | None = None,
    corrects_number: str = "",
    corrects_date: dt.date | None = None,
) -> OutgoingDocument:
    """Register a decision on the round of ``dossier`` dated ``on`` (with ``corrects``…:
    the correcting decision of a recorded one, whose line then points to it) and return
    its line: ``full_number`` is the decision's number."""
    issuer = decision_issuer(on)
    if corrects_number:
        excerpt = f"Về việc đính chính Quyết định số {corrects_number}"
        if corrects_date is not None:
            excerpt += f" ngày {short_date(corrects_date)}"
    else:
        excerpt = _award_excerpt(dossier)
    signer = signer_for(issuer, on, on_behalf=False)
    doc = outgoing_document_issue(
        body_key=issuer.key,
        body_name=issuer.name,
        body_abbreviation=issuer.abbreviation,
        kind_code=QUYET_DINH.code,
        issued_on=on,
        excerpt=excerpt,
        by=by,
        signer_name=signer.name,
        dossier=dossier,
    )
    if corrects is not None:
        outgoing_document_correct(document=corrects, correction=doc, by=by)
    return doc
