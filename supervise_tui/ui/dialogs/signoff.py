"""Sign-off: who is acknowledging, and an optional comment."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from ...domain.text import SHORT_MAX
from ..widgets.controls import TextInput
from .base import Dialog, Problem


class SignOffDialog(Dialog[tuple[str, str]]):
    OK_LABEL = "Sign"
    OK_TIP = "Sign off with this name and comment"
    WIDTH = 70

    def __init__(self, people: list[tuple[str, str]]) -> None:
        super().__init__()
        self.people = people

    def heading(self) -> str:
        return (
            "[b]Sign off this session[/b]\nSigning says: this summary is a fair "
            "record of our session. You can add a comment."
        )

    def fields(self) -> ComposeResult:
        yield Label("Who is signing")
        yield Select(
            [(Text(name), value) for name, value in self.people],
            value=self.people[0][1],
            allow_blank=False,
            id="signer",
            compact=True,
        )
        yield Label("Comment (optional)")
        yield TextInput(
            placeholder="e.g. Agreed, with one addition …", id="comment", max_length=SHORT_MAX
        )

    def first_focus(self) -> Widget:
        return self.query_one("#comment", Input)

    def submit(self) -> tuple[str, str]:
        signer = self.query_one("#signer", Select).value
        if signer is Select.NULL:
            raise Problem("Please choose who is signing.")
        return str(signer), self.query_one("#comment", Input).value
