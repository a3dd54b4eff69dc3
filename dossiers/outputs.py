"""The "Văn bản" section of the dossier page: documents produced from the dossier.

Another app (the documents / PDF one) registers a provider in its AppConfig.ready:

    from dossiers.outputs import Output, register_output

    @register_output
    def pdfs(dossier, user) -> list[Output]:
        return [Output(label="Tờ trình đề nghị khen thưởng", url=reverse(...), kind="pdf")]

The dossier page shows every provider's outputs; the provider is called only for a
user who may see the dossier, and must itself refuse anyone else at its URLs.
Providers must not issue a query per nominee.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    label: str
    url: str
    kind: str = "pdf"  # pdf, xlsx, html (printable view), zip
    note: str = ""


_PROVIDERS: list[Callable] = []


def register_output(provider: Callable) -> Callable:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def outputs_for(dossier, user) -> list[Output]:
    out: list[Output] = []
    for provider in _PROVIDERS:
        out.extend(provider(dossier, user))
    return out
