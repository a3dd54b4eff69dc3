"""Why a write on a dossier is refused: each ``str()`` is a Vietnamese sentence for the user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from ..completeness import Problem


class DossierError(Exception):
    """A refused operation; ``str()`` is a Vietnamese sentence for the user."""


class NotAllowed(DossierError, PermissionDenied):
    """The user may not do this to this dossier (role or scope)."""


class WrongState(DossierError):
    """The dossier is not in a state where this is possible."""


class StaleEdit(DossierError):
    """Someone else saved first; the form was loaded from an older version."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Người khác đã lưu thay đổi trong lúc bạn sửa. Những gì bạn nhập vẫn còn "
                "dưới đây; hãy xem lại bản mới nhất rồi lưu lại."
            )
        )


class StaleVerdicts(StaleEdit):
    """The verdicts a confirmation would record differ from those its screen showed (a
    rule set or a fact changed meanwhile)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Kết quả xét đã thay đổi từ khi bạn mở trang này (bộ tiêu chuẩn hoặc số liệu "
                "mới). Chưa ghi nhận gì: hãy xem kết quả mới dưới đây rồi xác nhận lại."
            )
        )


class Blocked(DossierError):
    """The dossier is not ready (submission): ``problems`` lists why."""

    def __init__(self, message: str, problems: list[Problem]):
        super().__init__(message)
        self.problems = problems


class Invalid(DossierError):
    """Bad input; ``errors`` maps form field → Vietnamese message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors
