"""Looking back: gather one peer's (or a team's) light rows and compute the figures.

Shared by the screens and the plain-text commands so both always say the same.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from ..domain.enums import SessionStatus
from ..domain.models import Person
from ..domain.rows import SessionRow, tracks_from_rows
from ..domain.team_tally import held_days
from ..domain.tracks import Tracks
from ..services.periods import Period
from ..services.team import (
    TeamTrends,
    kept_covers,
    kept_raised,
    kept_team_row,
    raised_in,
    team_row,
    team_trends,
)
from ..services.trends import PeerTrends, peer_trends
from ..store.backend import Backend
from .bulk import collector_paused
from .people import visible_peers

# An open item read whole (its texts and every update), with its share of the files the
# items touched are looked for in, costs about as much as four light rows (tried from
# half a row to eight on both benchmark generators' 50,000 sessions: at four, records
# with many long-lived open items take either path alike; ten years of weekly sessions
# are read 2-2.5x quicker).
OPEN_ITEM_ROWS = 4


@dataclass
class PeerFigures:
    """What trends count for one peer: the light rows of their held sessions and their
    items folded from those rows (no full record is opened)."""

    person: Person
    rows: list[SessionRow]
    tracks: Tracks


def load_figures(store: Backend, person: Person) -> PeerFigures:
    with collector_paused():
        held = SessionStatus.WITHDRAWN  # a withdrawn session is listed, never counted
        rows = [r for r in store.rows(person.id) if r.status != held]
        return PeerFigures(person, rows, tracks_from_rows(person.id, rows))


def trends_for(record: PeerFigures, period: Period, today: date) -> PeerTrends:
    return peer_trends(record.person, record.rows, record.tracks, period, today)


def team_members(
    store: Backend, *, supervisor: Person | None = None, site: str | None = None
) -> list[Person]:
    peers = visible_peers(store, include_inactive=False)
    if site:
        wanted = " ".join(site.split()).casefold()
        peers = [p for p in peers if p.site.casefold() == wanted]
    if supervisor is not None:
        peers = [p for p in peers if _joined(store, p, supervisor)]
    return peers


def _joined(store: Backend, peer: Person, supervisor: Person) -> bool:
    """Whether ``supervisor`` joined any of the peer's counted sessions."""
    tally = kept_tally(store, peer.id)
    if tally is not None:
        return supervisor.id in tally.supervisors
    return any(
        supervisor.id in r.supervisor_ids and r.status != SessionStatus.WITHDRAWN
        for r in store.rows(peer.id)
    )


def kept_tally(store: Backend, peer_id: str):
    """The peer's kept team tally, or None (not kept yet, or by a backend that keeps
    none: the rows are counted then)."""
    keeper = getattr(store, "team_tally", None)
    return keeper(peer_id) if keeper is not None else None


def team_for(store: Backend, members: list[Person], period: Period, today: date) -> TeamTrends:
    """The team view. Over all time, from each peer's kept tally (a cost that follows the
    number of peers, not of sessions); over a shorter period, from the rows of the
    period's first year on, the items they touch and those still open, and the tally's
    held days (a cost that follows the period, not the whole history); a peer with no
    kept tally (older records, or a backend that keeps none), from all their rows."""
    rows, raised, counted = [], {}, []
    for person in members:
        tally = kept_tally(store, person.id)
        if kept_covers(tally, period):
            rows.append(kept_team_row(person, tally, period, today))
            raised[person.id] = kept_raised(tally)
        else:
            counted.append((person, tally))
    with collector_paused():  # (only while rows pile up: it costs a collection at the end)
        for person, tally in counted:
            days = held_days(tally) if tally is not None and period.start is not None else []
            first = date(period.start.year, 1, 1) if days else None
            if days and _fewer_from(tally, days, first):
                record = _from_year(store, person, first)
                options = {"all_held": days}
            else:
                record, options = load_figures(store, person), {}
            rows.append(team_row(person, record.rows, record.tracks, period, today, **options))
            raised[person.id] = raised_in(record.tracks, period)
    order = {person.id: n for n, person in enumerate(members)}
    rows.sort(key=lambda row: order[row.peer_id])
    return team_trends(rows, period, raised)


def _fewer_from(tally, days: list[date], first: date) -> bool:
    """Whether reading from ``first`` on (those rows, and every open item whole: about
    four rows' worth each) reads less than all the rows."""
    since = len(days) - bisect_left(days, first)
    items = tally.open_concerns + len(tally.rises) + len(tally.supervisor_open)
    return since + OPEN_ITEM_ROWS * items < len(days)


def _from_year(store: Backend, person: Person, first: date) -> PeerFigures:
    """The peer's held sessions from ``first`` on, and the items they raised or updated
    with every item still open. What the team row of a period starting that year counts
    is all there: an item missing was settled before, and no figure of the row counts
    it (tests hold the rows equal to those from the whole history)."""
    held = SessionStatus.WITHDRAWN
    rows = [r for r in store.rows(person.id, start=first) if r.status != held]
    ids = set().union(*(row.item_ids() for row in rows))
    return PeerFigures(person, rows, store.tracks_for(person.id, ids))
