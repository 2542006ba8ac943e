"""A supervisor's own view: what they learned over time (said at wrap-up, shared with the
peer), and how the actions they took on for their peers were followed through."""

from __future__ import annotations

from textual import work

from ...domain.models import Person
from ...services.mine import mine_markdown
from ...usecases.mine import mine_of
from ..keys import binder
from ..outcome import Outcome, outcome
from .base import DocumentScreen

bind = binder("mine")


class MineScreen(DocumentScreen):
    NAME = "mine"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [bind("escape", "back", "Back")]

    class Loaded(Outcome):
        """The supervisor's view read (``result``), or why not."""

    def __init__(self, supervisor: Person) -> None:
        super().__init__()
        self.supervisor = supervisor
        self.mine = None

    def on_mount(self) -> None:
        self.sub_title = f"Mine — {self.supervisor.name}"
        self.load()

    @work(thread=True, exclusive=True, group="mine-load")
    def load(self) -> None:
        store, today = self.app.store, self.app.local_now().date()
        self.post_message(outcome(self.Loaded, lambda: mine_of(store, self.supervisor, today)))

    def on_mine_screen_loaded(self, message: Loaded) -> None:
        note = self.loaded("mine-note", message.result, message.error)
        if note is None:
            return
        self.mine = message.result
        note_text = "What you learned, and your actions for your peers · Esc goes back"
        self.show(note_text, mine_markdown(self.mine))
