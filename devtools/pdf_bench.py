"""How long a 50-nominee proposal letter takes, against a plain one-page document.

The plain document is one A4 page of paragraphs rendered by WeasyPrint with
its defaults (``HTML(string=...).write_pdf()``); the letter goes through the
app's whole path (template, NFC, fonts, stylesheet). Both are warmed up once,
then measured alternately so that a busy machine slows both alike; the ratio
of the fastest runs is reported (the issue requires it under 5).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from weasyprint import HTML

from dossiers.documents import pdf, samples

PARAGRAPH = (
    "Ủy ban nhân dân huyện Bạch Thông kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, "
    "tặng Bằng khen cho các tập thể, cá nhân đã có thành tích xuất sắc trong Phong trào thi "
    "đua xây dựng nông thôn mới."
)


def plain_page_html() -> str:
    """As many paragraphs as fill exactly one page with WeasyPrint's defaults."""
    count = 1
    while len(HTML(string=_plain(count + 1)).render().pages) == 1:
        count += 1
    return _plain(count)


def _plain(count: int) -> str:
    return "<html><body><h1>Văn bản</h1>" + f"<p>{PARAGRAPH}</p>" * count + "</body></html>"


@dataclass
class BenchResult:
    plain_best: float
    plain_median: float
    letter_best: float
    letter_median: float
    letter_pages: int
    nominees: int

    @property
    def ratio(self) -> float:
        return self.letter_best / self.plain_best

    @property
    def median_ratio(self) -> float:
        return self.letter_median / self.plain_median


def run(*, nominees: int = 50, repeat: int = 10) -> BenchResult:
    plain_html = plain_page_html()
    letter = samples.sample_proposal(nominees)

    def plain_once() -> float:
        start = time.perf_counter()
        HTML(string=plain_html).write_pdf()
        return time.perf_counter() - start

    def letter_once() -> float:
        start = time.perf_counter()
        pdf.render_pdf(letter.template, letter.context())
        return time.perf_counter() - start

    plain_once()
    letter_once()
    plain_times, letter_times = [], []
    for _ in range(repeat):
        plain_times.append(plain_once())
        letter_times.append(letter_once())
    html = pdf.render_html(letter.template, letter.context(), printable=False)
    font_config, stylesheets = pdf.shared_weasy()
    pages = len(HTML(string=html).render(stylesheets=stylesheets, font_config=font_config).pages)
    return BenchResult(
        plain_best=min(plain_times),
        plain_median=statistics.median(plain_times),
        letter_best=min(letter_times),
        letter_median=statistics.median(letter_times),
        letter_pages=pages,
        nominees=nominees,
    )
