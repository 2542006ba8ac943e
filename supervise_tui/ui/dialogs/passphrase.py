"""Choose a passphrase: typed twice, with a hint as it is typed (never shown)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ...domain.errors import ValidationError
from ...domain.passphrases import check_passphrase, strength_hint
from ..widgets.controls import TextInput
from .base import Dialog, Problem, bold


class PassphraseDialog(Dialog[tuple[str, ...]]):
    """Returns (passphrase, again), or (current, new, again) when ``current`` is asked."""

    OK_TIP = "Keep this passphrase"

    def __init__(self, title: str, explanation: str = "", *, current: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.current = current

    def heading(self) -> str:
        return bold(self.title_text)

    def fields(self) -> ComposeResult:
        if self.explanation:
            yield Static(self.explanation, markup=False, classes="hint")
        if self.current:
            yield Label("Your passphrase now")
            yield TextInput(password=True, id="current", compact=True)
        yield Label("New passphrase" if self.current else "Passphrase")
        yield TextInput(password=True, id="passphrase", compact=True)
        yield Static(strength_hint(""), id="hint", markup=False, classes="hint")
        yield Label("The same again")
        yield TextInput(password=True, id="again", compact=True)

    def first_focus(self) -> Widget:
        return self.query_one("#current" if self.current else "#passphrase")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "passphrase":
            self.query_one("#hint", Static).update(strength_hint(event.value))

    ENTER_MOVES = True

    def enter_order(self) -> list[str]:
        return ["current", "passphrase", "again"] if self.current else ["passphrase", "again"]

    def submit(self) -> tuple[str, ...]:
        passphrase = self.query_one("#passphrase", Input).value
        again = self.query_one("#again", Input).value
        try:
            check_passphrase(passphrase, again)
        except ValidationError as error:
            for field in ("passphrase", "again"):
                self.query_one(f"#{field}", Input).value = ""
            raise Problem(error.message, focus="passphrase") from None
        if self.current:
            return self.query_one("#current", Input).value, passphrase, again
        return passphrase, again
