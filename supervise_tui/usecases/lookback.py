"""Looking back: gather one peer's (or a team's) light rows and compute the figures.

Shared by the screens and the plain-text commands so both always say the same.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from ..domain.enums import SessionStatus
from ..domain.models import Person
from ..domain.rows import SessionRow, tracks_from_rows
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
from .people import visible_peers


@dataclass
class PeerFigures:
    """What trends count for one peer: the light rows of their held sessions and their
    items folded from those rows (no full record is opened)."""

    person: Person
    rows: list[SessionRow]
    tracks: Tracks


def load_figures(store: Backend, person: Person) -> PeerFigures:
    with _bulk():
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


@contextmanager
def _bulk():
    """Many small objects are made and kept at once (every peer's rows): Python's cycle
    collector would walk them all again and again as they pile up, for nothing (they
    hold no cycles), so it waits until the work is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def kept_tally(store: Backend, peer_id: str):
    """The peer's kept team tally, or None (not kept yet, or by a backend that keeps
    none: the rows are counted then)."""
    keeper = getattr(store, "team_tally", None)
    return keeper(peer_id) if keeper is not None else None


def team_for(store: Backend, members: list[Person], period: Period, today: date) -> TeamTrends:
    """The team view: over all time from each peer's kept tally (a cost that follows
    the number of peers, not of sessions), else from their rows."""
    rows, raised, counted = [], {}, []
    for person in members:
        tally = kept_tally(store, person.id) if period.start is None else None
        if kept_covers(tally, period):
            rows.append(kept_team_row(person, tally, period, today))
            raised[person.id] = kept_raised(tally)
        else:
            counted.append(person)
    with _bulk():  # (only while rows pile up: it costs a collection at the end)
        for person in counted:
            record = load_figures(store, person)
            rows.append(team_row(person, record.rows, record.tracks, period, today))
            raised[person.id] = raised_in(record.tracks, period)
    order = {person.id: n for n, person in enumerate(members)}
    rows.sort(key=lambda row: order[row.peer_id])
    return team_trends(rows, period, raised)
