"""The dashboard's figures, cached per province, year viewed and day, with invalidation on
every write.

``progress_overview`` reads every commune's standing at five year-ends; it is what the
dashboard and the provincial home panel show. It is cached under a key holding a data
version; any write to what the figures are made of (criteria assessments, recognitions,
units, plans and their targets) replaces the version, so the next request recomputes. The version is
replaced at once and again after the transaction commits: a request that read the old
rows while the write was in flight can only have stored its figures under a version
that is no longer current. Writes that bypass model signals (``bulk_create``, ``COPY``)
send ``criteria.signals.records_changed`` or call :func:`progress_changed`. A timeout
bounds any other staleness.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from communes.models import Commune, CommuneKindPeriod, District, Province, Village
from communes.signals import units_changed
from criteria.models import Assessment, DistrictRecognition, Recognition, VillageRecognition
from criteria.signals import records_changed
from emulation.models import Plan, PlanTarget

VERSION_KEY = "progress:version"
TIMEOUT = 15 * 60  # seconds


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def progress_changed() -> None:
    """Tell the dashboard cache its figures are out of date (now and on commit)."""
    _bump()
    transaction.on_commit(_bump)


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


T = TypeVar("T")


def cached(compute: Callable[..., T], *, today: dt.date, scope: str = "", **kwargs: Any) -> T:
    """``compute(today=today, **kwargs)``, from the cache when the data have not changed
    since; ``scope`` names what else the value depends on (the year viewed, whose plan
    says which province's units are counted)."""
    key = f"progress:overview:{settings.PROVINCE_CODE}:{scope}:{today:%Y%m%d}:{_version()}"
    value = cache.get(key)
    if value is None:
        value = compute(today=today, **kwargs)
        cache.set(key, value, TIMEOUT)
    return value


def _changed(sender, **kwargs) -> None:
    progress_changed()


def connect() -> None:
    """Wire the models the figures are made of (called from ``ProgressConfig.ready``)."""
    records_changed.connect(_changed, dispatch_uid="progress-records-changed")
    units_changed.connect(_changed, dispatch_uid="progress-units-changed")
    for model in (
        Assessment,
        Recognition,
        VillageRecognition,
        DistrictRecognition,
        PlanTarget,
        Plan,
        Commune,
        CommuneKindPeriod,
        District,
        Province,
        Village,
    ):
        uid = f"progress_cache_{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "_delete")
    m2m_changed.connect(
        _changed,
        sender=PlanTarget.districts_completed.through,
        dispatch_uid="progress_cache_plan_target_districts",
    )
