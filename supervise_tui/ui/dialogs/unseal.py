"""Open a sealed bundle: its passphrase, typed once (never shown)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Static

from ..widgets.controls import TextInput
from .base import Dialog, Problem, bold


class UnsealDialog(Dialog[str]):
    OK_LABEL = "Open"
    OK_TIP = "Open the bundle with this passphrase"

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name_shown = name

    def heading(self) -> str:
        return bold(f"{self.name_shown} is sealed")

    def fields(self) -> ComposeResult:
        yield Static(
            "Type the passphrase it was sealed with. The person who sent it tells it to "
            "you another way than the file.",
            markup=False,
            classes="hint",
        )
        yield TextInput(password=True, id="passphrase", compact=True)

    def first_focus(self) -> Widget:
        return self.query_one("#passphrase")

    def submit(self) -> str:
        typed = self.query_one("#passphrase", Input).value
        if not typed:
            raise Problem("Type the bundle's passphrase.", focus="passphrase")
        return typed
