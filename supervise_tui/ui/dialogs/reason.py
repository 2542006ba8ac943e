"""Who is putting a finished session right, and why: before a correction or a withdrawal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select

from ...domain.text import SHORT_MAX
from ..widgets.controls import TextInput
from .base import Dialog, Problem, person_select


class ReasonDialog(Dialog[tuple[str, str]]):
    """Returns (who, reason). ``people`` is who may do it; when only one may (the person
    signed in), no choice is shown."""

    WIDTH = 74

    def __init__(
        self,
        heading: str,
        people: list[tuple[str, str]],
        *,
        ok: str,
        reason_required: bool,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.text = heading
        self.people = people
        self.ok = ok
        self.reason_required = reason_required
        self.placeholder = placeholder

    def heading(self) -> str:
        return self.text

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ok", Button).label = f"{self.ok} (F2)"

    def fields(self) -> ComposeResult:
        if len(self.people) > 1:
            yield Label("Who is doing this")
            yield person_select(self.people, "who")
        yield Label("Why" if self.reason_required else "Why (optional)")
        yield TextInput(placeholder=self.placeholder, id="reason", max_length=SHORT_MAX)

    def first_focus(self) -> Widget:
        return self.query_one("#reason", Input)

    def submit(self) -> tuple[str, str]:
        who = self.people[0][1]
        if len(self.people) > 1:
            who = str(self.query_one("#who", Select).value)
        reason = self.query_one("#reason", Input).value.strip()
        if self.reason_required and not reason:
            raise Problem("Please say why, in a few words: it is kept with the record.")
        return who, reason
