"""The province's decisions numbered by the register of outgoing documents (issue 16,
part 1): a decision and a correcting decision are issued by the UBND of the province of
their date (Bắc Kạn's until 30/6/2025, the merged Thái Nguyên's from 1/7/2025), so they
take the next "…/QĐ-UBND" of that body's year; nobody types it.

The decisions service calls :func:`decision_number_issue` inside its transaction: a
refused decision gives its number back with the rest of the transaction.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from communes.models import Province
from dossiers.models import Dossier
from dossiers.numbering import QUYET_DINH
from emulation.provinces import installation_provinces

from . import bodies
from .language import official_language
from .legal import dossier_plan, round_phrase
from .models import OutgoingDocument, Signatory
from .official import short_date
from .register import outgoing_document_correct, outgoing_document_issue, outgoing_document_next
from .signers import signer_for, signer_label


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


def decision_signatories() -> list[Signatory]:
    """Who may sign the province's decisions: the signatories of the UBND of the
    installation's provinces (Bắc Kạn's, then the merged Thái Nguyên's), whatever their
    dates (the decision's date, typed beside, decides; :func:`signatory_error`)."""
    codes = Province.objects.filter(pk__in=installation_provinces()).values_list("code")
    keys = {f"province:{code}" for (code,) in codes}
    return list(Signatory.objects.filter(body_key__in=sorted(keys)))


def signatory_option(signatory: Signatory) -> str:
    """ "Triệu Đức Khải: CHỦ TỊCH (01/01/2021 - 30/6/2025)": the form and the dates."""
    start = f"{signatory.valid_from:%d/%m/%Y}" if signatory.valid_from else "…"
    end = f"{signatory.valid_to:%d/%m/%Y}" if signatory.valid_to else "…"
    return f"{signer_label(signatory, on_behalf=False)} ({start} - {end})"


def signatory_error(signatory: Signatory, on: dt.date) -> str | None:
    """Why ``signatory`` may not sign a decision dated ``on``, or ``None``."""
    issuer = decision_issuer(on)
    if signatory.body_key != issuer.key:
        return _("%(s)s không ký văn bản của %(b)s.") % {
            "s": signatory.full_name,
            "b": issuer.name,
        }
    if not signatory.valid_on(on):
        return _("%(s)s không ký văn bản ngày %(d)s (ngoài thời gian được ký).") % {
            "s": signatory.full_name,
            "d": f"{on:%d/%m/%Y}",
        }
    return None


def _award_excerpt(dossier: Dossier) -> str:
    with official_language():
        phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
        return (
            "Về việc tặng Bằng khen cho các tập thể, cá nhân đã có thành tích trong "
            f"{dossier_plan(dossier).movement} {phrase}"
        )


def decision_number_issue(
    *,
    dossier: Dossier | None,
    on: dt.date,
    by,
    corrects: OutgoingDocument | None = None,
    corrects_number: str = "",
    corrects_date: dt.date | None = None,
    signatory: Signatory | None = None,
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
        assert dossier is not None  # a decision awards the nominees of its dossiers
        excerpt = _award_excerpt(dossier)
    signer = signer_for(issuer, on, on_behalf=False, chosen=signatory.pk if signatory else None)
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
