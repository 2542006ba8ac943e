"""Sign-off: who is acknowledging, and an optional comment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from ...domain.text import SHORT_MAX
from ..widgets.controls import TextInput
from .base import Dialog, Problem, person_select


class SignOffDialog(Dialog[tuple[str, str, str]]):
    """Returns (who, comment, passphrase): the passphrase is asked of anyone signing
    other than ``me`` (encrypted records: they type their own), else empty."""

    OK_LABEL = "Sign"
    OK_TIP = "Sign off with this name and comment"
    WIDTH = 70

    def __init__(self, people: list[tuple[str, str]], me: str | None = None) -> None:
        super().__init__()
        self.people = people
        self.me = me

    def heading(self) -> str:
        return (
            "[b]Sign off this session[/b]\nSigning says: this summary is a fair "
            "record of our session. You can add a comment."
        )

    def fields(self) -> ComposeResult:
        yield Label("Who is signing")
        yield person_select(self.people, "signer")
        yield Label("Comment (optional)")
        yield TextInput(
            placeholder="e.g. Agreed, with one addition …", id="comment", max_length=SHORT_MAX
        )
        if self.me is not None:
            yield Label("Their own passphrase", id="vouch-label")
            yield TextInput(password=True, id="vouch", compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._show_vouch()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_vouch()

    def _show_vouch(self) -> None:
        if self.me is None or not self.is_mounted:
            return
        other = self.query_one("#signer", Select).value != self.me
        self.query_one("#vouch-label").display = other
        self.query_one("#vouch").display = other

    def first_focus(self) -> Widget:
        return self.query_one("#comment", Input)

    def submit(self) -> tuple[str, str, str]:
        signer = self.query_one("#signer", Select).value
        if signer is Select.NULL:
            raise Problem("Please choose who is signing.")
        vouch = ""
        if self.me is not None and signer != self.me:
            vouch = self.query_one("#vouch", Input).value
            self.query_one("#vouch", Input).value = ""
            if not vouch:
                raise Problem("The person signing types their own passphrase.", focus="vouch")
        return str(signer), self.query_one("#comment", Input).value, vouch
