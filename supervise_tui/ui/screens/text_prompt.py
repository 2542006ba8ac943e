"""Ask for one piece of text (a line, or several lines)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...domain.errors import ValidationError
from ...domain.text import check_text
from ..widgets.controls import TextBox, TextInput
from ..widgets.fields import say


class TextPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 76; max-width: 98%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    TextPrompt TextArea { height: 6; }
    TextPrompt .buttons { height: auto; margin-top: 1; }
    TextPrompt Button { margin-right: 2; }
    TextPrompt #prompt-error { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("f2", "ok", "Save", priority=True, tooltip="Save this text"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        title: str,
        explanation: str = "",
        value: str = "",
        *,
        multiline: bool = False,
        limit: int = 500,
        required: bool = True,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.explanation = explanation
        self.value = value
        self.multiline = multiline
        self.limit = limit
        self.required = required
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{escape(self.title_text)}[/b]")
            if self.explanation:
                yield Static(self.explanation, classes="hint", markup=False)
            if self.multiline:
                yield TextBox(
                    self.value,
                    id="prompt-text",
                    soft_wrap=True,
                    placeholder=self.placeholder or "(type here)",
                )
            else:
                yield TextInput(
                    self.value, id="prompt-text", placeholder=self.placeholder or "(type here)"
                )
            yield Static("", id="prompt-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (F2)", variant="primary", id="ok")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-error").display = False
        self.query_one("#prompt-text").focus()

    def on_input_submitted(self) -> None:
        self.action_ok()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()

    def action_ok(self) -> None:
        widget = self.query_one("#prompt-text")
        raw = widget.text if self.multiline else widget.value
        try:
            text = check_text(raw, "text", limit=self.limit, required=self.required, label="text")
        except ValidationError as error:
            say(self.query_one("#prompt-error", Static), error.message)
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
