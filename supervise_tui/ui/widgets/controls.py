"""Text controls that keep every key in the order it was typed, and follow the app's
cursor-blink setting.

Textual runs a text field's own editing keys (Backspace, Home, arrows, Ctrl+U, …) only
after the key has travelled up to the app, while letters are inserted at once; so in a
fast burst or a pasted run of keys "ab⌫c" came out "ab" + "c" then ⌫ = "ab". Here a
field runs its own editing keys as it reads them, in turn with the letters.

Blinking can be turned off for people who find it distracting
(``SUPERVISE_NO_BLINK=1``) and is off in tests and snapshots.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea


async def _own_key(widget: Widget, event: events.Key) -> bool:
    """Run ``widget``'s own (non-priority) binding for a non-printable key at once."""
    if event.is_printable:
        return False
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


class _Typed:
    """What both text controls add: the blink setting, and their own keys at once."""

    def on_mount(self) -> None:
        if not getattr(self.app, "blink", True):
            self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        if not await _own_key(self, event):
            await super()._on_key(event)


class TextInput(_Typed, Input):
    pass


class TextBox(_Typed, TextArea):
    pass
