"""Biên bản: the minutes of the proposing level's Hội đồng Thi đua - Khen thưởng."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dossiers.models import Dossier
from dossiers.selectors import nominees_of
from emulation.labels import title_label

from .. import bodies
from ..content import count_phrase
from ..language import in_official_language
from ..legal import dossier_plan, round_phrase
from ..official import long_date
from .common import (
    Document,
    council_name,
    file_name,
    head_of,
    nominee_unit,
)


@in_official_language
def council_minutes(dossier: Dossier) -> Document:
    nominees = list(nominees_of(dossier))
    phrase = round_phrase(dossier.round, dossier.year, dossier.plan_spec)
    plan = dossier_plan(dossier)
    # The council's minutes: the council under the body it advises.
    head = head_of(
        bodies.council_of(bodies.proposer(dossier)),
        symbol="BB-HĐTĐKT",
        date=None,
        year=dossier.year,
        doc_type="BIÊN BẢN",
        summary=f"Họp xét đề nghị khen thưởng trong {plan.movement} {phrase}",
    )
    rows = [
        {
            "name": n.name,
            "unit": nominee_unit(n, with_district=False),
            "title": title_label(n.title),
        }
        for n in nominees
    ]
    # the board's overrides: nominees approved although the rules find them not eligible
    # or the appraiser did not agree
    overrides = [
        {"name": n.name, "reason": n.override_reason} for n in nominees if n.override_reason
    ]
    return Document(
        "documents/minutes.html",
        {
            "head": head,
            "rows": rows,
            "overrides": overrides,
            "council": council_name(dossier),
            "plan": plan,
            "phrase": phrase,
            "when": long_date(None, year=dossier.year),
            # "03 tập thể và 01 cá nhân", as the tờ trình counts them
            "counts": count_phrase(
                sum(1 for n in nominees if not n.kind_spec.is_person),
                sum(1 for n in nominees if n.kind_spec.is_person),
            ),
        },
        file_name("bien-ban", dossier.reference),
        _("Biên bản họp Hội đồng Thi đua - Khen thưởng"),
    )
