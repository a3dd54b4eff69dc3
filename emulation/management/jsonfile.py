"""Reading the JSON file a command is given (a path, or - for standard input)."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import CommandError


def read_json(path: str) -> Any:
    """The parsed JSON of ``path`` (``-``: standard input; a UTF-8 BOM is allowed).

    A file that cannot be read or is not JSON raises a one-line ``CommandError`` with exit
    status 2 (the contract of check_eligibility and load_plan)."""
    try:
        if path == "-":
            text = sys.stdin.buffer.read().decode("utf-8-sig")
        else:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Không đọc được tệp {path}: {_one_line(exc)}", returncode=2) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"Tệp {path} không phải JSON hợp lệ: {exc.msg} (dòng {exc.lineno}, cột {exc.colno})",
            returncode=2,
        ) from exc


def _one_line(exc: Exception) -> str:
    return " ".join(str(getattr(exc, "strerror", None) or exc).split())
