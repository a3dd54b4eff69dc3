"""Benchmark: a 50-nominee proposal letter against a plain one-page WeasyPrint PDF."""

from django.core.management.base import BaseCommand, CommandError

from devtools import pdf_bench as bench


class Command(BaseCommand):
    help = "Đo thời gian tạo PDF tờ trình 50 người so với một trang PDF đơn giản (yêu cầu < 5 lần)."

    def add_arguments(self, parser):
        parser.add_argument("--nominees", type=int, default=50)
        parser.add_argument("--repeat", type=int, default=10)
        parser.add_argument("--max-ratio", type=float, default=5.0)

    def handle(self, *args, nominees, repeat, max_ratio, **options):
        r = bench.run(nominees=nominees, repeat=repeat)
        self.stdout.write(
            f"Trang PDF đơn giản (1 trang):      nhanh nhất {r.plain_best * 1000:7.1f} ms, "
            f"trung vị {r.plain_median * 1000:7.1f} ms"
        )
        self.stdout.write(
            f"Tờ trình {r.nominees} người ({r.letter_pages} trang): nhanh nhất "
            f"{r.letter_best * 1000:7.1f} ms, trung vị {r.letter_median * 1000:7.1f} ms"
        )
        self.stdout.write(
            f"Tỷ lệ: {r.ratio:.2f} lần (theo trung vị {r.median_ratio:.2f}); "
            f"yêu cầu < {max_ratio:g}"
        )
        if r.ratio >= max_ratio:
            raise CommandError(f"Quá chậm: {r.ratio:.2f} ≥ {max_ratio:g}")
