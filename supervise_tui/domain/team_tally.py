"""What the team view counts for one peer over all time, kept up to date at every save.

The team view (Team screen, `supervise team`) shows, for every peer, figures over their
whole history: sessions held and the gaps between them, role clarity over time, the
share of role activities drifting, how long concerns took to resolve, concern categories,
stalled goals and the supervisors' actions. Worked out from every light row, that is a
read of the whole history of every peer each time the view opens. A :class:`TeamTally`
keeps those figures, beside Home's tally, together with the few sorted lists they are
kept from (packed as one text each, so reading the figures never reads them item by
item): a save changes the lists by what one session adds and takes away and works the
figures out again (:func:`team_after`), a rebuild works everything out from the rows and
tracks (:func:`team_tally_of`), and `supervise check` holds the two equal. What depends
on the day (days since the last session, expected sessions, overdue actions) is worked
out when the view opens.
"""

from __future__ import annotations

import dataclasses
import statistics
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from operator import sub

from .enums import Fit, GoalStatus, RatingKey, SessionStatus
from .progress import direction, goal_points, last_rise
from .rows import SessionRow
from .tracks import ActionTrack, ConcernTrack, GoalTrack, Tracks

CLARITY = RatingKey.ROLE_CLARITY.value
_DRIFTING = Fit.DRIFTING
_WITHDRAWN = SessionStatus.WITHDRAWN
RATING_BITS = 3  # a clarity point is day << 3 | rating (1-5): one sorted list of numbers
NO_DUE = 0  # an open action with no due date (no day has the ordinal 0)


def clarity_point(day: int, rating: int) -> int:
    return day << RATING_BITS | rating


@dataclass(slots=True)
class TeamTally:
    """One peer's all-time figures for the team view. Days are ordinals
    (``date.toordinal``); 0 is no day."""

    peer_id: str
    held: int = 0  # counted sessions
    first: int = 0  # the first one's day
    last: int = 0  # the last one's day
    longest_gap: int | None = None  # days between two, the longest (None: fewer than two)
    clarity_direction: str = "not enough data"  # role clarity over time, as trends say
    clarity_latest: int | None = None
    clarity_average_x100: int | None = None  # the average, rounded to 2 places, × 100
    fits: int = 0  # role activities with a fit
    drifting: int = 0  # of which drifting from the peer role
    median_resolved_x2: int | None = None  # days a resolved concern took, the median × 2
    open_concerns: int = 0  # concerns not resolved
    categories: dict[str, int] = field(default_factory=dict)  # concerns raised, by category
    supervisors: dict[str, int] = field(default_factory=dict)  # sessions each one joined
    rises: dict[str, int] = field(default_factory=dict)  # active goal -> day it last rose
    since_rise: dict[str, int] = field(default_factory=dict)  # -> sessions held after
    supervisor_on_time: int = 0  # the supervisors' actions done by their due date
    supervisor_late: int = 0  # done after it
    supervisor_open: dict[str, int] = field(default_factory=dict)  # open one -> due (NO_DUE)
    days: str = ""  # each counted session's day, sorted, packed (see _pack)
    clarity: str = ""  # each role clarity rating as clarity_point, sorted, packed
    resolved: str = ""  # the days each resolved concern took, sorted, packed


@dataclass
class _Lists:
    """A tally being changed: its lists unpacked, and which of them changed (only those
    are packed and their figures worked out again)."""

    tally: TeamTally
    days: list[int]
    clarity: list[int]
    resolved: list[int]
    changed: set[str] = field(default_factory=lambda: {"days", "clarity", "resolved"})


def _unpack(text: str) -> list[int]:
    return list(accumulate(map(int, text.split(",")))) if text else []


def held_days(tally: TeamTally) -> list[date]:
    """Every counted session's day, in order (what trends call the held days)."""
    return [date.fromordinal(day) for day in _unpack(tally.days)]


def _pack(values: list[int]) -> str:
    """A sorted list as its first value and each step up from the one before ("738000,7,
    7,14"): short, so the figures beside it read quickly."""
    return ",".join(map(str, values[:1] + list(map(sub, values[1:], values[:-1]))))


def _open(tally: TeamTally) -> _Lists:
    copy = dataclasses.replace(
        tally,
        categories=dict(tally.categories),
        supervisors=dict(tally.supervisors),
        rises=dict(tally.rises),
        supervisor_open=dict(tally.supervisor_open),
    )
    lists = (_unpack(tally.days), _unpack(tally.clarity), _unpack(tally.resolved))
    return _Lists(copy, *lists, changed=set())


_RATING = (1 << RATING_BITS) - 1


def _close(lists: _Lists) -> TeamTally:
    """The tally with its figures worked out from its lists (as trends work them out)."""
    tally, days, resolved = lists.tally, lists.days, lists.resolved
    if "days" in lists.changed:
        tally.days, tally.held = _pack(days), len(days)
        tally.first, tally.last = (days[0], days[-1]) if days else (0, 0)
        tally.longest_gap = max(map(sub, days[1:], days[:-1])) if len(days) > 1 else None
    if "clarity" in lists.changed:
        tally.clarity = _pack(lists.clarity)
        ratings = [point & _RATING for point in lists.clarity]
        tally.clarity_direction = direction(ratings)
        tally.clarity_latest = ratings[-1] if ratings else None
        average = round(statistics.fmean(ratings), 2) if ratings else None
        tally.clarity_average_x100 = None if average is None else round(average * 100)
    if "resolved" in lists.changed:
        tally.resolved = _pack(resolved)
        median = statistics.median(resolved) if resolved else None
        tally.median_resolved_x2 = None if median is None else round(median * 2)
    tally.since_rise = {g: len(days) - bisect_right(days, day) for g, day in tally.rises.items()}
    return tally


def _drop(values: list, value) -> None:
    """Take one ``value`` out of the sorted list ``values`` (it must be there)."""
    at = bisect_left(values, value)
    if at == len(values) or values[at] != value:
        raise ValueError("a team tally does not hold what it is asked to drop")
    del values[at]


def _count(counts: dict[str, int], key: str, sign: int) -> None:
    left = counts.get(key, 0) + sign
    if left:
        counts[key] = left
    else:
        counts.pop(key, None)


def _row(lists: _Lists, row: SessionRow | None, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) what one session's row counts."""
    if row is None or row.status is _WITHDRAWN:  # listed, never counted
        return
    tally, day = lists.tally, row.day.toordinal()
    clarity = row.ratings.get(CLARITY)
    lists.changed.update(("days", "clarity") if clarity else ("days",))
    if sign > 0:
        insort(lists.days, day)
        if clarity:
            insort(lists.clarity, clarity_point(day, clarity))
    else:
        _drop(lists.days, day)
        if clarity:
            _drop(lists.clarity, clarity_point(day, clarity))
    tally.fits += sign * len(row.fits)
    tally.drifting += sign * sum(1 for fit, _ in row.fits if fit is _DRIFTING)
    for supervisor_id in set(row.supervisor_ids):
        _count(tally.supervisors, supervisor_id, sign)


def _track(lists: _Lists, track, sign: int) -> None:
    """Add or take away what one item counts (its resolution, category, progress, who
    did it)."""
    tally = lists.tally
    if isinstance(track, ConcernTrack):
        resolved = track.resolved_on
        if resolved is None:
            tally.open_concerns += sign
        else:
            took = (resolved - track.raised_on).days
            lists.changed.add("resolved")
            if sign > 0:
                insort(lists.resolved, took)
            else:
                _drop(lists.resolved, took)
        if track.base.category is not None:
            _count(tally.categories, track.base.category.value, sign)
    elif isinstance(track, GoalTrack):
        if track.current.status == GoalStatus.ACTIVE:
            _keep(tally.rises, track.id, last_rise(goal_points(track)).toordinal(), sign)
    elif isinstance(track, ActionTrack) and track.base.owner != tally.peer_id:
        action = track.current
        if action.done_on is None:  # overdue or not depends on the day: its due date kept
            due = NO_DUE if action.due is None else action.due.toordinal()
            _keep(tally.supervisor_open, track.id, due, sign)
        elif action.due is None or action.done_on <= action.due:
            tally.supervisor_on_time += sign
        else:
            tally.supervisor_late += sign


def _keep(kept: dict[str, int], key: str, value: int, sign: int) -> None:
    if sign > 0:
        kept[key] = value
    elif kept.pop(key, None) != value:
        raise ValueError("a team tally does not hold what it is asked to drop")


def team_tally_of(peer_id: str, rows: list[SessionRow], tracks: Tracks) -> TeamTally:
    """The tally of a whole history: its rows (withdrawn ones are passed over) and
    items folded from the counted sessions."""
    lists = _Lists(TeamTally(peer_id), [], [], [])
    for row in rows:
        _row(lists, row, 1)
    for table in (tracks.concerns, tracks.goals, tracks.actions):
        for track in table.values():
            _track(lists, track, 1)
    return _close(lists)


Track = ConcernTrack | GoalTrack | ActionTrack


def team_after(
    tally: TeamTally,
    before: SessionRow | None,
    after: SessionRow,
    tracks: dict[str, tuple[Track | None, Track | None]],
) -> TeamTally:
    """``tally`` once one session is kept as ``after`` (``before``: its stored row, None
    when new) and the items it touched changed from each ``(before, after)``. The tally
    given is not changed."""
    changed = _open(tally)
    _row(changed, before, -1)
    _row(changed, after, 1)
    for was, now in tracks.values():
        if was is not None:
            _track(changed, was, -1)
        if now is not None:
            _track(changed, now, 1)
    return _close(changed)
