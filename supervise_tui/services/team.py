"""The team side by side: each peer's headline figures, and concerns that recur across peers.

The Team view and `supervise team` show these; each row is held equal to the peer's
full trends (tests).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from ..domain.enums import (
    ConcernCategory,
    GoalStatus,
    RatingKey,
)
from ..domain.models import Person
from ..domain.rows import SessionRow
from ..domain.tracks import Tracks
from .figures import (
    DRIFTING,
    CadenceFigures,
    cadence_figures,
    concern_resolutions,
    held_rows,
)
from .goal_figures import STALL_AFTER, OwnerActions, action_figures, goal_points, is_stalled
from .periods import Period
from .trends import Series, series


@dataclass
class RecurringCategory:
    category: ConcernCategory
    peers: int
    concerns: int


@dataclass
class TeamRow:
    """One peer's figures in the team view: the ones the Team screen and `supervise team`
    show, worked out exactly as in :func:`peer_trends` (a test holds them equal), without
    the rest, which the team view does not show."""

    peer_id: str
    name: str
    site: str
    period: str
    sessions: int
    cadence: CadenceFigures
    role_clarity: Series
    open_concerns: int  # ConcernFigures.still_open
    median_days_to_resolve: float | None
    drifting_share: float | None
    stalled_goals: int
    supervisor_actions: OwnerActions


def team_row(
    person: Person,
    sessions: list[SessionRow],
    tracks: Tracks,
    period: Period,
    today: date,
    *,
    stall_after: int = STALL_AFTER,
) -> TeamRow:
    in_period, all_days, days = held_rows(sessions, period)
    clarity = RatingKey.ROLE_CLARITY.value
    points = [(s.day, s.ratings[clarity]) for s in in_period if s.ratings.get(clarity)]
    still_open, resolutions = concern_resolutions(tracks, period)
    durations = [days_taken for _, days_taken in resolutions]
    total = drifting = 0
    for s in in_period:
        total += len(s.fits)
        drifting += sum(1 for fit, _ in s.fits if fit is DRIFTING)
    stalled = 0
    for track in tracks.goals.values():
        if track.current.status == GoalStatus.ACTIVE:
            stalled += is_stalled(goal_points(track), all_days, period, stall_after)
    return TeamRow(
        peer_id=person.id,
        name=person.name,
        site=person.site,
        period=period.label,
        sessions=len(in_period),
        cadence=cadence_figures(person, days, period, today, all_days[0] if all_days else None),
        role_clarity=series(points),
        open_concerns=still_open,
        median_days_to_resolve=float(statistics.median(durations)) if durations else None,
        drifting_share=round(drifting / total, 3) if total else None,
        stalled_goals=stalled,
        supervisor_actions=action_figures(tracks, person.id, period, today)["supervisor"],
    )


@dataclass
class TeamTrends:
    period: str
    peers: list[TeamRow]
    recurring_categories: list[RecurringCategory]


def team_trends(
    rows: list[TeamRow], period: Period, tracks_by_peer: dict[str, Tracks]
) -> TeamTrends:
    """The peers side by side, and concern categories that recur across peers."""
    peers_with: dict[ConcernCategory, set[str]] = defaultdict(set)
    count: Counter[ConcernCategory] = Counter()
    for peer_id, tracks in tracks_by_peer.items():
        for track in tracks.concerns.values():
            if track.base.category is not None and period.contains(track.raised_on):
                peers_with[track.base.category].add(peer_id)
                count[track.base.category] += 1
    recurring = sorted(
        (
            RecurringCategory(cat, len(peers), count[cat])
            for cat, peers in peers_with.items()
            if len(peers) >= 2
        ),
        key=lambda r: (-r.peers, -r.concerns, r.category.value),
    )
    return TeamTrends(period.label, rows, recurring)
