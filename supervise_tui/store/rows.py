"""Reading the light session rows (``index-YYYY.json``) quickly and strictly.

Trends read every row of every peer, so rows are decoded straight from the file's
bytes into :class:`~supervise_tui.domain.rows.SessionRow` by msgspec, which checks
every type (texts, numbers, dates, choices, rating names) on the way in at about the
speed of plain JSON parsing. A wrong shape is a :class:`ValidationError` naming where.
"""

from __future__ import annotations

import msgspec

from ..domain.errors import ValidationError
from ..domain.rows import SessionRow

_FILE = msgspec.json.Decoder(dict[str, dict[str, SessionRow]])


def _where(error: Exception) -> str:
    """Only the place from msgspec's message: the message may quote the bad value,
    which could be part of a record."""
    text = str(error)
    return text.rsplit(" - at ", 1)[1] if " - at " in text else "the file"


def decode_rows(data: bytes) -> list[SessionRow]:
    """Every row of an index file's bytes, each with its id."""
    try:
        tables = _FILE.decode(data)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        where = _where(error)
        raise ValidationError(
            f"A session row does not have the expected shape (at {where}).", where
        ) from None
    rows = tables.get("sessions", {})
    for row_id, row in rows.items():
        row.id = row_id
    return list(rows.values())


def row_from_doc(row_id: str, doc: dict) -> SessionRow:
    """One row already parsed (from the store's cache)."""
    try:
        row = msgspec.convert(doc, SessionRow)
    except msgspec.ValidationError as error:
        raise ValidationError(
            f"Session row {row_id} does not have the expected shape (at {_where(error)}).",
            f"index.{row_id}",
        ) from None
    row.id = row_id
    return row
