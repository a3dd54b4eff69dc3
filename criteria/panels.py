"""Home panels of the criteria and progress screens."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.home import Panel, register_panel

from .models import Assessment


@register_panel
def criteria_panels(user) -> list[Panel]:
    if getattr(user, "role", None) == "district" and user.district_id:
        from communes.models import Commune

        from .selectors import xa_on

        today = dt.date.today()
        this_year = Assessment.objects.filter(commune=OuterRef("pk"), assessed_on__year=today.year)
        missing = (
            xa_on(Commune.objects.filter(district_id=user.district_id), today)
            .exclude(Exists(this_year))
            .count()
        )
        return [
            Panel(
                title=_("Xã chưa có đánh giá tiêu chí năm %(y)d") % {"y": today.year},
                count=missing,
                url=reverse("criteria:matrix"),
                description=_("Cập nhật tình trạng 19 tiêu chí (từng xã hoặc nhập từ Excel)."),
                tone="warning" if missing else "success",
            ),
            Panel(
                title=_("Báo cáo 6 tháng, cuối năm (mục V.2)"),
                url=reverse("progress:report"),
                description=_("Kết quả của huyện so với chỉ tiêu; tải Excel."),
                tone="secondary",
            ),
        ]
    if getattr(user, "is_provincial", False):
        from emulation.progress import progress_overview

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
