"""Demo data of the documents package: a certificate layout, the public list's rows."""

from __future__ import annotations

from dossiers.documents.certificates import active_layout
from dossiers.documents.public import public_awards_rebuild


def seed(stdout=None) -> None:
    layout = active_layout()
    count = public_awards_rebuild()
    if stdout is not None:
        stdout.write(f"Văn bản: mẫu phôi “{layout.name}”, {count} khen thưởng công khai.")
