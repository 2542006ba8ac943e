"""When the next session is due, from a peer's cadence and their last session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from .enums import Cadence

if TYPE_CHECKING:  # (dateutil is loaded when a month is stepped: Home starts without it)
    from dateutil.relativedelta import relativedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def interval(cadence: Cadence) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    if cadence == Cadence.WEEKLY:
        return relativedelta(weeks=1)
    if cadence == Cadence.FORTNIGHTLY:
        return relativedelta(weeks=2)
    return relativedelta(months=1)


def next_due(cadence: Cadence, weekday: int | None, last: date | None, today: date) -> date:
    """The date the next session is due.

    With no session yet, one is due today. Otherwise it is one cadence step
    after the last session, moved to the preferred weekday nearest that step
    (never earlier than the day after the last session).
    """
    if last is None:
        return today
    if cadence == Cadence.WEEKLY or cadence == Cadence.FORTNIGHTLY:
        step = last + timedelta(weeks=1 if cadence == Cadence.WEEKLY else 2)  # = interval()
    else:
        step = last + interval(cadence)
    if weekday is None:
        return step
    start = max(step - timedelta(days=3), last + timedelta(days=1))
    # the first day on or after ``start`` that falls on the preferred weekday
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def expected_dates(cadence: Cadence, weekday: int | None, start: date, end: date) -> list[date]:
    """The session dates a cadence asks for between ``start`` and ``end`` inclusive."""
    if end < start:
        return []
    from dateutil.rrule import MONTHLY, WEEKLY, rrule

    begin = datetime.combine(start, time())
    until = datetime.combine(end, time())
    if cadence == Cadence.MONTHLY:
        rule = rrule(MONTHLY, dtstart=begin, until=until)
    else:
        every = 1 if cadence == Cadence.WEEKLY else 2
        kwargs = {"byweekday": weekday} if weekday is not None else {}
        rule = rrule(WEEKLY, interval=every, dtstart=begin, until=until, **kwargs)
    return [d.date() for d in rule]


def count_expected(cadence: Cadence, weekday: int | None, start: date, end: date) -> int:
    """``len(expected_dates(...))``, worked out by arithmetic where the cadence allows
    (trends ask this for every peer over years of history)."""
    if end < start:
        return 0
    if cadence == Cadence.MONTHLY:
        return len(expected_dates(cadence, weekday, start, end))
    every = 7 if cadence == Cadence.WEEKLY else 14
    first = start
    if weekday is not None:
        # rrule counts weeks from the Monday of dtstart's week; the first date is that
        # week's chosen weekday, or, when it falls before dtstart, the next one due.
        first = start - timedelta(days=start.weekday()) + timedelta(days=weekday)
        if first < start:
            first += timedelta(days=every)
    if first > end:
        return 0
    return (end - first).days // every + 1


@dataclass(frozen=True)
class Due:
    on: date
    days_late: int  # > 0 when overdue

    @property
    def overdue(self) -> bool:
        return self.days_late > 0

    def describe(self, today: date, *, gentle: bool = False) -> str:
        """Plain words, so overdue is never shown by colour alone (``gentle``: as a peer
        reads it about themselves, without capitals)."""
        if self.days_late > 0:
            unit = "day" if self.days_late == 1 else "days"
            if gentle:
                return f"a little late: {self.days_late} {unit} past the usual date"
            return f"OVERDUE by {self.days_late} {unit}"
        days = (self.on - today).days
        if days == 0:
            return "due today"
        if days == 1:
            return "due tomorrow"
        return f"due in {days} days"


def due(cadence: Cadence, weekday: int | None, last: date | None, today: date) -> Due:
    on = next_due(cadence, weekday, last, today)
    return Due(on=on, days_late=max(0, (today - on).days))
