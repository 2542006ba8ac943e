"""A development goal's progress over time, and when it last went up.

Trends draw a goal's points and call it stalled when sessions pass without a rise; the
team view's kept tally keeps the day of the last rise of each active goal.
"""

from __future__ import annotations

from datetime import date

from .enums import GoalStatus
from .tracks import GoalTrack, ordered_logs


def goal_points(track: GoalTrack) -> list[tuple[date, int]]:
    """(day, progress) as set and after each update (completed counts as 100)."""
    points = [(track.set_on, track.base.progress)]
    for log in ordered_logs(track.updates):
        progress = 100 if log.update.status == GoalStatus.COMPLETED else log.update.progress
        points.append((log.on, max(0, min(100, progress))))
    return points


def last_rise(points: list[tuple[date, int]]) -> date:
    """The day progress last went up (or the goal was set)."""
    rise, best = points[0]
    for day, progress in points[1:]:
        if progress > best:
            best, rise = progress, day
    return rise
