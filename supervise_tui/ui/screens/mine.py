"""A supervisor's own view: what they learned over time (said at wrap-up, shared with the
peer), and how the actions they took on for their peers were followed through."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from ...domain.models import Person
from ...services.mine import mine_markdown
from ...usecases.mine import mine_of
from ..keys import binder
from ..outcome import Outcome, outcome
from .base import ViewScreen
from .help import screen_help

bind = binder("mine")


class MineScreen(ViewScreen):
    CSS_PATH = "lookback.tcss"
    HELP_TITLE, HELP_TEXT = screen_help("mine")
    BINDINGS = [bind("escape", "back", "Back")]

    class Loaded(Outcome):
        """The supervisor's view read (``result``), or why not."""

    def __init__(self, supervisor: Person) -> None:
        super().__init__()
        self.supervisor = supervisor
        self.mine = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="mine-note", markup=False, classes="note")
        with VerticalScroll(id="mine-box"):
            yield Markdown("", id="mine")
        yield Footer()

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
        note.update("What you learned, and your actions for your peers · Esc goes back")
        self.query_one("#mine", Markdown).update(mine_markdown(self.mine))
        self.query_one("#mine-box").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
