"""Choose one of a list (which unfinished session to resume, whose passphrase …)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .base import Dialog, bold


class PickOne(Dialog[str]):
    DEFAULT_CSS = """
    PickOne OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self, options: list[tuple[str, str]], title: str = "Resume which session?"
    ) -> None:
        super().__init__()
        self.options = options
        self.title_text = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static(f"{bold(self.title_text)} (Enter chooses, Escape cancels)")
            yield OptionList(*[Option(Text(label), id=value) for label, value in self.options])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.chosen(event.option.id)

    def chosen(self, value: str | None) -> None:
        self.dismiss(value)
