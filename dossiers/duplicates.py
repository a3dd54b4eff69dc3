"""Warnings when a nominee is already proposed or awarded in the same round and year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Dossier, Nominee, Status


@dataclass(frozen=True)
class Duplicate:
    nominee_id: int | None
    message: str
    awarded: bool
    other_dossier_id: int


def duplicates_for(dossier: Dossier, nominees: list[Nominee]) -> dict[int | None, list[Duplicate]]:
    """{nominee pk: [Duplicate]}: the same identity in another live dossier of the same
    round and year, or already awarded there. One query for the whole dossier."""
    identities = {n.identity for n in nominees if n.identity}
    if not identities:
        return {}
    others = (
        Nominee.objects.filter(
            identity__in=identities, dossier__round=dossier.round, dossier__year=dossier.year
        )
        .exclude(dossier_id=dossier.pk)
        .exclude(dossier__status=Status.WITHDRAWN)
        .exclude(dossier__status=Status.DECIDED, awarded=False)
        .select_related("dossier", "dossier__district", "dossier__agency")
    )
    by_identity: dict[str, list[Nominee]] = defaultdict(list)
    for other in others:
        by_identity[other.identity].append(other)
    out: dict[int | None, list[Duplicate]] = defaultdict(list)
    seen: dict[str, Nominee] = {}
    for n in nominees:
        first = seen.setdefault(n.identity, n) if n.identity else n
        if first is not n:
            out[n.pk].append(
                Duplicate(
                    n.pk,
                    _("%(n)s đã có trong hồ sơ này (đối tượng thứ %(i)s).")
                    % {"n": n.name, "i": nominees.index(first) + 1},
                    False,
                    dossier.pk,
                )
            )
    for n in nominees:
        for other in by_identity.get(n.identity, []):
            d = other.dossier
            if d.status == Status.DECIDED and other.awarded:
                message = _(
                    "%(n)s đã được khen thưởng ở đợt này năm %(y)s (Quyết định số %(q)s ngày "
                    "%(date)s, hồ sơ của %(who)s)."
                ) % {
                    "n": n.name,
                    "y": d.year,
                    "q": d.decision_number,
                    "date": date_format(d.decision_date, "SHORT_DATE_FORMAT")
                    if d.decision_date
                    else "",
                    "who": d.proposer_name,
                }
                awarded = True
            else:
                message = _(
                    "%(n)s cũng đang được đề nghị ở đợt này năm %(y)s trong hồ sơ %(ref)s của "
                    "%(who)s (%(s)s)."
                ) % {
                    "n": n.name,
                    "y": d.year,
                    "ref": d.reference,
                    "who": d.proposer_name,
                    "s": d.get_status_display(),
                }
                awarded = False
            out[n.pk].append(Duplicate(n.pk, message, awarded, d.pk))
    return dict(out)
