"""Keeping a change when someone else may have changed the same record meanwhile (two
windows, or several people on a server): never overwritten. The version that could not
be kept is set aside as a conflict, as an import's is, so the person sees both
(`supervise conflicts --show ID`) and chooses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.person import Person
from ..domain.serial import to_data
from ..store.backend import Backend, Conflict, SessionChange
from ..store.errors import ChangedElsewhere

if TYPE_CHECKING:
    from ..domain.models import Session

Clock = Callable[[], datetime]

AGAIN = "Someone saved for this peer at the same moment; nothing was saved. Please try again."


def keep_session(store: Backend, change: SessionChange, *, clock: Clock) -> None:
    """``store.store_session(change)``; when the stored session is another version than
    the one this was made from, this version is set aside and the refusal says where."""
    try:
        store.store_session(change)
    except ChangedElsewhere:
        session = change.session
        filed = store.filed_row(session.peer_id, session.id, change.filed_year, anywhere=True)
        if (filed.updated_at if filed else None) == change.replaces:
            raise ChangedElsewhere(AGAIN) from None  # the peer's figures moved, not it
        _set_aside(store, "session", session, clock)
        raise ChangedElsewhere(
            "Someone else changed this session meanwhile, so nothing was overwritten. This "
            f"version is kept aside: `supervise conflicts --show {session.id[:8]}` shows "
            "both, field by field, and `--keep` settles it."
        ) from None


def person_set_aside(store: Backend, person: Person, *, clock: Clock) -> ChangedElsewhere:
    """After a save of ``person`` was refused (and its commit undone): this version set
    aside, and the refusal to raise, saying where."""
    _set_aside(store, "person", person, clock)
    return ChangedElsewhere(
        f"Someone else changed {person.name} meanwhile, so nothing was overwritten. This "
        f"version is kept aside: `supervise conflicts --show {person.id[:8]}` shows both."
    )


def _set_aside(store: Backend, kind: str, record: Session | Person, clock: Clock) -> None:
    conflict = Conflict(
        id=f"{kind}-{record.id}",
        kind=kind,
        record_id=record.id,
        found_at=clock(),
        incoming=to_data(record),
    )
    store.put_conflicts([conflict])
