"""A form's ``#when`` field said back in words under it (mixed into the forms)."""

from __future__ import annotations

from textual.widgets import Input, Static

from ...domain.dates import human_datetime, parse_datetime
from ...domain.errors import ValidationError


class EchoesWhen:
    """Mixed into a form with a ``#when`` field: what was typed is said back in words
    under it (``WHEN_NOTE``), or why it cannot be read."""

    WHEN_NOTE = "#when-note"

    def _echo_when(self) -> None:
        note = self.query_one(self.WHEN_NOTE, Static)
        try:
            when = parse_datetime(self.query_one("#when", Input).value, self.app.local_now())
        except ValidationError as error:
            note.update(error.message)
            note.add_class("-error")
        else:
            note.update(f"→ {human_datetime(when)}")
            note.remove_class("-error")

    def on_input_changed(self, event) -> None:
        if event.input.id == "when":
            self._echo_when()
