"""Dates and times as people type them, parsed with python-dateutil.

Accepted: ``today``, ``tomorrow``, ``yesterday``, ``now``, ISO dates
(``2026-11-24``), day-first dates (``24/11/2026``, ``24 Nov``), weekday names
(``friday`` means the next Friday, or today if today is Friday), and
``in 2 weeks`` / ``in 3 days``. Whatever was understood is echoed back with
:func:`human_date` so nobody has to guess how an ambiguous date was read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from .errors import ValidationError


def _parse(text: str, **kwargs):
    """dateutil's parser, imported when first needed (it is slow to import and the
    app's first screen does not need it)."""
    from dateutil import parser

    return parser.parse(text, **kwargs)


EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

_RELATIVE = re.compile(r"^in\s+(\d{1,3})\s+(day|week|month)s?$")
_YEAR_FIRST = re.compile(r"^\d{4}[-/.]")  # 2026-03-01 is always year-month-day
_DATE_EXAMPLES = "for example 2026-11-24, 24/11/2026, 24 Nov, today or friday"
_TIME_EXAMPLES = "for example 'now', 'today 14:30' or '24/11/2026 10:00'"


def _words(text: str, today: date) -> date | None:
    from dateutil.relativedelta import relativedelta  # (typed dates only: not at start)

    word = text.lower()
    if word in ("today", "now"):
        return today
    if word == "tomorrow":
        return today + relativedelta(days=1)
    if word == "yesterday":
        return today - relativedelta(days=1)
    match = _RELATIVE.match(word)
    if match:
        count, unit = int(match.group(1)), match.group(2)
        return today + relativedelta(**{unit + "s": count})
    return None


def in_range(value: date, field: str) -> None:
    """A date in the years a supervision record can be about (typing slips refused)."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            f"{value.year} looks like a typing slip; please use a year between "
            f"{EARLIEST_YEAR} and {LATEST_YEAR}.",
            field,
        )


def parse_date(text: object, today: date, field: str = "date") -> date:
    """Understand a typed date, or raise a ValidationError that says why not."""
    if isinstance(text, date) and not isinstance(text, datetime):
        in_range(text, field)
        return text
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f"Please type a date, {_DATE_EXAMPLES}.", field)
    raw = " ".join(text.split())
    if len(raw) > 40:
        raise ValidationError(f"That is too long to be a date; {_DATE_EXAMPLES}.", field)
    found = _words(raw, today)
    if found is None:
        default = datetime.combine(today, time())
        try:
            parsed = _parse(raw, **_order(raw), default=default)
        except (ValueError, OverflowError, TypeError) as error:
            raise ValidationError(_explain(raw, error, _DATE_EXAMPLES), field) from None
        if parsed.time() != time() and ":" in raw:
            raise ValidationError(
                f"Please type just a date here, without a time; {_DATE_EXAMPLES}.",
                field,
            )
        found = parsed.date()
    in_range(found, field)
    return found


def parse_datetime(text: object, now: datetime, field: str = "when") -> datetime:
    """Understand a typed date and time (minutes precision)."""
    if isinstance(text, datetime):
        in_range(text.date(), field)
        return text.replace(second=0, microsecond=0, tzinfo=None)
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(f"Please type a date and time, {_TIME_EXAMPLES}.", field)
    raw = " ".join(text.split())
    if len(raw) > 40:
        raise ValidationError(f"That is too long to be a date; {_TIME_EXAMPLES}.", field)
    lowered = raw.lower()
    if lowered == "now":
        return now.replace(second=0, microsecond=0, tzinfo=None)
    head, _, rest = lowered.partition(" ")
    day = _words(head, now.date())
    if day is not None:
        if not rest:
            return datetime.combine(day, now.time()).replace(second=0, microsecond=0)
        try:
            clock = _parse(rest, default=datetime.combine(day, time()))
        except (ValueError, OverflowError, TypeError) as error:
            raise ValidationError(_explain(rest, error, _TIME_EXAMPLES), field) from None
        if clock.date() != day:
            raise ValidationError(f"I could not read {rest!r} as a time of day.", field)
        return clock.replace(second=0, microsecond=0, tzinfo=None)
    try:
        parsed = _parse(raw, **_order(raw), default=datetime.combine(now.date(), time()))
    except (ValueError, OverflowError, TypeError) as error:
        raise ValidationError(_explain(raw, error, _TIME_EXAMPLES), field) from None
    in_range(parsed.date(), field)
    return parsed.replace(second=0, microsecond=0, tzinfo=None)


_CLOCK_EXAMPLES = "for example 10:05, 14.30 or 2:30pm"


def parse_clock(text: object, day: date, field: str) -> datetime:
    """A time of day typed for ``day`` (when a session began or ended)."""
    raw = " ".join(str(text or "").split()).lower().replace(".", ":")
    if re.fullmatch(r"\d{1,2}", raw):
        raw += ":00"
    if not raw or len(raw) > 12:
        raise ValidationError(f"Please type a time of day, {_CLOCK_EXAMPLES}.", field)
    try:
        parsed = _parse(raw, default=datetime.combine(day, time()))
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None or parsed.date() != day:
        raise ValidationError(
            f"I could not read {raw!r} as a time of day; {_CLOCK_EXAMPLES}.", field
        )
    return parsed.replace(second=0, microsecond=0, tzinfo=None)


def _order(raw: str) -> dict[str, bool]:
    """ISO dates are year-month-day; anything else is read day first (24/11/2026)."""
    if _YEAR_FIRST.match(raw):
        return {"yearfirst": True, "dayfirst": False}
    return {"dayfirst": True}


def _explain(raw: str, error: Exception, examples: str) -> str:
    reason = str(error)
    if "out of range" in reason or "must be in" in reason:
        return f"{raw!r} is not a real date (that day does not exist in that month); {examples}."
    return f"I could not read {raw!r} as a date; {examples}."


def local(moment: datetime) -> datetime:
    """A moment (in UTC) as the local wall-clock time of this computer, without a zone."""
    return moment.astimezone().replace(tzinfo=None)


def human_date(value: date | None) -> str:
    """'Tue 24 Nov 2026' — unambiguous in every locale."""
    if value is None:
        return "—"
    return value.strftime("%a %d %b %Y")


def human_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%a %d %b %Y, %H:%M")
