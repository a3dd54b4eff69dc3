"""Reads on dossiers, scoped to what a user may see. Every dossier view starts here."""

from __future__ import annotations

import re

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from communes.models import Commune, District
from emulation.models import Agency
from emulation.provinces import in_provinces
from emulation.text import fold

from .models import Decision, Dossier, DossierEvent, Nominee, Notification, StateProposal, Status
from .permissions import dossier_scope

# The queue's sortable columns (?sort=..., "-" for descending) and their ORDER BY.
SORTS = {
    "so": ("id",),
    "-so": ("-id",),
    "don-vi": ("district__name", "commune__name", "agency__name", "id"),
    "-don-vi": ("-district__name", "-commune__name", "-agency__name", "-id"),
    "dot": ("year", "round", "id"),
    "-dot": ("-year", "-round", "-id"),
    "trang-thai": ("status", "-updated_at", "-id"),
    "-trang-thai": ("-status", "-updated_at", "-id"),
    "cap-nhat": ("updated_at", "id"),
    "-cap-nhat": ("-updated_at", "-id"),
}


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """The dossiers of :func:`dossiers.permissions.dossier_scope` (district staff: their
    district's; commune staff: their commune's; agency staff: their agency's; reviewers
    and appraisers: the province's once submitted; admins: the province's);
    ``dossiers.read_dossier`` holds for exactly these.
    """
    qs = Dossier.objects.select_related("district", "commune", "agency")
    scope = dossier_scope(user)
    if scope.provinces:
        qs = qs.filter(in_provinces("province_id", scope.provinces))
        return qs.filter(first_submitted_at__isnull=False) if scope.submitted_only else qs
    if scope.district:
        return qs.filter(district_id=scope.district)
    if scope.commune:
        return qs.filter(commune_id=scope.commune)
    if scope.agency is not None:
        return qs.filter(agency_id=scope.agency)
    return qs.none()


def dossier_list(user, *, filters: dict | None = None) -> QuerySet[Dossier]:
    """The list and queue: scoped, filtered, with per-row counts in the same query."""
    return (
        dossiers_filtered(user, filters=filters)
        .annotate(
            # correlated subqueries: PostgreSQL evaluates them for the page's rows only
            # (after ORDER BY ... LIMIT), not for every dossier as a GROUP BY would
            nominee_count=_count(Nominee.objects.all()),
            failing_count=_count(Nominee.objects.filter(verdict_eligible=False)),
        )
        # a commune-level proposer is named with its kind on the dossier's date (xã,
        # phường): its periods read for the page at once, not one query per row
        .prefetch_related("commune__kind_periods")
        .order_by(*SORTS.get((filters or {}).get("sort", ""), ("-updated_at", "-id")))
    )


def _count(nominees: QuerySet[Nominee]):
    return Coalesce(
        Subquery(
            nominees.filter(dossier=OuterRef("pk"))
            .order_by()
            .values("dossier")
            .annotate(n=Count("id"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def communes_proposing(user) -> QuerySet[Commune]:
    """The commune-level units (from 1/7/2025) that proposed a dossier ``user`` sees, for
    the list's proposer filter (one query)."""
    proposed = dossiers_visible_to(user).filter(commune_id=OuterRef("pk"))
    return Commune.objects.filter(Exists(proposed)).order_by("name", "key")


def dossiers_filtered(user, *, filters: dict | None = None) -> QuerySet[Dossier]:
    """Scoped and filtered by round, year, district, status and title (no annotations)."""
    filters = filters or {}
    qs = dossiers_visible_to(user)
    if filters.get("round"):
        qs = qs.filter(round=filters["round"])
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if proposer := filters.get("district"):  # a district, or "xa:<key>" a commune's
        if proposer.startswith("xa:"):
            qs = qs.filter(commune_id=proposer.removeprefix("xa:"))
        else:
            qs = qs.filter(district_id=proposer)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("title"):
        qs = qs.filter(
            Exists(Nominee.objects.filter(dossier=OuterRef("pk"), title=filters["title"]))
        )
    if filters.get("hide_decided"):
        qs = qs.exclude(status=Status.DECIDED)
    if filters.get("q"):
        qs = qs.filter(_search(filters["q"]))
    return qs


REFERENCE = re.compile(r"^\s*(?:hs)?\s*(\d{4})?\s*-?\s*0*(\d+)\s*$", re.IGNORECASE)


def _search(text: str) -> Q:
    """Dossier number ("HS2024-0012", "12"), the proposing unit, a nominee's name or
    commune: with or without diacritics, in any case."""
    key = fold(text)
    found = Q(document_number__icontains=text.strip())
    if match := REFERENCE.match(text):
        year, number = match.groups()
        found |= Q(pk=int(number), **({"year": int(year)} if year else {}))
    if not any(ch.isalpha() for ch in key):
        return found  # a number: the dossier's, or its letter's
    # the province's districts and agencies are few: matched on their folded names here
    districts = [d.code for d in District.objects.only("code", "name") if key in fold(d.name)]
    agencies = [a.pk for a in Agency.objects.only("pk", "name") if key in fold(a.name)]
    nominees = Nominee.objects.filter(dossier=OuterRef("pk")).filter(
        Q(identity__contains=key)  # a person's or an organisation's folded name
        | Q(name__icontains=text.strip())
        | Q(commune__search_name__contains=key)
    )
    return (
        found
        | Q(district_id__in=districts)
        | Q(agency_id__in=agencies)
        | Q(commune__search_name__contains=key)
        | Q(Exists(nominees))
    )


def status_counts(qs: QuerySet[Dossier]) -> dict[str, int]:
    """{status: count} of a (filtered) list in one query, every status present."""
    rows = qs.order_by().values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Status.values}
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def dossier_for_page(user, pk: int) -> Dossier:
    """One dossier the user may see, or Dossier.DoesNotExist."""
    return dossiers_visible_to(user).select_related("created_by").get(pk=pk)


def nominees_of(dossier: Dossier) -> QuerySet[Nominee]:
    """The dossier's nominees in order; the prefetched ones when a batch read them all
    (``Prefetch("nominees", …)`` with these relations and this order: the archive
    package reads every dossier of a round in a fixed number of queries)."""
    if "nominees" in getattr(dossier, "_prefetched_objects_cache", {}):
        return dossier.nominees.all()
    return dossier.nominees.select_related(
        "commune", "commune__district", "village", "district", "agency", "attested_by"
    ).order_by("position", "id")


def history_of(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("by").order_by("at", "id")


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("dossier")


def correction_notes(dossier: Dossier) -> dict[int, str]:
    """{nominee id: "đã đính chính theo Quyết định số … ngày …"} for the nominees of
    ``dossier`` a correcting decision changed (the public list and the certificates say
    so)."""
    if dossier.decision_id is None:
        return {}
    notes: dict[int, list[str]] = {}
    for c in Decision.objects.filter(corrects_id=dossier.decision_id).order_by("date", "id"):
        for change in c.annex:
            if change.get("dossier") == dossier.pk:
                text = _("đã đính chính theo Quyết định số %(n)s ngày %(d)s") % {
                    "n": c.number,
                    "d": f"{c.date:%d/%m/%Y}",
                }
                lines = notes.setdefault(change["nominee"], [])
                if text not in lines:
                    lines.append(text)
    return {pk: "; ".join(lines) for pk, lines in notes.items()}


def decisions_visible_to(user) -> QuerySet[Decision]:
    """The province's decisions, for whoever reads the province's dossiers (reviewers,
    appraisers, administrators); nobody else."""
    scope = dossier_scope(user)
    if not scope.provinces:
        return Decision.objects.none()
    return Decision.objects.filter(in_provinces("province_id", scope.provinces))


def state_proposals_visible_to(user) -> QuerySet[StateProposal]:
    """The province's state-level proposals (III.2.1), for whoever reads the province's
    dossiers (reviewers, appraisers, administrators); nobody else."""
    scope = dossier_scope(user)
    if not scope.provinces:
        return StateProposal.objects.none()
    return StateProposal.objects.filter(in_provinces("province_id", scope.provinces))


def decided_rounds(user) -> list[dict]:
    """The rounds of the province with nominees its decisions awarded: where a
    state-level proposal may start ({"round", "year", "count"}, newest first)."""
    scope = dossier_scope(user)
    if not scope.provinces:
        return []
    return list(
        Nominee.objects.filter(
            in_provinces("dossier__province_id", scope.provinces),
            awarded=True,
            dossier__status=Status.DECIDED,
        )
        .values("dossier__round", "dossier__year")
        .annotate(count=Count("id"))
        .order_by("-dossier__year", "dossier__round")
    )
