"""Text controls that follow the app's cursor-blink setting.

Blinking can be turned off for people who find it distracting
(``SUPERVISE_NO_BLINK=1``) and is off in tests and snapshots.
"""

from __future__ import annotations

from textual.widgets import Input, TextArea


class TextInput(Input):
    def on_mount(self) -> None:
        if not getattr(self.app, "blink", True):
            self.cursor_blink = False


class TextBox(TextArea):
    def on_mount(self) -> None:
        if not getattr(self.app, "blink", True):
            self.cursor_blink = False
