"""What every screen without typing has in common: ? opens the help."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


class ViewScreen(Screen):
    """A screen to look around in (no text field takes the ? key there)."""

    BINDINGS = [Binding("question_mark", "app.help", "Help", show=False, id="app.help_key")]
