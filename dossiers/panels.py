"""Home-page panels: what waits for each role in the dossier workflow (two queries)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from emulation.models import Role
from emulation.panels import Panel

from .models import Nominee, Status
from .selectors import dossiers_visible_to, unread_count

# role -> [(status, title, description, tone)]
WAITING = {
    Role.DISTRICT: [
        (
            Status.RETURNED,
            N_("Hồ sơ bị trả lại cần bổ sung"),
            N_("Xem yêu cầu bổ sung và nộp lại."),
            "danger",
        ),
        (Status.DRAFT, N_("Hồ sơ đang soạn"), N_("Hoàn thiện và nộp hồ sơ."), "primary"),
        (Status.DECIDED, N_("Hồ sơ đã có quyết định"), N_("Kết quả khen thưởng."), "success"),
    ],
    Role.REVIEWER: [
        (Status.SUBMITTED, N_("Hồ sơ chờ tiếp nhận"), N_("Hồ sơ các đơn vị vừa nộp."), "warning"),
        (Status.APPRAISED, N_("Hồ sơ chờ Ban TĐKT duyệt"), N_("Đã thẩm định NTM."), "primary"),
        (
            Status.APPROVED,
            N_("Hồ sơ chờ ghi quyết định"),
            N_("Đã duyệt, trình Chủ tịch UBND tỉnh."),
            "success",
        ),
    ],
    Role.APPRAISER: [
        (
            Status.RECEIVED,
            N_("Hồ sơ chờ thẩm định NTM"),
            N_("Xác nhận các số liệu nông thôn mới."),
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
