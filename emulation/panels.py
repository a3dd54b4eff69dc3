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

        count = Village.objects.filter(commune__district_id=user.district_id).count()
        return [
            Panel(
                title=_("Danh sách thôn của huyện"),
                count=count,
                url=reverse("communes:village_import"),
                description=_("Chưa có thôn nào: nhập danh sách từ tệp Excel / CSV.")
                if not count
                else _("Có thể nhập bổ sung từ tệp Excel / CSV."),
                tone="warning" if not count else "secondary",
            )
        ]
    return []
