"""A save from a page opened on an older version of the row: refused rather than letting
the second tab silently undo the first (as dossiers do with their ``version``)."""

from __future__ import annotations

from typing import Any


class StaleSave(Exception):  # noqa: N818 - named like dossiers' StaleEdit
    """``message`` says so (Vietnamese); ``latest`` is the row as saved meanwhile."""

    def __init__(self, message: str, latest: Any) -> None:
        super().__init__(message)
        self.latest = latest
