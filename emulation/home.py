"""What waits for a user on the home page: panels contributed by each app.

An app registers a provider in its ``AppConfig.ready``; a provider takes the
user and returns a list of :class:`Panel` (empty when it has nothing to say).
Providers must issue a bounded number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Panel:
    title: str
    count: int | None = None
    url: str = ""
    description: str = ""
    tone: str = "primary"  # bootstrap colour: primary, warning, danger, success, secondary


_PROVIDERS: list[Callable] = []


def register_panel(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def panels_for(user) -> list[Panel]:
    panels: list[Panel] = []
    for provider in _PROVIDERS:
        panels.extend(provider(user))
    return panels
