"""The period a person types (History, Trends, Team): its box, reading it, and saying so
when it cannot be understood."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget
from textual.widgets import Label, Static

from ...domain.errors import ValidationError
from ...services.periods import Period, parse_period
from .controls import TextInput


def read_period(text: str, note: Static, today) -> Period | None:
    """The period, or None after showing why not in ``note``."""
    try:
        period = parse_period(text, today)
    except ValidationError as error:
        note.update(error.message)
        note.add_class("-error")
        return None
    note.remove_class("-error")
    return period


def period_filter(value: str) -> Iterator[Widget]:
    """The "Period" label and the box it is typed in, starting at ``value``."""
    yield Label("Period")
    yield TextInput(
        value, id="period", compact=True, placeholder="last 90 days, this year, since March, all"
    )
