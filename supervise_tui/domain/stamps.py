"""Record ids and version stamps: every version of a record is stamped later than the one
before, and remembers the stamps of earlier versions (docs/format.md)."""

from __future__ import annotations

import uuid
from dataclasses import field
from datetime import UTC, datetime, timedelta

from .errors import ValidationError

ID_MAX = 64


def new_id() -> str:
    return str(uuid.uuid4())


def check_id(value: object, field: str = "id") -> str:
    """Record ids name files and documents: a plain token of letters, digits and dashes."""
    ok = isinstance(value, str) and 0 < len(value) <= ID_MAX
    if not ok or not (value.isascii() and (value.replace("-", "") or "0").isalnum()):
        raise ValidationError("That record id is not valid.", field)
    return value


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


MAX_REVISIONS = 50

# Fields that say which record this is and which version: a bundle must carry them
# (a record without its id would be added again by every import).
IDENTITY = {"identity": True}


def _id() -> str:
    return field(default_factory=new_id, metadata=IDENTITY)


def _stamp() -> datetime:
    return field(default_factory=now_utc, metadata=IDENTITY)


def next_stamp(previous: datetime | None, now: datetime) -> datetime:
    """``now``, but always later than ``previous``: versions of a record never share a
    stamp, which the merge rules rely on (docs/format.md)."""
    if previous is not None and now <= previous:
        return previous + timedelta(milliseconds=1)
    return now


def next_revisions(
    previous_revisions: list[datetime], previous_updated_at: datetime
) -> list[datetime]:
    """The revision list of a new version made from a previous one."""
    return [*previous_revisions, previous_updated_at][-MAX_REVISIONS:]
