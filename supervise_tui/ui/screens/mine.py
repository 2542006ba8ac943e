"""A supervisor's own view: what they learned over time (said at wrap-up, shared with the
peer), and how the actions they took on for their peers were followed through."""

from __future__ import annotations

from ...domain.models import Person
from ...services.mine import mine_markdown
from ...usecases.mine import mine_of
from ..keys import binder
from .base import DocumentScreen

bind = binder("mine")


class MineScreen(DocumentScreen):
    NAME = "mine"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [bind("escape", "back", "Back")]

    def __init__(self, supervisor: Person) -> None:
        super().__init__()
        self.supervisor = supervisor
        self.mine = None

    def on_mount(self) -> None:
        self.sub_title = f"Mine — {self.supervisor.name}"
        self.refetch()

    def fetch(self) -> object:
        return mine_of(self.app.store, self.supervisor, self.app.local_now().date())

    def fetched(self, note, result) -> None:
        self.mine = result
        note_text = "What you learned, and your actions for your peers · Esc goes back"
        self.show(note_text, mine_markdown(self.mine))
