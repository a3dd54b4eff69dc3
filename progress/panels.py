"""Home panels of the progress screens: a district's report, the targets behind plan."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.models import Role
from emulation.panels import Panel

from .figures import progress_overview


def progress_panels(user) -> list[Panel]:
    if getattr(user, "role", None) == Role.DISTRICT and user.district_id:
        return [
            Panel(
                title=_("Báo cáo 6 tháng, cuối năm (mục V.2)"),
                url=reverse("progress:report"),
                description=_("Kết quả của huyện so với chỉ tiêu; tải Excel."),
                tone="secondary",
            )
        ]
    if getattr(user, "is_provincial", False):
        behind = progress_overview().behind
        return [
            Panel(
                title=_("Chỉ tiêu chậm so với kế hoạch"),
                count=len(behind),
                url=reverse("progress:dashboard"),
                description=_("Toàn tỉnh và từng huyện, theo chỉ tiêu hằng năm của Kế hoạch."),
                tone="danger" if behind else "success",
            )
        ]
    return []
