"""Who may do what: role checks shared by every view.

Data scoping (which rows) lives in each app's selectors; this module answers
only "may this kind of user open this kind of page".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from .models import Role

PROVINCIAL = (Role.REVIEWER, Role.APPRAISER, Role.ADMIN)
ALL_ROLES = tuple(Role)


def has_role(user, roles: Iterable[str]) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser and Role.ADMIN in roles:
        return True
    return user.role in set(roles)


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to login; users of other roles get 403."""

    allowed_roles: tuple[str, ...] = ALL_ROLES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdminRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.ADMIN,)
