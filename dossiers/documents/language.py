"""Official documents are written in Vietnamese, whatever the interface language.

A user who reads the screens in English still downloads a decision, a tờ trình or a
workbook a văn thư can file: every builder and renderer of an official document runs
under :func:`official_language` (``translation.override("vi")``), so ``gettext`` and the
templates' ``{% translate %}`` give the Vietnamese text and the English catalogue is not
read. Only the printable view's toolbar (buttons of the interface) keeps the interface
language: :func:`toolbar_labels` is computed before the override.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils import translation
from django.utils.translation import gettext as _

OFFICIAL_LANGUAGE = "vi"

P = ParamSpec("P")
R = TypeVar("R")


def official_language() -> translation.override:
    """A context manager: the language of official documents while it is in force."""
    return translation.override(OFFICIAL_LANGUAGE)


def in_official_language(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` (a builder or renderer of an official document) in Vietnamese."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with official_language():
            return func(*args, **kwargs)

    return wrapper


def toolbar_labels() -> dict[str, str]:
    """The printable view's buttons, in the interface language (called before the override)."""
    return {
        "toolbar": _("Thao tác với văn bản"),
        "back": _("← Quay lại"),
        "pdf": _("Tải PDF"),
        "print": _("In"),
        "signer": _("Người ký"),
        "choose_signer": _("Đổi người ký"),
    }
