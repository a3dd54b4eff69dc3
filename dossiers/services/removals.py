"""Removing a nominee or a document from a dossier, and undoing it until the dossier is
submitted.

A removal deletes the rows (so that every reader sees the dossier without them) and
keeps them, serialised, in a :class:`RemovedItem` with the names of their files, which
stay in storage. Restoring saves the rows back with their own ids. Submitting the
dossier (or submitting it again after a return) forgets what was removed: the items go
and their files are deleted once the transaction commits. Every removal and every
restore is a line of the dossier's history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.core import serializers
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from emulation.models import User

from .. import verdicts
from ..models import Attachment, Dossier, Nominee, RemovedItem
from .common import _lock, _log, _require_edit, _touch
from .errors import WrongState


def removed_keep(
    *, dossier: Dossier, by: User, what: str, label: str, rows: list[Any], files: list[str]
) -> RemovedItem:
    """Keep removed rows (called inside the removal's transaction, before the delete)."""
    return RemovedItem.objects.create(
        dossier=dossier,
        what=what,
        label=label,
        rows=json.loads(serializers.serialize("json", rows)),
        files=files,
        removed_by=by,
    )


@transaction.atomic
def removed_item_restore(*, item: RemovedItem, by: User) -> RemovedItem:
    """Put a removed nominee (with its files) or document back into its dossier."""
    d = _lock(item.dossier)
    _require_edit(by, d)
    kept = RemovedItem.objects.select_for_update().filter(pk=item.pk, dossier=d).first()
    if kept is None:
        raise WrongState(_("Mục này đã được khôi phục hoặc không còn giữ."))
    objects = list(serializers.deserialize("json", json.dumps(kept.rows)))
    coming_back = {o.object.pk for o in objects if isinstance(o.object, Nominee)}
    for obj in objects:
        of = obj.object.nominee_id if isinstance(obj.object, Attachment) else None
        if of is not None and of not in coming_back:
            if not Nominee.objects.filter(pk=of, dossier=d).exists():
                raise WrongState(
                    _("Tài liệu này thuộc một đối tượng đã bỏ: khôi phục đối tượng trước.")
                )
    for obj in objects:
        obj.save()
    restored = [obj.object for obj in objects if isinstance(obj.object, Nominee)]
    if restored:
        verdicts.refresh(d, restored)
    kept.delete()
    _log(
        d,
        action=f"{kept.what}_restore",
        by=by,
        details={"name": kept.label, "kind": _kind_of(objects)},
    )
    _touch(d)
    return kept


def _kind_of(objects: Iterable[Any]) -> str:
    return next((o.object.kind for o in objects if isinstance(o.object, Attachment)), "")


def removed_purge(dossier: Dossier) -> None:
    """Forget what was removed from the dossier (it is being submitted): the kept rows go,
    their files are deleted once the transaction commits."""
    items = list(RemovedItem.objects.filter(dossier=dossier))
    names = [name for item in items for name in item.files]
    RemovedItem.objects.filter(pk__in=[i.pk for i in items]).delete()
    if names:
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
