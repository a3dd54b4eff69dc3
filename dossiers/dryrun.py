"""The dossiers' nominees as a source of the rules dry run (eligibility.dryrun).

Before an admin saves a threshold change, the dry run judges every nominee of a live
dossier (not withdrawn, not yet decided) on the facts its last verdict used, under the
current and the proposed values, and lists those whose verdict would change.
One query, streamed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from eligibility.dryrun import DryRunCase
from emulation.rules.types import Round, Title

from .models import Nominee, Status

LIVE = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.APPRAISED,
    Status.APPROVED,
    Status.RETURNED,
)


def nominees_source(*, values: Mapping[str, Any]) -> Iterator:
    rows = (
        # the installation's province: its admins change the thresholds its staff apply
        Nominee.objects.filter(
            dossier__status__in=LIVE, dossier__province_id=settings.PROVINCE_CODE
        )
        .exclude(verdict_case={})
        .select_related("dossier", "dossier__district", "dossier__agency")
        .order_by("dossier_id", "position", "id")
    )
    label = _("Hồ sơ")
    for n in rows.iterator(chunk_size=500):
        case = dict(n.verdict_case)
        yield DryRunCase(
            kind=label,
            name=f"{n.name} — {n.dossier.reference} ({n.dossier.proposer_name})",
            round=Round(n.dossier.round),
            year=case.get("year") or n.dossier.year,
            title=Title(n.title),
            case=case,
            url=reverse("dossiers:detail", args=[n.dossier_id]) + f"#nominee-{n.pk}",
        )
