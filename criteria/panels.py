"""Home panel of the criteria screens: a district's communes without this year's assessment."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from communes.models import Commune
from emulation.panels import Panel
from emulation.permissions import has_district_scope

from .models import Assessment
from .selectors import xa_on


def criteria_panels(user) -> list[Panel]:
    if has_district_scope(user):
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
        ]
    return []
