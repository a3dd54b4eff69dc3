"""The public list of decided awards (no login): decision, round, title, name, unit."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver

from dossiers.models import Dossier, Status
from dossiers.selectors import correction_notes
from emulation.labels import title_label
from emulation.text import fold

from .builders import awarded_nominees
from .models import PublicAward


@transaction.atomic
def public_awards_sync(*, dossier_id: int) -> int:
    """Rewrite the public rows of one dossier from its decision; returns how many."""
    PublicAward.objects.filter(dossier_id=dossier_id).delete()
    dossier = Dossier.objects.filter(pk=dossier_id, status=Status.DECIDED).first()
    if dossier is None:
        return 0
    notes = correction_notes(dossier)
    rows = [
        PublicAward(
            nominee=n,
            dossier=dossier,
            decision_number=dossier.decision_number,
            decision_date=dossier.decision_date,
            round=dossier.round,
            year=dossier.year,
            title=n.title,
            name=n.name,
            unit=unit,
            correction=notes.get(n.pk, ""),
            search=fold(" ".join([n.name, unit, dossier.decision_number, title_label(n.title)])),
        )
        for n, unit in awarded_nominees(dossier)
    ]
    PublicAward.objects.bulk_create(rows)
    return len(rows)


def public_awards_rebuild() -> int:
    total = 0
    PublicAward.objects.all().delete()
    for pk in Dossier.objects.filter(status=Status.DECIDED).values_list("pk", flat=True):
        total += public_awards_sync(dossier_id=pk)
    return total


@receiver(post_save, sender=Dossier, dispatch_uid="documents_public_awards")
def _dossier_saved(sender, instance: Dossier, **kwargs) -> None:
    if instance.status == Status.DECIDED or PublicAward.objects.filter(dossier=instance).exists():
        pk = instance.pk
        transaction.on_commit(lambda: public_awards_sync(dossier_id=pk))


def public_awards(*, q: str = "", round: str = "", year: int | None = None) -> QuerySet:
    # the installation's province only, when other provinces share the database
    qs = PublicAward.objects.filter(dossier__province_id=settings.PROVINCE_CODE)
    for term in fold(q).split():
        qs = qs.filter(search__contains=term)
    if round:
        qs = qs.filter(round=round)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-decision_date", "name", "id")
