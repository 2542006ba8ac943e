"""A browser tab on records another window is changing: look at them read-only, or close.

Only one window may change a folder at a time. In a terminal the second one is told so in
a sentence; a browser tab (`supervise serve`) gets this instead of a blank page.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from .base import Dialog

EXPLANATION = (
    "Another tab or window is using these records, and only one at a time can change "
    "them.\n\n"
    "This tab can show them read-only: you can look, and nothing you do here changes "
    "them. To make changes here, close the other tab or window first, then reload this "
    "page."
)


class InUseDialog(Dialog[bool]):
    DEFAULT_CSS = """
    InUseDialog > .dialog-box { border: round $warning; }
    """
    BINDINGS = [
        Binding("enter,f2", "ok", "Read-only", priority=True, id="in_use.read_only"),
        Binding("escape", "cancel", "Close", id="in_use.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static("[b]These records are open elsewhere[/b]")
            yield Static(EXPLANATION, markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Open read-only (Enter)", variant="primary", id="ok")
                yield Button("Close (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#ok").focus()

    def submit(self) -> bool:
        return True
