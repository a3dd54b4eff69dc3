"""The navigation of the base layout: what each user may open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from dossiers.selectors import unread_count
from emulation.permissions import has_any_role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# (label, url name, permission or None for every role, in the administrators' menu).
# An entry whose URL does not exist yet is skipped, so each capability adds its menu
# items here when it lands.
MENU: list[tuple[StrOrPromise, str, str | None, bool]] = [
    (_("Trang chủ"), "home", None, False),
    # agency staff have no commune scope: the matrix is not theirs
    (_("Tiêu chí"), "criteria:matrix", "criteria.read_criteria", False),
    (_("Tiến độ"), "progress:dashboard", None, False),
    (_("Xét khen"), "rules:who_qualifies", None, False),
    (_("Hồ sơ"), "dossiers:list", None, False),
    (_("Thông báo"), "dossiers:notifications", None, False),
    (_("Đơn vị"), "communes:list", None, False),
    (_("Tiêu chuẩn khen"), "rules:rulesets", "emulation.manage_rulesets", True),
    (_("Bộ tiêu chí"), "criteria:set_list", "criteria.manage_criteria_sets", True),
    (_("Văn bản"), "documents:rounds", None, False),
    (_("Tra cứu khen thưởng"), "history:search", "history.read_award_history", False),
    (_("Phôi Bằng khen"), "documents:layouts", "documents.manage_layouts", True),
    (_("Chứng thư gốc tin cậy"), "documents:trusted_roots", "documents.manage_signatures", True),
    (_("Hình con dấu"), "documents:seals", "documents.manage_signatures", True),
    (_("Chứng thư số ký văn bản"), "documents:credentials", "documents.manage_signatures", True),
    (_("Người ký văn bản"), "documents:signatories", "documents.manage_signatories", True),
    (_("Người dùng"), "users:users", "emulation.manage_users", True),
    (_("Nhật ký thay đổi"), "users:audit_log", "emulation.read_audit_log", True),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and has_any_role(user):
        current = request.path
        for label, name, permission, admin in MENU:
            if permission is not None and not user.has_perm(permission):
                continue
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            matches = current == url if name == "home" else current.startswith(url)
            items.append(
                {"label": label, "url": url, "active": matches, "admin": admin, "name": name}
            )
        # one active item: the longest match ("/ho-so/thong-bao/" is Thông báo, not Hồ sơ)
        best = max((i for i in items if i["active"]), key=lambda i: len(i["url"]), default=None)
        for item in items:
            item["active"] = item is best
            if item["name"] == "dossiers:notifications":
                # the unread count beside "Thông báo" (one indexed count per page)
                item["badge"] = unread_count(user)
    return {
        "nav_items": [i for i in items if not i["admin"]],
        "nav_admin_items": [i for i in items if i["admin"]],
        "demo_mode": settings.DEMO_MODE,
    }
