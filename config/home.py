"""What waits for a user on the home page: the panels of every app, in layer order.

Each app's ``panels`` module describes its own panels (``emulation.panels.Panel``); this
module, on the top floor, only lists them. A new app with something to say on the home
page adds its function to ``PANEL_SOURCES``.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from communes.panels import communes_panels
from criteria.panels import criteria_panels
from dossiers.panels import dossier_panels
from emulation.models import User
from emulation.panels import Panel
from progress.panels import progress_panels


def users_panels(user) -> list[Panel]:
    """The administrators' panel of the shell: active accounts."""
    if not user.has_perm("emulation.manage_users"):
        return []
    return [
        Panel(
            title=_("Người dùng đang hoạt động"),
            count=User.objects.filter(is_active=True).count(),
            url=reverse("users:users"),
            description=_("Tạo tài khoản và gán phạm vi cho cán bộ."),
        )
    ]


PANEL_SOURCES = (users_panels, communes_panels, criteria_panels, progress_panels, dossier_panels)


def panels_for(user) -> list[Panel]:
    panels: list[Panel] = []
    for source in PANEL_SOURCES:
        panels.extend(source(user))
    return panels
