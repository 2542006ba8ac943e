"""The privacy screen: blanks everything at once; any key brings the work back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Key, MouseDown
from textual.screen import ModalScreen
from textual.widgets import Static


class PrivacyScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    PrivacyScreen { background: $background; align: center middle; }
    PrivacyScreen > Static { color: $text-muted; width: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Screen hidden. Press any key to come back.")

    def on_key(self, event: Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)

    def on_mouse_down(self, event: MouseDown) -> None:
        self.dismiss(None)
