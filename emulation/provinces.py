"""The provinces an installation serves: ``settings.PROVINCE_CODE`` and its lineage.

On 1/7/2025 Bắc Kạn (06) and the old Thái Nguyên merged into Thái Nguyên (19)
(Nghị quyết 202/2025/QH15): an installation set up for one of them serves the merged
province, whose records include its predecessors' archive. The lineage lives in the
unit records (``communes``, a layer above), which register the function that reads it
(``CommunesConfig.ready``, the pattern of :mod:`eligibility.extensions`); without it, or
before any reorganisation is loaded, an installation serves its one province.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db.models import Q

_family: list[Callable[[str], frozenset[str]]] = []  # at most one


def register_province_family(provider: Callable[[str], frozenset[str]] | None) -> None:
    """Set the function giving a province's key and the keys of its lineage."""
    _family[:] = [provider] if provider is not None else []


def installation_provinces() -> frozenset[str]:
    """The keys of the provinces whose rows this installation's provincial roles see."""
    anchor = settings.PROVINCE_CODE
    return _family[0](anchor) if _family else frozenset({anchor})


def province_family_of(key: str) -> frozenset[str]:
    """``key`` with the keys of its lineage (its predecessors and successors)."""
    return _family[0](key) if _family else frozenset({key})


def in_provinces(field: str, keys: frozenset[str]) -> Q:
    """``Q`` of the rows whose ``field`` is one of ``keys`` (an equality for one key, so
    that a province's indexes serve it as before)."""
    if len(keys) == 1:
        return Q(**{field: next(iter(keys))})
    return Q(**{f"{field}__in": sorted(keys)})
