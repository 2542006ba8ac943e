"""The team side by side: each peer's headline figures, and concerns that recur across peers.

The Team view and `supervise team` show these; each row is held equal to the peer's
full trends (tests). Over all time, a row comes from the peer's kept team tally and open
items (:func:`kept_team_row`), whatever the length of their history; over a shorter
period, from the light rows of their sessions (:func:`team_row`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from ..domain.enums import (
    ConcernCategory,
    RatingKey,
)
from ..domain.models import Person
from ..domain.rows import SessionRow
from ..domain.team_tally import NO_DUE, TeamTally
from ..domain.tracks import Tracks
from .figures import (
    CadenceFigures,
    cadence_of,
)
from .goal_figures import STALL_AFTER, OwnerActions
from .periods import Period
from .trends import Series, peer_trends


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
    role_clarity: Series  # its direction, latest and average (the points: a peer's trends)
    open_concerns: int  # ConcernFigures.still_open
    median_days_to_resolve: float | None
    drifting_share: float | None
    stalled_goals: int
    supervisor_actions: OwnerActions


def _team_row(person: Person, period: Period, **figures) -> TeamRow:
    return TeamRow(person.id, person.name, person.site, period.label, **figures)


def team_row(
    person: Person,
    sessions: list[SessionRow],
    tracks: Tracks,
    period: Period,
    today: date,
    **options,
) -> TeamRow:
    """The figures of :func:`peer_trends` that the team view shows (over a period that the
    kept tally does not cover)."""
    trends = peer_trends(person, sessions, tracks, period, today, **options)
    clarity = trends.ratings[RatingKey.ROLE_CLARITY]
    return _team_row(
        person,
        period,
        sessions=trends.sessions,
        cadence=trends.cadence,
        role_clarity=Series(
            direction=clarity.direction, latest=clarity.latest, average=clarity.average
        ),
        open_concerns=trends.concerns.still_open,
        median_days_to_resolve=trends.concerns.median_days_to_resolve,
        drifting_share=trends.role.drifting_share,
        stalled_goals=trends.goals.stalled,
        supervisor_actions=trends.actions["supervisor"],
    )


def kept_team_row(
    person: Person,
    tally: TeamTally,
    period: Period,
    today: date,
    *,
    stall_after: int = STALL_AFTER,
) -> TeamRow:
    """The same figures as :func:`team_row` over all time (``period`` has no start and
    ends on or after the last session), from the peer's kept tally alone."""
    first, last = (
        (date.fromordinal(tally.first), date.fromordinal(tally.last))
        if tally.held
        else (None, None)
    )
    average, median = tally.clarity_average_x100, tally.median_resolved_x2
    clarity = Series(
        direction=tally.clarity_direction,
        latest=tally.clarity_latest,
        average=None if average is None else average / 100,
    )
    due = [d for d in tally.supervisor_open.values() if d != NO_DUE]
    actions = OwnerActions(
        on_time=tally.supervisor_on_time,
        late=tally.supervisor_late,
        open=len(tally.supervisor_open),
        overdue=sum(1 for d in due if d < today.toordinal()),
    )
    return _team_row(
        person,
        period,
        sessions=tally.held,
        cadence=cadence_of(person, tally.held, last, tally.longest_gap, period, today, first),
        role_clarity=clarity,
        open_concerns=tally.open_concerns,
        median_days_to_resolve=None if median is None else median / 2,
        drifting_share=round(tally.drifting / tally.fits, 3) if tally.fits else None,
        stalled_goals=sum(1 for n in tally.since_rise.values() if n >= stall_after),
        supervisor_actions=actions,
    )


def kept_covers(tally: TeamTally | None, period: Period) -> bool:
    """Whether a kept tally answers for ``period``: all time, up to its last session."""
    if tally is None or period.start is not None:
        return False
    return not tally.held or tally.last <= period.end.toordinal()


Raised = dict[ConcernCategory, int]  # concerns raised in the period, by category


def raised_in(tracks: Tracks, period: Period) -> Raised:
    count: Counter[ConcernCategory] = Counter()
    for track in tracks.concerns.values():
        if track.base.category is not None and period.contains(track.raised_on):
            count[track.base.category] += 1
    return dict(count)


def kept_raised(tally: TeamTally) -> Raised:
    return {ConcernCategory(name): n for name, n in tally.categories.items()}


@dataclass
class TeamTrends:
    period: str
    peers: list[TeamRow]
    recurring_categories: list[RecurringCategory]


def team_trends(rows: list[TeamRow], period: Period, raised: dict[str, Raised]) -> TeamTrends:
    """The peers side by side, and concern categories that recur across peers
    (``raised``: each peer's concerns raised in the period, by category)."""
    peers_with: dict[ConcernCategory, set[str]] = defaultdict(set)
    count: Counter[ConcernCategory] = Counter()
    for peer_id, categories in raised.items():
        for category, n in categories.items():
            if n:
                peers_with[category].add(peer_id)
                count[category] += n
    recurring = sorted(
        (
            RecurringCategory(cat, len(peers), count[cat])
            for cat, peers in peers_with.items()
            if len(peers) >= 2
        ),
        key=lambda r: (-r.peers, -r.concerns, r.category.value),
    )
    return TeamTrends(period.label, rows, recurring)
