"""The one extension point of the lower layers: what they read from the dossiers above.

Eligibility (facts, who qualifies, the dry run of a threshold change) sits below the
dossiers and never imports them, yet two of its inputs live there:

- the awards already decided for a commune or district ("đã được khen thưởng ở sơ kết",
  III.2.2.c): an *earlier-awards provider*, called as
  ``provider(*, commune_codes: list[str], district_codes: list[str])`` and returning
  :class:`eligibility.facts.EarlierAward` items in one bounded query;
- the nominees of live dossiers that a threshold change would touch: a *dry-run source*,
  called as ``source(*, values)`` and returning :class:`eligibility.dryrun.DryRunCase`
  items (the records themselves are the dry run's built-in source).

The dossiers app plugs both in once, in ``DossiersConfig.ready``. Every other dependency
in the project is a direct import in the right direction (docs/architecture.md); this
module and :mod:`emulation.provinces` (the installation's provinces, from the unit
lineage) are the only places where a higher layer hands a lower one a callable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .dryrun import DryRunCase
    from .facts import EarlierAward


class EarlierAwardsProvider(Protocol):
    def __call__(
        self, *, commune_codes: list[str], district_codes: list[str]
    ) -> Iterable[EarlierAward]: ...


class DryRunSource(Protocol):
    def __call__(self, *, values: Mapping[str, Any]) -> Iterable[DryRunCase]: ...


_earlier_awards: list[EarlierAwardsProvider] = []  # at most one
DRY_RUN_SOURCES: list[DryRunSource] = []


def register_earlier_awards_provider(provider: EarlierAwardsProvider | None) -> None:
    """Set the source of earlier awards (``None`` removes it)."""
    _earlier_awards[:] = [provider] if provider is not None else []


def earlier_awards_provider() -> EarlierAwardsProvider | None:
    """The registered source of earlier awards, if any."""
    return _earlier_awards[0] if _earlier_awards else None


def register_dry_run_source(source: DryRunSource) -> DryRunSource:
    """Add a source of cases to every dry run (idempotent); usable as a decorator."""
    if source not in DRY_RUN_SOURCES:
        DRY_RUN_SOURCES.append(source)
    return source
