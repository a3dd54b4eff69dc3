"""A home-page panel: what waits for a user, as each app describes it.

Each app that has something to say on the home page has a ``panels`` module with a
function ``<app>_panels(user) -> list[Panel]``; ``config.home`` calls them in layer order.
A panel function issues a bounded number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Panel:
    title: str
    count: int | None = None
    url: str = ""
    description: str = ""
    tone: str = "primary"  # bootstrap colour: primary, warning, danger, success, secondary
