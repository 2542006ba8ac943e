"""Choose which unfinished session to resume."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .base import Dialog


class PickDraft(Dialog[str]):
    DEFAULT_CSS = """
    PickDraft OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static("[b]Resume which session?[/b] (Enter opens it, Escape cancels)")
            yield OptionList(*[Option(Text(label), id=value) for label, value in self.options])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
