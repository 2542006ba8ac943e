"""Choose one of a list (which unfinished session to resume, whose passphrase …)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.errors import ValidationError
from ...store.errors import StoreError
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


class ReadList(PickOne):
    """Lines to read (a line is not opened); when ``may_remove``, x removes the one
    highlighted, made by mistake. Returns whether any was removed (the screen behind then
    reloads)."""

    REMOVE_HINT = "x removes one made by mistake"
    BINDINGS = [Binding("escape", "cancel", "Close", id="dialog.cancel")]  # (and x: its own)

    def __init__(self, options: list[tuple[str, str]], title: str, *, may_remove: bool) -> None:
        self.may_remove = may_remove
        self.removed = False
        super().__init__(options, title=title)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            keys = f"{self.REMOVE_HINT}; Esc closes" if self.may_remove else "Esc closes"
            yield Static(f"{bold(self.title_text)} ({keys})")
            yield OptionList(*[Option(Text(label), id=value) for label, value in self.options])

    def chosen(self, value: str | None) -> None:
        return  # a line is read, not opened

    def action_cancel(self) -> None:
        self.dismiss(self.removed)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return self.may_remove if action == "remove" else True

    def highlighted_id(self) -> str | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def highlighted_of(self, records: list):
        """The one of ``records`` (each listed by its id) that is highlighted, or None."""
        chosen = self.highlighted_id()
        return next((r for r in records if r.id == chosen), None)

    def take_out(self, records: list, record, remove: Callable[[], object], said: str) -> None:
        """Remove ``record`` (``remove``: the use case) and list ``records`` without it,
        saying ``said``; refused, say why and keep it. ``_options()``: the lines now."""
        try:
            remove()
        except (StoreError, ValidationError) as error:
            self.app.notify(str(error), title="Not removed", severity="error")
            return
        records.remove(record)
        self.app.notify(said, title="Removed")
        self.relist(self._options())

    def relist(self, options: list[tuple[str, str]]) -> None:
        """After a removal: the lines as they are now."""
        self.removed = True
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(label), id=value) for label, value in options])
