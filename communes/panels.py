"""Home panel of the unit screens: a district's villages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.models import Role
from emulation.panels import Panel

from .models import Village


def communes_panels(user) -> list[Panel]:
    if user.role == Role.DISTRICT and user.district_id and not user.is_app_admin:
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
