"""One item in a list step (a strength, a concern, an action …), removable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget


class ItemCard(Vertical):
    DEFAULT_CSS = """
    ItemCard {
        height: auto; border: round $panel-lighten-2; padding: 0 0; margin: 0 0 1 0;
    }
    ItemCard:focus-within { border: round $primary; }
    """

    def __init__(self, list_name: str, item_id: str, title: str, *children: Widget) -> None:
        super().__init__(id=f"card__{list_name}__{item_id}", classes="card")
        self.list_name = list_name
        self.item_id = item_id
        self.border_title = title
        self.border_subtitle = "F4 removes"
        self._children = children

    def compose(self) -> ComposeResult:
        yield from self._children
