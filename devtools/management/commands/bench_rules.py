"""manage.py bench_rules — how fast the rules are (the pure core, and facts gathering).

Target: ≥ 50.000 cases per second of the pure core on one core; 10.000 cases well
under a second. Facts gathering is measured on the records in the database
(every commune and district, each round, set-based as "who qualifies" gathers them:
``eligibility.qualify.gather_facts``; best of --repeat runs).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from communes.models import Commune, District
from devtools.rules_bench import rate, sample_cases
from eligibility.facts import case_for
from eligibility.qualify import gather_facts
from emulation.money import format_number
from emulation.rules import COMMUNE_TITLES, DISTRICT_TITLES, Round, evaluate
from emulation.rulesets import ruleset_in_force


class Command(BaseCommand):
    help = "Đo tốc độ xét điều kiện: lõi quy tắc (trường hợp/giây) và thu thập số liệu từ CSDL."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=5, help="best of N runs")
        parser.add_argument("--no-facts", action="store_true", help="skip the database part")

    def handle(self, *args, **options):
        values = ruleset_in_force().values
        cases = sample_cases(options["cases"])
        best, spent = max(rate(cases, values) for _ in range(max(1, options["repeat"])))
        self.stdout.write(
            f"rules core: {len(cases)} cases in {spent:.3f} s CPU = {format_number(best)} cases/s"
        )
        if options["no_facts"]:
            return
        communes = list(Commune.objects.all())
        districts = list(District.objects.all())
        units = len(communes) + len(districts)
        repeat = max(1, options["repeat"])
        for rnd in Round:
            year = 2024 if rnd is Round.ANNUAL else None
            gathered = float("inf")
            for _ in range(repeat):  # best of N, as the core's figure
                start = time.perf_counter()
                df, cf = gather_facts(districts, communes, round=rnd, year=year, values=values)
                gathered = min(gathered, time.perf_counter() - start)
            start = time.perf_counter()
            judged = 0
            for facts, titles in ((cf, COMMUNE_TITLES), (df, DISTRICT_TITLES)):
                for f in facts.values():
                    for t in titles:
                        evaluate(case_for(f, t), values)
                        judged += 1
            judging = time.perf_counter() - start
            self.stdout.write(
                f"facts {rnd.value:<8}: {units} units gathered in {gathered * 1000:.1f} ms "
                f"({format_number(units / gathered)} units/s); best of {repeat}; {judged} "
                f"verdicts in {(gathered + judging) * 1000:.1f} ms total"
            )
