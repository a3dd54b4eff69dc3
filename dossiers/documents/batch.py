"""One batch of documents made together (the archive package of a round): lookups that
every document repeats — the province of a date, a body's signers, the certificate
layout — are read once per batch, not once per document.

Outside :func:`one_batch` nothing is remembered (a page, a single PDF read fresh data).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("documents_batch", default=None)


@contextmanager
def one_batch() -> Iterator[None]:
    """Remember repeated lookups until the block ends."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per batch for ``key`` (every time outside a batch)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
