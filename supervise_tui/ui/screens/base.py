"""What every screen without typing has in common: ? opens the help."""

from __future__ import annotations

from textual.screen import Screen

from ..keys import binder

bind = binder("app")


class ViewScreen(Screen):
    """A screen to look around in (no text field takes the ? key there)."""

    BINDINGS = [bind("question_mark", "app.help", "Help", show=False, name="help_key")]
