"""Who is putting a finished session right, and why: before a correction or a withdrawal."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select

from ...domain.text import SHORT_MAX
from ..widgets.controls import TextInput
from .base import Dialog, Problem, person_select


@dataclass(frozen=True)
class Why:
    """What a reason dialog asks: its heading (markup), the OK button's word, whether a
    reason must be given, and an example of one."""

    heading: str
    ok: str
    required: bool
    example: str = ""


class ReasonDialog(Dialog[tuple[str, str]]):
    """Returns (who, reason). ``people`` is who may do it; when only one may (the person
    signed in), no choice is shown."""

    WIDTH = 74

    def __init__(self, people: list[tuple[str, str]], why: Why) -> None:
        super().__init__()
        self.people = people
        self.why = why

    def heading(self) -> str:
        return self.why.heading

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ok", Button).label = f"{self.why.ok} (F2)"

    def fields(self) -> ComposeResult:
        if len(self.people) > 1:
            yield Label("Who is doing this")
            yield person_select(self.people, "who")
        yield Label("Why" if self.why.required else "Why (optional)")
        yield TextInput(placeholder=self.why.example, id="reason", max_length=SHORT_MAX)

    def first_focus(self) -> Widget:
        return self.query_one("#reason", Input)

    def submit(self) -> tuple[str, str]:
        who = self.people[0][1]
        if len(self.people) > 1:
            who = str(self.query_one("#who", Select).value)
        reason = self.query_one("#reason", Input).value.strip()
        if self.why.required and not reason:
            raise Problem("Please say why, in a few words: it is kept with the record.")
        return who, reason
