"""The navigation of the base layout, by role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from emulation.models import Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# (label, url name, roles). An entry whose URL does not exist yet is skipped,
# so each capability adds its menu items here when it lands.
MENU: list[tuple[StrOrPromise, str, tuple[str, ...]]] = [
    (_("Trang chủ"), "home", tuple(Role)),
    # agency staff have no commune scope: the matrix is not theirs
    (_("Tiêu chí"), "criteria:matrix", tuple(r for r in Role if r != Role.AGENCY)),
    (_("Tiến độ"), "progress:dashboard", tuple(Role)),
    (_("Xét khen"), "rules:who_qualifies", tuple(Role)),
    (_("Hồ sơ"), "dossiers:list", tuple(Role)),
    (_("Thông báo"), "dossiers:notifications", tuple(Role)),
    (_("Đơn vị"), "communes:list", tuple(Role)),
    (_("Tiêu chuẩn khen"), "rules:rulesets", (Role.ADMIN,)),
    (_("Văn bản"), "documents:rounds", tuple(Role)),
    (_("Phôi Bằng khen"), "documents:layouts", (Role.ADMIN,)),
    (_("Người dùng"), "users:users", (Role.ADMIN,)),
    (_("Nhật ký thay đổi"), "users:audit_log", (Role.ADMIN,)),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        role = Role.ADMIN if user.is_superuser else user.role
        current = request.path
        for label, name, roles in MENU:
            if role not in roles:
                continue
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            active = current == url if name == "home" else current.startswith(url)
            items.append(
                {"label": label, "url": url, "active": active, "admin": roles == (Role.ADMIN,)}
            )
    return {
        "nav_items": [i for i in items if not i["admin"]],
        "nav_admin_items": [i for i in items if i["admin"]],
        "demo_mode": settings.DEMO_MODE,
    }
