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
from ..services.team import TeamTrends, team_row, team_trends
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
        peers = [
            p
            for p in peers
            if any(
                supervisor.id in r.supervisor_ids and r.status != SessionStatus.WITHDRAWN
                for r in store.rows(p.id)
            )
        ]
    return peers


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


def team_for(store: Backend, members: list[Person], period: Period, today: date) -> TeamTrends:
    rows, tracks = [], {}
    with _bulk():
        for person in members:
            record = load_figures(store, person)
            tracks[person.id] = record.tracks
            rows.append(team_row(person, record.rows, record.tracks, period, today))
        return team_trends(rows, period, tracks)
