"""Looking back: gather one peer's (or a team's) records and compute the figures.

Shared by the screens and the plain-text commands so both always say the same.
Works with anything that has the repository's methods (the UI's gateway too).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from .domain.enums import Role
from .domain.models import Person
from .domain.rows import SessionRow, tracks_from_rows
from .domain.tracks import Tracks
from .services.periods import Period
from .services.report import closest_names
from .services.trends import PeerTrends, TeamTrends, peer_trends, team_row, team_trends
from .store.errors import NotFound


def find_person(repo, name: str, role: Role | None = Role.PEER) -> Person:
    """The one person called ``name`` (case-insensitive); a clear error otherwise."""
    wanted = " ".join(name.split())
    found = repo.find_people(wanted, role=role)
    if len(found) == 1:
        return found[0]
    what = "peer specialist" if role == Role.PEER else "supervisor" if role else "person"
    if not found:
        close = closest_names(wanted, repo.people(), role)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise NotFound(f"There is no {what} called {wanted!r}.{hint}")
    sites = ", ".join(p.site or "no site" for p in found)
    raise NotFound(
        f"More than one {what} is called {wanted!r} (sites: {sites}); "
        "use the name and site as shown on People."
    )


@dataclass
class PeerFigures:
    """What trends count for one peer: the light rows of their held sessions and their
    items folded from those rows (no full record is opened)."""

    person: Person
    facts: list[SessionRow]
    tracks: Tracks


def load_figures(repo, person: Person) -> PeerFigures:
    with _bulk():
        facts = repo.facts(person.id)
        return PeerFigures(person, facts, tracks_from_rows(person.id, facts))


def trends_for(record: PeerFigures, period: Period, today: date) -> PeerTrends:
    return peer_trends(record.person, record.facts, record.tracks, period, today)


def team_members(
    repo, *, supervisor: Person | None = None, site: str | None = None
) -> list[Person]:
    peers = repo.people(role=Role.PEER, include_inactive=False)
    if site:
        wanted = " ".join(site.split()).casefold()
        peers = [p for p in peers if p.site.casefold() == wanted]
    if supervisor is not None:
        peers = [
            p for p in peers if any(supervisor.id in r.supervisor_ids for r in repo.facts(p.id))
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


def team_for(repo, members: list[Person], period: Period, today: date) -> TeamTrends:
    rows, tracks = [], {}
    with _bulk():
        for person in members:
            record = load_figures(repo, person)
            tracks[person.id] = record.tracks
            rows.append(team_row(person, record.facts, record.tracks, period, today))
        return team_trends(rows, period, tracks)
