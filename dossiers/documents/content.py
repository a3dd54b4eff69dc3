"""The content of each document as plain data, independent of the models.

Builders in :mod:`dossiers.documents.builders` fill these from the database;
templates read only these, so a document can be rendered (and benchmarked,
and tested) from any source of data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from .legal import Citation, Plan
from .official import DocumentHead, long_date


def count_phrase(collectives: int, persons: int) -> str:
    """ "05 tập thể và 02 cá nhân"; a zero count is left out."""
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if persons:
        parts.append(f"{persons:02d} cá nhân")
    return " và ".join(parts) or "00 tập thể, cá nhân"


@dataclass
class NomineeLine:
    """One nominee in a list: a collective or a person."""

    name: str  # "Xã Quang Thuận", "Ông Nguyễn Văn An"
    address: str = ""  # unit or place: "thôn Nà Pài, xã Quang Thuận, huyện Bạch Thông"
    achievement: str = ""  # one-paragraph summary
    amount: int | None = None  # contribution in VND, when the title counts one
    note: str = ""


@dataclass
class NomineeGroup:
    """Nominees proposed for one title, e.g. "Xã đạt chuẩn nông thôn mới năm 2023"."""

    title: str
    collective: bool
    nominees: list[NomineeLine] = field(default_factory=list)


@dataclass
class ProposalLetter:
    """Tờ trình đề nghị tặng Bằng khen (the proposing level's letter)."""

    head: DocumentHead
    basis: Citation
    plan: Plan  # the province's plan, cited; its movement names the achievements
    proposer: str  # "Ủy ban nhân dân huyện Bạch Thông"
    round_phrase: str  # "năm 2023" / "sơ kết giai đoạn 2021 - 2023"
    groups: list[NomineeGroup]
    council_date: dt.date | None = None  # the HĐ TĐKT meeting
    attachments: list[str] = field(default_factory=list)
    with_list: bool = True  # annex "Danh sách" (mid-term and final rounds; annual too)

    template: ClassVar[str] = "documents/proposal.html"

    def context(self) -> dict:
        return {"head": self.head, "letter": self, "plan": self.plan}

    @property
    def council_date_long(self) -> str:
        return long_date(self.council_date) if self.council_date else ""

    @property
    def collective_count(self) -> int:
        return sum(len(g.nominees) for g in self.groups if g.collective)

    @property
    def person_count(self) -> int:
        return sum(len(g.nominees) for g in self.groups if not g.collective)

    @property
    def counts(self) -> str:
        return count_phrase(self.collective_count, self.person_count)

    @property
    def total(self) -> int:
        return sum(len(g.nominees) for g in self.groups)
