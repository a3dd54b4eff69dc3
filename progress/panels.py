"""Home panels of the progress screens: a district's report, the targets behind plan."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.panels import Panel
from emulation.permissions import has_district_scope, is_provincial

from .figures import progress_overview


def progress_panels(user) -> list[Panel]:
    if has_district_scope(user):
        return [
            Panel(
                title=_("Báo cáo 6 tháng, cuối năm (mục V.2)"),
                url=reverse("progress:report"),
                description=_("Kết quả của huyện so với chỉ tiêu; tải Excel."),
                tone="secondary",
            )
        ]
    if is_provincial(user):
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
