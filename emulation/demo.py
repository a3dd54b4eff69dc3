"""Demo data of the emulation app: the merged Thái Nguyên's plan 2026–2030 (DEMO DATA).

No plan of the new-rural emulation movement 2026–2030 with award standards was found
for the merged Thái Nguyên (its general movement 2026–2030 is "Sáng tạo, tăng tốc, bứt
phá"); the demo's plan file ``emulation/plan_files/thai-nguyen-2026-2030-demo.json`` is
marked ``is_demo`` and its name, notes and rule set say its standards are invented.
"""

from __future__ import annotations

from typing import Any

from .models import Plan
from .plans import plan_file, plan_get, plan_load
from .rules.plan import read_plan_file
from .state_plans import state_plan_587_load

DEMO_PLAN_2026 = "thai-nguyen-2026-2030-demo"


def seed_plan_2026(stdout: Any = None) -> Plan | None:
    """Load the demo plan 2026–2030 through the plan service, once (a second run leaves an
    administrator's edits alone); None before the reorganisation (no province 19)."""
    plan = plan_get(DEMO_PLAN_2026)
    if plan is not None:
        return plan
    Province = Plan._meta.get_field("province").related_model  # communes: a layer above
    data = read_plan_file(plan_file(DEMO_PLAN_2026))
    if not Province.objects.filter(pk=data["province"]).exists():  # type: ignore[union-attr]
        return None
    plan = plan_load(data)
    if stdout is not None:
        stdout.write(f"Kế hoạch minh hoạ 2026 - 2030: {plan.code} (tiêu chuẩn tự đặt).")
    return plan


def seed_state_plan(stdout: Any = None) -> None:
    """The national plan 2021–2025 (Quyết định 587/QĐ-TTg, III.2.1): its number, date,
    issuer and period from the sources; its award standards marked for the
    administrator to confirm against the decision's text."""
    plan = state_plan_587_load()
    if stdout is not None:
        stdout.write(
            f"Kế hoạch cấp Nhà nước: {plan.number} ({plan.standards.count()} hình thức khen "
            "thưởng, chờ quản trị viên đối chiếu tiêu chuẩn)."
        )
