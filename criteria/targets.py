"""The plan's yearly targets (Kế hoạch 305/KH-UBND, section I.1) as data.

The province's targets per year: communes newly recognised NTM, advanced and model NTM,
villages of ĐBKK communes outside the roadmap, the mean number of criteria met, the
district-level units completing their NTM task. Administrators edit them on the progress
screens; ``plan_targets_load`` writes the plan's own values.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from communes.models import District
from emulation.models import PlanTarget, User

PLAN_TARGETS: dict[int, tuple[int, int, int, int, Decimal, tuple[str, ...]]] = {
    2022: (9, 2, 0, 60, Decimal("13.5"), ("058",)),  # thành phố Bắc Kạn
    2023: (9, 4, 0, 59, Decimal("14.0"), ()),
    2024: (10, 3, 1, 60, Decimal("14.5"), ()),
    2025: (12, 6, 5, 59, Decimal("15.0"), ("063",)),  # huyện Bạch Thông
}


@transaction.atomic
def plan_targets_load(*, reset: bool = False, by: User | None = None) -> int:
    """Create the province's yearly targets of the plan; return how many rows changed.

    Idempotent: rows that exist are left as they are (an admin may have edited
    them) unless ``reset`` asks to restore the plan's values.
    """
    changed = 0
    districts = {d.code: d for d in District.objects.filter(code__in=["058", "063"])}
    for year, (ntm, adv, model, villages, mean, completing) in PLAN_TARGETS.items():
        values = {
            "ntm_communes_added": ntm,
            "advanced_communes_added": adv,
            "model_communes_added": model,
            "villages_added": villages,
            "mean_criteria": mean,
        }
        row = PlanTarget.objects.filter(year=year, district__isnull=True).first()
        if row is None:
            row = PlanTarget.objects.create(year=year, district=None, updated_by=by, **values)
            row.districts_completed.set([districts[c] for c in completing if c in districts])
            changed += 1
        elif reset:
            dirty = any(getattr(row, k) != v for k, v in values.items())
            wanted = {c for c in completing if c in districts}
            have = set(row.districts_completed.values_list("code", flat=True))
            if dirty or wanted != have:
                for k, v in values.items():
                    setattr(row, k, v)
                row.updated_by = by
                row.save()
                row.districts_completed.set([districts[c] for c in wanted])
                changed += 1
    return changed
