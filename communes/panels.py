"""Home panel of the unit screens: a district's villages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.panels import Panel
from emulation.permissions import has_district_scope, is_admin

from .models import Village


def communes_panels(user) -> list[Panel]:
    if has_district_scope(user) and not is_admin(user):
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
