"""Reading the period a person typed, and saying so when it cannot be understood."""

from __future__ import annotations

from textual.widgets import Static

from ...domain.errors import ValidationError
from ...services.periods import Period, parse_period


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
