"""Demo data of the documents package: a certificate layout, the public list's rows."""

from __future__ import annotations


def seed(stdout=None) -> None:
    from .certificates import active_layout
    from .public import public_awards_rebuild

    layout = active_layout()
    count = public_awards_rebuild()
    if stdout is not None:
        stdout.write(f"Văn bản: mẫu phôi “{layout.name}”, {count} khen thưởng công khai.")
