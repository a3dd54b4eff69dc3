"""The register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020/NĐ-CP,
Điều 15–16).

When a body issues a document, :func:`outgoing_document_issue` gives it the next number
of the body's year (from 01 on 1 January), writes the register's line and the audit
line, in the caller's transaction: a decision flow calls it when the decision is
issued and prints the number it returns. Numbers are never reused: a withdrawn
document keeps its line and its number (:func:`outgoing_document_withdraw`); a
correcting document gets a new number and the corrected one points to it
(:func:`outgoing_document_correct`).

Concurrency: the body's counter row is raised by one ``INSERT … ON CONFLICT DO UPDATE
… RETURNING``, which PostgreSQL serialises per row: a second issuer waits for the
first one's transaction to end and then gets the next number. A failed transaction
gives its number back with its counter update, so the register has no holes; the
unique constraint (body, year, number) is the last guard.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from dossiers.numbering import BY_CODE, symbol
from emulation.audit import log_action
from emulation.text import fold

from .models import OutgoingDocument, RegisterCounter


def _next_number(body_key: str, year: int) -> int:
    # the table's name is the model's own (not input); the values are parameters
    table = RegisterCounter._meta.db_table
    sql = (
        f"INSERT INTO {table} (body_key, year, last_number) VALUES (%s, %s, 1) "  # noqa: S608  # nosec B608
        f"ON CONFLICT (body_key, year) DO UPDATE SET last_number = {table}.last_number + 1 "
        "RETURNING last_number"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [body_key, year])
        return cursor.fetchone()[0]


def _search_text(doc: OutgoingDocument) -> str:
    return fold(" ".join([doc.full_number, doc.excerpt, doc.signer_name, doc.recipients]))


@transaction.atomic
def outgoing_document_issue(
    *,
    body_key: str,
    body_name: str,
    body_abbreviation: str,
    kind_code: str,
    issued_on: dt.date,
    excerpt: str,
    by=None,
    signer_name: str = "",
    recipients: str = "",
    dossier=None,
) -> OutgoingDocument:
    """Register a document ``body_key`` issues on ``issued_on``; its number is the next
    of that body's year. ``kind_code`` is a code of Phụ lục III ("QĐ", "TTr"), or "" for a
    công văn (symbol is then the body's abbreviation alone)."""
    if not body_key:
        raise ValueError("A registered document needs its issuing body's key.")
    if kind_code and kind_code not in BY_CODE:
        raise ValueError(f"Unknown kind of document: {kind_code!r}")
    year = issued_on.year
    doc = OutgoingDocument(
        body_key=body_key,
        body_name=body_name,
        year=year,
        number=_next_number(body_key, year),
        symbol=symbol(BY_CODE[kind_code], body_abbreviation) if kind_code else body_abbreviation,
        kind_code=kind_code,
        issued_on=issued_on,
        excerpt=" ".join(excerpt.split()),
        signer_name=signer_name,
        recipients=recipients,
        dossier=dossier,
        registered_by=by if getattr(by, "is_authenticated", False) else None,
    )
    doc.search = _search_text(doc)
    doc.save()
    log_action(
        action="register.issue",
        obj=doc,
        by=by,
        after={"number": doc.full_number, "issued_on": issued_on, "excerpt": doc.excerpt},
    )
    return doc


@transaction.atomic
def outgoing_document_withdraw(*, document: OutgoingDocument, by, reason: str) -> None:
    """Mark a document withdrawn (thu hồi): its line and its number stay."""
    if not reason.strip():
        raise ValueError("A withdrawal needs its reason.")
    doc = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    if doc.withdrawn_at is not None:
        return
    doc.withdrawn_at = timezone.now()
    doc.withdrawal_reason = reason.strip()
    doc.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    document.withdrawn_at, document.withdrawal_reason = doc.withdrawn_at, doc.withdrawal_reason
    log_action(action="register.withdraw", obj=doc, by=by, reason=doc.withdrawal_reason)


@transaction.atomic
def outgoing_document_correct(
    *, document: OutgoingDocument, correction: OutgoingDocument, by
) -> None:
    """Record that ``correction`` (a registered document of its own) corrects ``document``."""
    if correction.pk == document.pk:
        raise ValueError("A document does not correct itself.")
    OutgoingDocument.objects.filter(pk=document.pk).update(corrected_by=correction)
    document.corrected_by = correction
    log_action(
        action="register.correct",
        obj=document,
        by=by,
        after={"corrected_by": correction.full_number},
    )


def register_entries(*, body_key: str, year: int, q: str = "") -> QuerySet[OutgoingDocument]:
    """A body's register of one year, in number order, filtered by the words of ``q``
    (number, excerpt, signer, recipients; without diacritics)."""
    qs = OutgoingDocument.objects.filter(body_key=body_key, year=year)
    for term in fold(q).split():
        qs = qs.filter(search__contains=term)
    return qs.select_related("corrected_by").order_by("number")


def register_bodies() -> list[tuple[str, str]]:
    """(key, name) of every body that has a register, by name.

    The bodies come from their counters (one row per body and year, raised in the
    transaction that issues each document) and each is named as its latest document
    names it (one probe of the register's unique index per body): the cost follows the
    number of bodies, not of the documents ever issued."""
    latest_name = (
        OutgoingDocument.objects.filter(body_key=OuterRef("body_key"))
        .order_by("-year", "-number")
        .values("body_name")[:1]
    )
    rows = (
        RegisterCounter.objects.filter(last_number__gt=0)
        .values("body_key")
        .distinct()
        .annotate(name=Subquery(latest_name))
        .values_list("body_key", "name")
    )
    return sorted(((key, name) for key, name in rows if name), key=lambda kv: kv[1])


def register_years(body_key: str) -> list[int]:
    """The years ``body_key`` issued documents in, latest first (from its counters)."""
    return list(
        RegisterCounter.objects.filter(body_key=body_key, last_number__gt=0)
        .order_by("-year")
        .values_list("year", flat=True)
    )


def outgoing_document_next(
    *, body_key: str, body_abbreviation: str, kind_code: str, issued_on: dt.date
) -> str:
    """The number the next document of ``body_key``'s year would get ("06/QĐ-UBND"), to
    show before issuing: nothing is reserved (another issuer may take it first; the number
    given is the one :func:`outgoing_document_issue` returns)."""
    last = (
        RegisterCounter.objects.filter(body_key=body_key, year=issued_on.year)
        .values_list("last_number", flat=True)
        .first()
    )
    sym = symbol(BY_CODE[kind_code], body_abbreviation) if kind_code else body_abbreviation
    return f"{(last or 0) + 1:02d}/{sym}"
