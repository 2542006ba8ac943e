"""Periods typed the way people talk, parsed with python-dateutil and relativedelta.

Understood: ``2026-01-01..2026-06-30`` (either end may be left open, and each
end may be any date :func:`parse_date` understands), ``last 90 days``,
``last 6 weeks``, ``last 3 months``, ``last year`` (the previous calendar
year), ``past year`` (the last 12 months), ``this year``, ``this month``,
``since March`` (the most recent 1 March not in the future), ``since
2026-03-01``, a bare year such as ``2025``, and ``all`` or nothing at all
for the whole history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.dates import parse_date
from ..domain.errors import ValidationError

EXAMPLES = "for example: last 90 days, this year, since March, 2026, 2026-01-01..2026-06-30, or all"
MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_LAST = re.compile(r"^(?:last|past)\s+(\d{1,4})\s+(day|week|month|year)s?$")


@dataclass(frozen=True)
class Period:
    start: date | None  # None: from the beginning
    end: date  # inclusive
    label: str

    def contains(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and day <= self.end


def everything(today: date) -> Period:
    return Period(None, today, "all sessions")


def parse_period(text: object, today: date) -> Period:
    """Understand a typed period, or raise a ValidationError with examples."""
    from dateutil.relativedelta import relativedelta  # (not needed to start the app)

    if text is None:
        return everything(today)
    if not isinstance(text, str):
        raise ValidationError(f"Please type a period, {EXAMPLES}.", "period")
    raw = " ".join(text.split()).lower()
    if raw in ("", "all", "everything", "all time"):
        return everything(today)
    if len(raw) > 60:
        raise ValidationError(f"That is too long to be a period; {EXAMPLES}.", "period")
    if ".." in raw:
        left, _, right = raw.partition("..")
        start = _date(left, today) if left.strip() else None
        end = _date(right, today) if right.strip() else today
        if start is not None and end < start:
            raise ValidationError("The period ends before it starts.", "period")
        return Period(start, end, f"{_show(start)} to {_show(end)}")
    match = _LAST.match(raw)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        if count < 1:
            raise ValidationError(f"Please give a number of {unit}s, 1 or more.", "period")
        start = today - relativedelta(**{unit + "s": count}) + relativedelta(days=1)
        return Period(start, today, f"last {count} {unit}{'s' if count > 1 else ''}")
    if raw == "last year":
        year = today.year - 1
        return Period(date(year, 1, 1), date(year, 12, 31), str(year))
    if raw == "past year":
        return Period(
            today - relativedelta(years=1) + relativedelta(days=1), today, "the past 12 months"
        )
    if raw == "this year":
        return Period(date(today.year, 1, 1), today, f"this year ({today.year})")
    if raw == "this month":
        return Period(today.replace(day=1), today, f"this month ({today:%B %Y})")
    if raw == "last month":
        first = today.replace(day=1) - relativedelta(months=1)
        return Period(first, first + relativedelta(months=1, days=-1), f"{first:%B %Y}")
    if re.fullmatch(r"\d{4}", raw):
        year = int(raw)
        if not 1990 <= year <= 2100:
            raise ValidationError(f"{year} looks like a typing slip; {EXAMPLES}.", "period")
        return Period(
            date(year, 1, 1),
            min(date(year, 12, 31), today) if year == today.year else date(year, 12, 31),
            str(year),
        )
    if raw.startswith("since "):
        rest = raw[len("since ") :].strip()
        if rest in MONTHS:
            month = MONTHS[rest]
            start = date(today.year, month, 1)
            if start > today:
                start = start - relativedelta(years=1)
            return Period(start, today, f"since {start:%d %B %Y}")
        start = _date(rest, today)
        if start > today:
            raise ValidationError("That date is in the future.", "period")
        return Period(start, today, f"since {_show(start)}")
    raise ValidationError(
        f"I could not understand {text.strip()!r} as a period; {EXAMPLES}.", "period"
    )


def _date(text: str, today: date) -> date:
    try:
        return parse_date(text.strip(), today, "period")
    except ValidationError as error:
        raise ValidationError(f"{error.message} ({EXAMPLES})", "period") from None


def _show(day: date | None) -> str:
    return "the beginning" if day is None else day.strftime("%d %b %Y")
