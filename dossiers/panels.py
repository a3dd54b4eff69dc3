"""Home-page panels: what waits for each role in the dossier workflow (two queries)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from emulation.models import Role
from emulation.panels import Panel

from .models import Nominee, Status
from .selectors import dossiers_visible_to, unread_count

# role -> [(status, title, description, tone)]
WAITING = {
    Role.DISTRICT: [
        (
            Status.RETURNED,
            gettext_noop("Hồ sơ bị trả lại cần bổ sung"),
            gettext_noop("Xem yêu cầu bổ sung và nộp lại."),
            "danger",
        ),
        (
            Status.DRAFT,
            gettext_noop("Hồ sơ đang soạn"),
            gettext_noop("Hoàn thiện và nộp hồ sơ."),
            "primary",
        ),
        (
            Status.DECIDED,
            gettext_noop("Hồ sơ đã có quyết định"),
            gettext_noop("Kết quả khen thưởng."),
            "success",
        ),
    ],
    Role.REVIEWER: [
        (
            Status.SUBMITTED,
            gettext_noop("Hồ sơ chờ tiếp nhận"),
            gettext_noop("Hồ sơ các đơn vị vừa nộp."),
            "warning",
        ),
        (
            Status.APPRAISED,
            gettext_noop("Hồ sơ chờ Ban TĐKT duyệt"),
            gettext_noop("Đã thẩm định NTM."),
            "primary",
        ),
        (
            Status.APPROVED,
            gettext_noop("Hồ sơ chờ ghi quyết định"),
            gettext_noop("Đã duyệt, trình Chủ tịch UBND tỉnh."),
            "success",
        ),
    ],
    Role.APPRAISER: [
        (
            Status.RECEIVED,
            gettext_noop("Hồ sơ chờ thẩm định NTM"),
            gettext_noop("Xác nhận các số liệu nông thôn mới."),
            "warning",
        ),
    ],
}
WAITING[Role.AGENCY] = WAITING[Role.COMMUNE] = WAITING[Role.DISTRICT]


def dossier_panels(user) -> list[Panel]:
    role = Role.ADMIN if user.is_app_admin else user.role
    counts = dict(
        dossiers_visible_to(user).order_by().values_list("status").annotate(n=Count("id"))
    )
    url = reverse("dossiers:list")
    panels = [
        Panel(
            title=_(title),
            count=counts.get(status, 0),
            url=f"{url}?status={status}",
            description=_(description),
            tone=tone,
        )
        for status, title, description, tone in WAITING.get(role, [])
    ]
    if role == Role.REVIEWER:
        pending = Nominee.objects.filter(
            dossier__in=dossiers_visible_to(user).filter(
                status__in=(Status.RECEIVED, Status.APPRAISED)
            ),
            verdict_eligible__isnull=True,
            verdict_error="",
        ).count()
        panels.append(
            Panel(
                title=_("Đối tượng chờ đánh giá tiêu chuẩn định tính"),
                count=pending,
                url=f"{url}?status={Status.APPRAISED}",
                description=_("Ghi đánh giá Đạt / Không đạt trước khi duyệt hồ sơ."),
                tone="warning" if pending else "secondary",
            )
        )
    if role == Role.ADMIN:
        panels.append(
            Panel(
                title=_("Hồ sơ khen thưởng trong hệ thống"),
                count=sum(counts.values()),
                url=url,
                description=_("Tất cả hồ sơ, mọi trạng thái."),
                tone="secondary",
            )
        )
    unread = unread_count(user)
    panels.append(
        Panel(
            title=_("Thông báo chưa đọc"),
            count=unread,
            url=reverse("dossiers:notifications"),
            description=_("Hồ sơ được chuyển đến hoặc trả về cho bạn."),
            tone="danger" if unread else "secondary",
        )
    )
    return panels
