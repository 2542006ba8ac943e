"""Counts kept up to date at every save, so lists never open every record to count.

:class:`YearCount` is a peer's held sessions in one year; :class:`PeerTally` is what
Home shows for one peer (sessions, last one, open items, awaiting sign-off).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .enums import SessionStatus

if TYPE_CHECKING:
    from .tracks import Tracks


@dataclass(slots=True)
class YearCount:
    """A peer's held sessions in one year: what Home's summary adds up, kept beside
    the open items so a save never reads the whole history to count it."""

    held: int = 0
    awaiting: int = 0  # completed, not yet acknowledged by everyone
    last: date | None = None


@dataclass(slots=True)
class PeerTally:
    """What Home shows for one peer, kept up to date at every save."""

    peer_id: str
    sessions: int = 0
    last_session: date | None = None
    open_concerns: int = 0
    active_goals: int = 0
    open_actions: int = 0
    awaiting_signoff: int = 0


def year_counts(held) -> dict[int, YearCount]:
    """Held sessions per year (anything with ``when`` and ``status``: sessions or their rows)."""
    counts: dict[int, YearCount] = {}
    for r in held:
        if r.status in (SessionStatus.DRAFT, SessionStatus.WITHDRAWN):
            continue
        count = counts.setdefault(r.when.year, YearCount())
        count.held += 1
        count.awaiting += r.status == SessionStatus.COMPLETED
        day = r.when.date()
        if count.last is None or day > count.last:
            count.last = day
    return counts


def tally_from_counts(peer_id: str, counts: dict[int, YearCount], tracks: Tracks) -> PeerTally:
    """The Home-screen figures for one peer, from their yearly counts and items.

    Only open items count, so ``tracks`` may hold just the open ones."""
    return PeerTally(
        peer_id=peer_id,
        sessions=sum(c.held for c in counts.values()),
        last_session=max((c.last for c in counts.values() if c.last), default=None),
        open_concerns=sum(1 for h in tracks.concerns.values() if h.is_open),
        active_goals=sum(1 for h in tracks.goals.values() if h.is_active),
        open_actions=sum(1 for h in tracks.actions.values() if h.is_open),
        awaiting_signoff=sum(c.awaiting for c in counts.values()),
    )
