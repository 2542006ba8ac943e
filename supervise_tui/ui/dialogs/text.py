"""Ask for one piece of text: a line, or several lines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from ...domain.errors import ValidationError
from ...domain.text import check_text
from ..widgets.controls import TextBox, TextInput
from .base import Dialog, Problem, bold


class TextDialog(Dialog[str]):
    DEFAULT_CSS = """
    TextDialog TextArea { height: 6; }
    """
    OK_TIP = "Save this text"
    WIDTH = 76

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
        self.placeholder = placeholder or "(type here)"

    def heading(self) -> str:
        return bold(self.title_text)

    def fields(self) -> ComposeResult:
        if self.explanation:
            yield Static(self.explanation, classes="hint", markup=False)
        if self.multiline:
            yield TextBox(self.value, id="text", soft_wrap=True, placeholder=self.placeholder)
        else:
            yield TextInput(self.value, id="text", placeholder=self.placeholder)

    def first_focus(self) -> Widget:
        return self.query_one("#text")

    def submit(self) -> str:
        widget = self.query_one("#text")
        raw = widget.text if self.multiline else widget.value
        try:
            return check_text(raw, "text", limit=self.limit, required=self.required, label="text")
        except ValidationError as error:
            raise Problem(error.message) from None
