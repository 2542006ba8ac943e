"""What the team view counts for one peer over all time, kept up to date at every save.

The team view (Team screen, `supervise team`) shows, for every peer, figures over their
whole history: sessions held and the gaps between them, role clarity over time, the
share of role activities drifting, how long concerns took to resolve, concern categories,
and the supervisors' actions done on time or late. Worked out from every light row, that
is a read of the whole history of every peer each time the view opens. A
:class:`TeamTally` keeps what those figures need, small and sorted, beside Home's tally:
a save changes it by what one session adds and takes away (:func:`team_after`), a
rebuild works it out from the rows and tracks (:func:`team_tally_of`), and `supervise
check` holds the two equal. What depends on the day (days since the last session,
expected sessions, stalled goals, overdue actions) is worked out when the view opens,
from this tally and the person alone: no other file of the peer's is read.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from .enums import Fit, GoalStatus, RatingKey, SessionStatus
from .progress import goal_points, last_rise
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
    (``date.toordinal``): small numbers, quick to keep sorted and to read back."""

    peer_id: str
    days: list[int] = field(default_factory=list)  # each counted session's day, sorted
    clarity: list[int] = field(default_factory=list)  # role clarity: clarity_point, sorted
    ratings: list[int] = field(default_factory=list)  # the clarity ratings in that order
    fits: int = 0  # role activities with a fit
    drifting: int = 0  # of which drifting from the peer role
    resolved: list[int] = field(default_factory=list)  # days each resolved concern took
    open_concerns: int = 0  # concerns not resolved
    categories: dict[str, int] = field(default_factory=dict)  # concerns raised, by category
    supervisors: dict[str, int] = field(default_factory=dict)  # sessions each one joined
    rises: dict[str, int] = field(default_factory=dict)  # active goal -> day it last rose
    supervisor_on_time: int = 0  # the supervisors' actions done by their due date
    supervisor_late: int = 0  # done after it
    supervisor_open: dict[str, int] = field(default_factory=dict)  # open one -> due (NO_DUE)


def _drop(values: list, value) -> int:
    """Take one ``value`` out of the sorted list ``values`` (it must be there); returns
    where it was."""
    at = bisect_left(values, value)
    if at == len(values) or values[at] != value:
        raise ValueError("a team tally does not hold what it is asked to drop")
    del values[at]
    return at


def _count(counts: dict[str, int], key: str, sign: int) -> None:
    left = counts.get(key, 0) + sign
    if left:
        counts[key] = left
    else:
        counts.pop(key, None)


def _row(tally: TeamTally, row: SessionRow | None, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) what one session's row counts."""
    if row is None or row.status is _WITHDRAWN:  # listed, never counted
        return
    day = row.day.toordinal()
    clarity = row.ratings.get(CLARITY)
    if sign > 0:
        insort(tally.days, day)
        if clarity:
            at = bisect_right(tally.clarity, clarity_point(day, clarity))
            tally.clarity.insert(at, clarity_point(day, clarity))
            tally.ratings.insert(at, clarity)
    else:
        _drop(tally.days, day)
        if clarity:
            del tally.ratings[_drop(tally.clarity, clarity_point(day, clarity))]
    tally.fits += sign * len(row.fits)
    tally.drifting += sign * sum(1 for fit, _ in row.fits if fit is _DRIFTING)
    for supervisor_id in set(row.supervisor_ids):
        _count(tally.supervisors, supervisor_id, sign)


def _track(tally: TeamTally, track, sign: int) -> None:
    """Add or take away what one item counts (its resolution, category, progress, who
    did it)."""
    if isinstance(track, ConcernTrack):
        resolved = track.resolved_on
        if resolved is None:
            tally.open_concerns += sign
        else:
            took = (resolved - track.raised_on).days
            if sign > 0:
                insort(tally.resolved, took)
            else:
                _drop(tally.resolved, took)
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
    tally = TeamTally(peer_id)
    for row in rows:
        _row(tally, row, 1)
    for table in (tracks.concerns, tracks.goals, tracks.actions):
        for track in table.values():
            _track(tally, track, 1)
    return tally


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
    changed = TeamTally(
        tally.peer_id,
        list(tally.days),
        list(tally.clarity),
        list(tally.ratings),
        tally.fits,
        tally.drifting,
        list(tally.resolved),
        tally.open_concerns,
        dict(tally.categories),
        dict(tally.supervisors),
        dict(tally.rises),
        tally.supervisor_on_time,
        tally.supervisor_late,
        dict(tally.supervisor_open),
    )
    _row(changed, before, -1)
    _row(changed, after, 1)
    for was, now in tracks.values():
        if was is not None:
            _track(changed, was, -1)
        if now is not None:
            _track(changed, now, 1)
    return changed
