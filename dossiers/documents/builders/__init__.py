"""Documents filled from the records: a dossier's proposal letter, each nominee's
achievement report, the council's minutes, the decision and its certificates.

Every builder returns a :class:`Document` (template + context + file name) and
issues a bounded number of queries whatever the number of nominees. One module per
document: :mod:`.proposal`, :mod:`.achievement`, :mod:`.minutes`, :mod:`.decision`
(with the certificates' text); :mod:`.common` holds what they share.
"""

from .achievement import AchievementReport, Fact, achievement_report, achievement_reports
from .common import (
    Document,
    chairman,
    council_name,
    file_name,
    head_of,
    nominee_amount,
    nominee_groups,
    nominee_unit,
    proposer_signer,
    round_label,
)
from .decision import awarded_nominees, certificate_entries, decision
from .minutes import council_minutes
from .proposal import proposal_letter

__all__ = [
    "AchievementReport",
    "Document",
    "Fact",
    "achievement_report",
    "achievement_reports",
    "awarded_nominees",
    "certificate_entries",
    "chairman",
    "council_minutes",
    "council_name",
    "decision",
    "file_name",
    "head_of",
    "nominee_amount",
    "nominee_groups",
    "nominee_unit",
    "proposal_letter",
    "proposer_signer",
    "round_label",
]
