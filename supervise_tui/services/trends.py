"""Trends over a peer's history, and side by side for a team. Pure functions.

Every figure is framed as development, never as a score: ratings are check-ins,
and directions say "improving", "steady" or "falling" so a conversation can
start from them. Each figure has a number a person can read without a chart.

Definitions (tests hold them to known answers):

- direction of a series: with 4 or more values, the mean of the later half minus
  the mean of the earlier half; with 2 or 3, the last minus the first. At least
  +0.5 is improving, at most -0.5 falling, otherwise steady; fewer than 2 values
  is "not enough data".
- a concern is *carried into* a later session when that session is after the day
  it was raised and the concern was not resolved before that session's day;
  "carried over more than two sessions" counts concerns carried into 3 or more.
- days to resolve: from the day a concern was raised to the day of its final
  resolution (a concern resolved and then reopened counts only when resolved
  again).
- a goal is *stalled* when it is active and the last ``stall_after`` sessions
  since its progress last went up (or since it was set) brought no progress.
- an action is on time when done on or before its due date (or done with no
  due date), late when done after it, open when not done.
- expected sessions are the cadence's dates from the later of the period's start
  and the day supervision began (the first session, or the day the peer was added
  if that was earlier), up to the period's end or today.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from ..domain.enums import (
    FeedbackKey,
    RatingKey,
)
from ..domain.models import Person
from ..domain.progress import direction
from ..domain.rows import SessionRow
from ..domain.tracks import Tracks
from .figures import (
    CadenceFigures,
    ConcernFigures,
    RoleFigures,
    cadence_figures,
    concern_figures,
    held_rows,
    role_figures,
    strength_figures,
)
from .goal_figures import STALL_AFTER, GoalFigures, OwnerActions, action_figures, goal_figures
from .ideas import IdeaFigures, idea_figures
from .periods import Period


@dataclass
class Series:
    points: list[tuple[date, int]] = field(default_factory=list)
    direction: str = "not enough data"
    latest: int | None = None
    average: float | None = None


def series(points: list[tuple[date, int]]) -> Series:
    points = sorted(points)
    summed = summary([v for _, v in points])
    summed.points = points
    return summed


def summary(values: list[int]) -> Series:
    """A series' direction, latest and average from its values in order, without its
    points (the team view shows these alone)."""
    return Series(
        direction=direction(values),
        latest=values[-1] if values else None,
        average=round(statistics.fmean(values), 2) if values else None,
    )


@dataclass
class PeerTrends:
    peer_id: str
    name: str
    site: str
    period: str
    sessions: int
    ratings: dict[RatingKey, Series]
    concerns: ConcernFigures
    role: RoleFigures
    goals: GoalFigures
    actions: dict[str, OwnerActions]  # "peer", "supervisor"
    strengths: list[tuple[str, int]]
    feedback: dict[FeedbackKey, Series]
    cadence: CadenceFigures
    ideas: IdeaFigures = field(default_factory=IdeaFigures)  # raised and adopted


def peer_trends(
    person: Person,
    sessions: list[SessionRow],
    tracks: Tracks,
    period: Period,
    today: date,
    *,
    stall_after: int = STALL_AFTER,
    all_held: list[date] | None = None,
) -> PeerTrends:
    """All the figures for one peer over ``period``, from the light rows of their held
    sessions (:mod:`domain.rows`) and their item tracks. ``all_held``: every held day
    when ``sessions`` are only those from the period's first year on (see
    usecases.lookback.team_for)."""
    in_period, all_days, days = held_rows(sessions, period)
    if all_held is not None:
        all_days = all_held
    rating_points: dict[str, list] = {key.value: [] for key in RatingKey}
    feedback_points: dict[str, list] = {key.value: [] for key in FeedbackKey}
    for s in in_period:
        for name, value in s.ratings.items():
            if value:
                rating_points[name].append((s.day, value))
        for name, value in s.feedback.items():
            if value:
                feedback_points[name].append((s.day, value))
    ratings = {key: series(rating_points[key.value]) for key in RatingKey}
    feedback = {key: series(feedback_points[key.value]) for key in FeedbackKey}
    return PeerTrends(
        peer_id=person.id,
        name=person.name,
        site=person.site,
        period=period.label,
        sessions=len(in_period),
        ratings=ratings,
        concerns=concern_figures(tracks, all_days, period),
        role=role_figures(in_period),
        goals=goal_figures(tracks, all_days, period, stall_after),
        actions=action_figures(tracks, person.id, period, today),
        strengths=strength_figures(in_period),
        feedback=feedback,
        cadence=cadence_figures(person, days, period, today, all_days[0] if all_days else None),
        ideas=idea_figures(tracks, period),
    )
