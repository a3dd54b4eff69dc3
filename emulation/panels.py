"""Home panels of the foundation (each later app registers its own)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from .home import Panel, register_panel
from .models import Role, User


@register_panel
def foundation_panels(user) -> list[Panel]:
    if user.role == Role.ADMIN or user.is_superuser:
        return [
            Panel(
                title=_("Người dùng đang hoạt động"),
                count=User.objects.filter(is_active=True).count(),
                url=reverse("emulation:users"),
                description=_("Tạo tài khoản và gán phạm vi cho cán bộ."),
            )
        ]
    if user.role == Role.DISTRICT and user.district_id:
        from communes.models import Village

        return [
            Panel(
                title=_("Thôn chưa có danh sách"),
                count=None,
                url=reverse("communes:village_import"),
                description=_("Nhập danh sách thôn của huyện từ tệp Excel / CSV.")
                if not Village.objects.filter(commune__district_id=user.district_id).exists()
                else _("Danh sách thôn đã có; có thể nhập bổ sung."),
                tone="secondary",
            )
        ]
    return []
