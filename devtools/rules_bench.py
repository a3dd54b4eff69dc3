"""Cases for benchmarking the pure core: a deterministic mix of every round and title."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from emulation.rules.core import evaluate, titles_for_round
from emulation.rules.types import Round


def sample_cases(n: int, seed: int = 2025) -> list[dict]:
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    pairs = [(r, t) for r in Round for t in titles_for_round(r)]
    cases = []
    for _ in range(n):
        rnd, title = rng.choice(pairs)
        base = rng.sample(range(1, 20), rng.randint(0, 12))
        now = sorted(set(base) | set(rng.sample(range(1, 20), rng.randint(0, 8))))
        cases.append(
            {
                "round": rnd.value,
                "year": rng.randint(2021, 2025),
                "title": title.value,
                "extremely_difficult": rng.random() < 0.4,
                "recognition": rng.choice(
                    [None, {"level": rng.choice(["ntm", "advanced", "model"]), "year": 2023}]
                ),
                "criteria_baseline": base,
                "criteria_now": now,
                "midterm_awarded": rng.random() < 0.3,
                "criteria_midterm": now[: len(now) - rng.randint(0, 3)],
                "capital_debt": rng.random() < 0.1,
                "completed_year": rng.choice([None, 2023, 2025]),
                "communes_recognized": rng.randint(0, 12),
                "communes_planned": rng.randint(0, 12),
                "infrastructure_value": rng.randint(0, 400) * 1_000_000,
                "awarded_this_year": rng.random() < 0.2,
                "contribution_value": rng.randint(0, 80) * 1_000_000,
                "mobilized_value": rng.randint(0, 150) * 1_000_000,
                "own_land_asset_value": rng.randint(0, 30) * 1_000_000,
                "attested": rng.choice([None, True, False]),
            }
        )
    return cases


def rate(cases: list[dict], values=None, judge: Callable = evaluate) -> tuple[float, float]:
    """(cases per second, CPU seconds) for judging every case once on this process."""
    start = time.process_time()
    for case in cases:
        judge(case, values)
    spent = time.process_time() - start
    return (len(cases) / spent if spent else float("inf")), spent
