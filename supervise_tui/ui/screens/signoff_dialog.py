"""Sign-off: who is acknowledging, and an optional comment."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...domain.text import SHORT_MAX
from ..widgets.controls import TextInput
from ..widgets.fields import say


class SignOffDialog(ModalScreen[tuple[str, str] | None]):
    DEFAULT_CSS = """
    SignOffDialog { align: center middle; }
    SignOffDialog > Vertical {
        width: 70; max-width: 95%; height: auto; border: round $primary;
        background: $surface; padding: 0 1;
    }
    SignOffDialog .buttons { height: auto; margin-top: 1; }
    SignOffDialog Button { margin-right: 2; }
    SignOffDialog #sign-error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("f2", "sign", "Sign", tooltip="Sign off with this name and comment"),
    ]

    def __init__(self, people: list[tuple[str, str]]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "[b]Sign off this session[/b]\nSigning says: this summary is a fair "
                "record of our session. You can add a comment."
            )
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
            yield Static("", id="sign-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Sign (F2)", variant="primary", id="sign")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#sign-error").display = False
        self.query_one("#comment", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_sign()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sign":
            self.action_sign()
        else:
            self.action_cancel()

    def action_sign(self) -> None:
        signer = self.query_one("#signer", Select).value
        if signer is Select.NULL:
            say(self.query_one("#sign-error", Static), "Please choose who is signing.")
            return
        self.dismiss((str(signer), self.query_one("#comment", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
