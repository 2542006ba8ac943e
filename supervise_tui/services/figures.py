"""The figures trends are made of: concerns, role fit, strengths, cadence (goals and
actions: :mod:`.goal_figures`).

Each is a pure function of a peer's light rows and tracks over a period, with
known-answer tests; :mod:`.trends` puts them together for one peer.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from ..domain.enums import ConcernCategory, ConcernStatus, Fit
from ..domain.models import Person
from ..domain.rows import SessionRow
from ..domain.schedule import count_expected
from ..domain.tracks import ConcernTrack, Tracks, ordered_logs
from .periods import Period

DRIFTING, UNSURE = Fit.DRIFTING, Fit.UNSURE  # looked up once: enum attributes are slow
WHEN_ID = attrgetter("when", "id")


@dataclass
class ConcernFigures:
    opened: int = 0
    resolved: int = 0
    still_open: int = 0
    opened_per_month: dict[str, int] = field(default_factory=dict)
    resolved_per_month: dict[str, int] = field(default_factory=dict)
    median_days_to_resolve: float | None = None
    longest_days_to_resolve: int | None = None
    carried_over_more_than_two: int = 0
    top_categories: list[tuple[ConcernCategory, int]] = field(default_factory=list)


@dataclass(slots=True)
class RolePoint:
    day: date
    activities: int
    drifting: float  # share, 0–1
    unsure: float


@dataclass
class RoleFigures:
    per_session: list[RolePoint] = field(default_factory=list)
    drifting_share: float | None = None  # over all activities in the period
    recurring_drift: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class CadenceFigures:
    held: int = 0
    expected: int = 0
    longest_gap_days: int | None = None
    days_since_last: int | None = None


def month_of(day: date) -> str:
    return day.isoformat()[:7]


def days_carried(track: ConcernTrack, held_days: list[date]) -> int:
    """How many held days (sorted) fall after the day a concern was raised while it was
    still unresolved at the start of that day."""
    # The status at the start of day d is the one after every update made before d.
    # So it is the raised status on (raised_on, first update day], then each
    # update day's final status until the next update day, and so on.
    status = track.base.status
    start = track.raised_on
    carried = 0
    for log in ordered_logs(track.updates):
        if log.on > start:
            if status != ConcernStatus.RESOLVED:
                carried += bisect_right(held_days, log.on) - bisect_right(held_days, start)
            start = log.on
        status = log.update.status
    if status != ConcernStatus.RESOLVED:
        carried += len(held_days) - bisect_right(held_days, start)
    return carried


def resolution_days(track: ConcernTrack) -> tuple[date, int] | None:
    resolved = track.resolved_on
    if resolved is None:
        return None
    return resolved, (resolved - track.raised_on).days


def concern_resolutions(tracks: Tracks, period: Period) -> tuple[int, list[tuple[date, int]]]:
    """How many concerns were still open at the end of ``period``, and (day, days taken)
    for each resolved in it."""
    still_open, resolved = 0, []
    for track in tracks.concerns.values():
        resolution = resolution_days(track)
        if resolution is not None and period.contains(resolution[0]):
            resolved.append(resolution)
        if track.raised_on <= period.end and (resolution is None or resolution[0] > period.end):
            still_open += 1
    return still_open, resolved


def held_rows(sessions: list[SessionRow], period: Period):
    """The sessions in ``period`` in order, every held day, and the days in ``period``."""
    in_period = sorted((s for s in sessions if period.contains(s.day)), key=WHEN_ID)
    return in_period, sorted(s.day for s in sessions), [s.day for s in in_period]


def concern_figures(tracks: Tracks, held_days: list[date], period: Period) -> ConcernFigures:
    figures = ConcernFigures()
    opened_pm: Counter[str] = Counter()
    resolved_pm: Counter[str] = Counter()
    durations: list[int] = []
    categories: Counter[ConcernCategory] = Counter()
    for track in tracks.concerns.values():
        if period.contains(track.raised_on):
            figures.opened += 1
            opened_pm[month_of(track.raised_on)] += 1
            if track.base.category is not None:
                categories[track.base.category] += 1
            if days_carried(track, held_days) > 2:
                figures.carried_over_more_than_two += 1
    figures.still_open, resolutions = concern_resolutions(tracks, period)
    for day, days in resolutions:
        figures.resolved += 1
        resolved_pm[month_of(day)] += 1
        durations.append(days)
    figures.opened_per_month = dict(sorted(opened_pm.items()))
    figures.resolved_per_month = dict(sorted(resolved_pm.items()))
    if durations:
        figures.median_days_to_resolve = float(statistics.median(durations))
        figures.longest_days_to_resolve = max(durations)
    figures.top_categories = sorted(categories.items(), key=lambda kv: (-kv[1], kv[0].value))
    return figures


def most_used_spelling(spellings: dict[str, int]) -> str:
    return sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def role_figures(sessions: list[SessionRow]) -> RoleFigures:
    figures = RoleFigures()
    drift_sessions: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter[str]] = {}
    total = drifting = 0
    points = figures.per_session
    rounded: dict[tuple[int, int, int], tuple[float, float]] = {}  # few distinct counts
    for session in sessions:
        items = session.fits
        if not items:
            continue
        d = u = 0
        for fit, _ in items:
            if fit is DRIFTING:
                d += 1
            elif fit is UNSURE:
                u += 1
        n = len(items)
        shares = rounded.get((d, u, n))
        if shares is None:
            shares = rounded[(d, u, n)] = (round(d / n, 3), round(u / n, 3))
        points.append(RolePoint(session.day, n, *shares))
        total += n
        drifting += d
        if d:
            for fit, activity in items:
                if fit is DRIFTING and activity:
                    key = activity.casefold()  # the row's words are already tidied
                    drift_sessions[key].add(session.id)
                    counts = spellings.setdefault(key, {})
                    counts[activity] = counts.get(activity, 0) + 1
    if total:
        figures.drifting_share = round(drifting / total, 3)
    figures.recurring_drift = sorted(
        (
            (most_used_spelling(spellings[k]), len(v))
            for k, v in drift_sessions.items()
            if len(v) >= 2
        ),
        key=lambda kv: (-kv[1], kv[0].casefold()),
    )
    return figures


def strength_figures(sessions: list[SessionRow], top: int = 5) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    spellings: dict[str, dict[str, int]] = {}
    for session in sessions:
        for skill in session.strengths:
            key = skill.casefold()  # the row's words are already tidied
            counts[key] = counts.get(key, 0) + 1
            seen = spellings.setdefault(key, {})
            seen[skill] = seen.get(skill, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(most_used_spelling(spellings[k]), n) for k, n in ranked[:top]]


def cadence_figures(
    person: Person,
    held_days: list[date],
    period: Period,
    today: date,
    first_held: date | None = None,
) -> CadenceFigures:
    """Sessions held in ``period`` and how many the peer's cadence asked for there.

    Sessions are expected from when supervision began — the peer's first session ever
    (``first_held``), or the day they were added if that was earlier — so a peer who
    started three months ago is not counted as owed a year of sessions."""
    gaps = [(b - a).days for a, b in zip(held_days, held_days[1:], strict=False)]
    last = held_days[-1] if held_days else None
    return cadence_of(
        person, len(held_days), last, max(gaps, default=None), period, today, first_held
    )


def cadence_of(
    person: Person,
    held: int,
    last: date | None,
    longest_gap: int | None,
    period: Period,
    today: date,
    first_held: date | None,
) -> CadenceFigures:
    """:func:`cadence_figures` from what it counts: the sessions held in the period, the
    last one's day, the longest gap between two, and the first session ever."""
    figures = CadenceFigures(held=held, longest_gap_days=longest_gap)
    began = person.created_at.date()
    if first_held is not None and first_held < began:
        began = first_held
    start = max(period.start, began) if period.start is not None else began
    figures.expected = count_expected(person.cadence, person.weekday, start, min(period.end, today))
    if last is not None:
        figures.days_since_last = (min(period.end, today) - last).days
    return figures
