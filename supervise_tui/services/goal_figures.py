"""The figures of development goals and agreed actions over a period: how many are
active, completed and stalled, each goal's progress, and actions done on time or late
by whose they are. Pure functions of a peer's tracks, with known-answer tests."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from ..domain.enums import GoalStatus
from ..domain.progress import goal_points, last_rise
from ..domain.tracks import Tracks
from .periods import Period

STALL_AFTER = 3


@dataclass
class GoalLine:
    text: str
    status: GoalStatus
    progress: int
    points: list[tuple[date, int]]
    stalled: bool


@dataclass
class GoalFigures:
    active: int = 0
    completed: int = 0  # completed within the period
    stalled: int = 0
    goals: list[GoalLine] = field(default_factory=list)


@dataclass
class OwnerActions:
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0  # open and past due


def is_stalled(
    points: list[tuple[date, int]], held_days: list[date], period: Period, stall_after: int
) -> bool:
    """An active goal is stalled when ``stall_after`` held sessions have passed since its
    progress last went up (or since it was set)."""
    since = bisect_right(held_days, period.end) - bisect_right(held_days, last_rise(points))
    return max(0, since) >= stall_after


def goal_figures(
    tracks: Tracks, held_days: list[date], period: Period, stall_after: int = STALL_AFTER
) -> GoalFigures:
    figures = GoalFigures()
    for track in sorted(tracks.goals.values(), key=lambda h: (h.set_on, h.id)):
        current = track.current
        points = goal_points(track)
        completed_on = None
        if current.status == GoalStatus.COMPLETED:
            done = [
                log.on
                for log in track.updates
                if log.update.status == GoalStatus.COMPLETED or log.update.progress >= 100
            ]
            completed_on = min(done) if done else track.set_on
        stalled = False
        if current.status == GoalStatus.ACTIVE:
            figures.active += 1
            stalled = is_stalled(points, held_days, period, stall_after)
            figures.stalled += stalled
        elif current.status == GoalStatus.PAUSED:
            figures.active += 1
        if completed_on is not None and period.contains(completed_on):
            figures.completed += 1
        if track.set_on <= period.end:
            figures.goals.append(
                GoalLine(current.text, current.status, current.progress, points, stalled)
            )
    return figures


def action_figures(
    tracks: Tracks, peer_id: str, period: Period, today: date
) -> dict[str, OwnerActions]:
    result = {"peer": OwnerActions(), "supervisor": OwnerActions()}
    for track in tracks.actions.values():
        if not period.contains(track.agreed_on):
            continue
        # track.current, worked out without copying the action (there are many)
        done_on, due = track.base.done_on, track.base.due
        logs = track.updates
        if len(logs) > 1:
            logs = sorted(logs, key=lambda log: (log.on, log.session_id))
        for log in logs:
            done_on = log.update.done_on
            if log.update.due is not None:
                due = log.update.due
        owner = result["peer" if track.base.owner == peer_id else "supervisor"]
        if done_on is None:
            owner.open += 1
            if due is not None and due < today:
                owner.overdue += 1
        elif due is None or done_on <= due:
            owner.on_time += 1
        else:
            owner.late += 1
    return result
