"""A list of choices that says in words which are ticked: "[x]" or "[ ]".

Textual's SelectionList shows ticked and unticked items with the same mark in
different colours; here the state is always written out, so it reads the same
with NO_COLOR, in high contrast, or through a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class CheckList(OptionList):
    BINDINGS = [Binding("space", "toggle", "Tick", show=False, id="checklist.toggle")]

    DEFAULT_CSS = """
    CheckList { height: auto; max-height: 10; }
    """

    @dataclass
    class Changed(Message):
        checklist: CheckList

        @property
        def control(self) -> CheckList:
            return self.checklist

    def __init__(self, items: list[tuple[str, str]] = (), selected=(), **kw) -> None:
        super().__init__(**kw)
        self._labels: dict[str, str] = {}
        self.selected: list[str] = []
        self.set_items(list(items), list(selected), notify=False)

    def set_items(
        self, items: list[tuple[str, str]], selected: list[str], notify: bool = False
    ) -> None:
        self._labels = {value: label for label, value in items}
        self.selected = [v for v in selected if v in self._labels]
        self.clear_options()
        self.add_options([Option(self._prompt(v), id=v) for v in self._labels])
        if self._labels and self.is_mounted:
            self.highlighted = 0
        if notify:
            self.post_message(self.Changed(self))

    def on_mount(self) -> None:
        if self.option_count and self.highlighted is None:
            self.highlighted = 0

    def on_focus(self) -> None:
        if self.option_count and self.highlighted is None:
            self.highlighted = 0

    def _prompt(self, value: str) -> Text:
        mark = "[x]" if value in self.selected else "[ ]"
        return Text(f"{mark} {self._labels[value]}")

    def toggle(self, value: str) -> None:
        if value in self.selected:
            self.selected.remove(value)
        else:
            self.selected.append(value)
        self.replace_option_prompt(value, self._prompt(value))
        self.post_message(self.Changed(self))

    def action_toggle(self) -> None:
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.id is not None:
            self.toggle(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.toggle(event.option.id)
