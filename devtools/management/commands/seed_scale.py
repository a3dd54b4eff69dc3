"""manage.py seed_scale — synthetic national-scale data for the benchmark.

National figures (the defaults are small): --communes 10000 --villages 100000 --years 20
--dossiers 50000 --nominees 500000. Synthetic unit codes start with "Z" and never collide
with real ones; rerunning replaces the previous synthetic data (--clear only deletes it).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from devtools import scale


class Command(BaseCommand):
    help = "Sinh dữ liệu giả lập quy mô toàn quốc (mã đơn vị bắt đầu bằng “Z”) để đo hiệu năng."

    def add_arguments(self, parser):
        defaults = scale.Counts()
        for name in ("communes", "villages", "years", "dossiers", "nominees"):
            parser.add_argument(
                f"--{name}",
                type=int,
                default=getattr(defaults, name),
                help=f"toàn quốc: {scale.NATIONAL[name]}",
            )
        parser.add_argument("--national", action="store_true", help="dùng số liệu toàn quốc")
        parser.add_argument("--clear", action="store_true", help="chỉ xoá dữ liệu giả lập")

    def handle(self, *args, **o):
        if o["clear"]:
            scale.clear()
            self.stdout.write("Đã xoá dữ liệu giả lập.")
            return
        values = scale.NATIONAL if o["national"] else {k: o[k] for k in scale.NATIONAL}
        start = time.perf_counter()
        done = scale.seed(scale.Counts(**values), log=self.stdout.write)
        spent = time.perf_counter() - start
        self.stdout.write(f"Xong trong {spent:.1f} giây: {done}")
