"""How things move over time: a series' direction, a development goal's progress and
when it last went up.

Trends say whether ratings are improving, draw a goal's points and call it stalled when
sessions pass without a rise; the team view's kept tally keeps the same figures.
"""

from __future__ import annotations

import statistics
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


def direction(values: list[float]) -> str:
    """With 4 or more values, the mean of the later half minus the mean of the earlier
    half; with 2 or 3, the last minus the first: at least +0.5 is improving, at most -0.5
    falling, else steady; fewer than 2 values is not enough data."""
    if len(values) < 2:
        return "not enough data"
    if len(values) >= 4:
        half = len(values) // 2
        change = statistics.fmean(values[-half:]) - statistics.fmean(values[:half])
    else:
        change = values[-1] - values[0]
    if change >= 0.5:
        return "improving"
    if change <= -0.5:
        return "falling"
    return "steady"
