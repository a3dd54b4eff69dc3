"""Benchmark of the pure rules core, without Django: python devtools/rules_bench_cli.py [N]

Prints the cases per second on one core (target ≥ 50.000/s). `manage.py bench_rules`
also measures facts gathering from the database.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devtools.rules_bench import rate, sample_cases  # noqa: E402
from emulation.money import format_number  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
cases = sample_cases(n)
best, spent = max(rate(cases) for _ in range(3))
print(f"rules core: {n} cases in {spent:.3f} s CPU = {format_number(best)} cases/s")
