"""The peer's own view: their record, their trends, and what they want to bring next time."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.models import AgendaItem, PeerInput, Person
from ...domain.text import SHORT_MAX
from ...services.home import home_rows, peer_detail
from ...store.errors import StoreError
from ...usecases.agenda import save_agenda
from ...usecases.contacts import contacts_since_last
from ..keys import binder
from .base import ViewScreen

bind = binder("peer")


class PeerViewScreen(ViewScreen):
    DEFAULT_CSS = """
    PeerViewScreen #peer-view { padding: 0 1; }
    PeerViewScreen .section-title { text-style: bold; margin-top: 1; }
    PeerViewScreen #agenda { height: auto; max-height: 8; }
    """
    BINDINGS = [
        bind("a", "add_item", "Add topic", "A topic for your next session"),
        bind("m", "note", "Note", "A note for your next session, in your words"),
        bind("x", "remove_item", "Remove topic", "Remove the highlighted topic"),
        bind("h", "history", "History", "Your sessions"),
        bind("t", "trends", "Trends", "Your trends over time"),
        bind("o", "portfolio", "Portfolio", "Your portfolio: goals completed, strengths named"),
    ]

    @dataclasses.dataclass
    class Loaded(Message):
        detail: str
        peer_input: PeerInput | None
        error: str | None = None

    def __init__(self, peer: Person) -> None:
        super().__init__()
        self.peer = peer
        self.peer_input = PeerInput()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="peer-view"):
            yield Static(
                f"[b]Your supervision record, {escape(self.peer.name)}.[/b] Only your own "
                "records are shown here.",
                classes="section-body",
            )
            yield Static("For your next session", classes="section-title")
            yield Static("", id="next-note", markup=False, classes="section-body")
            yield OptionList(id="agenda")
            yield Static("What is open", classes="section-title")
            yield Static("", id="open-items", markup=False, classes="section-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.peer.name} — own view"
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="peer-view-load")
    def load(self) -> None:
        repo = self.app.store
        try:
            tracks = repo.tracks(self.peer.id)
            summaries = repo.tallies()
            peer_input = repo.peer_input(self.peer.id)
            names = {p.id: p.name for p in repo.people()}
            contacts = contacts_since_last(repo, self.peer.id)
        except StoreError as error:
            self.post_message(self.Loaded("", None, str(error)))
            return
        today = self.app.local_now().date()
        rows = home_rows([self.peer], summaries, today, include_inactive=True)
        detail = ""
        if rows:
            detail = peer_detail(rows[0], tracks, today, names, gentle=True, contacts=contacts)
        self.post_message(self.Loaded(detail, peer_input))

    def on_peer_view_screen_loaded(self, message: Loaded) -> None:
        if message.peer_input is None:
            self.query_one("#open-items", Static).update(message.error or "")
            return
        self.peer_input = message.peer_input
        self.query_one("#open-items", Static).update(message.detail)
        note = self.peer_input.note.strip()
        self.query_one("#next-note", Static).update(
            f"Your note: {note}"
            if note
            else "Topics you want to bring (a adds one; m writes a note in your own words):"
        )
        agenda = self.query_one("#agenda", OptionList)
        agenda.clear_options()
        if self.peer_input.items:
            agenda.add_options(
                [Option(Text(f"• {item.text}"), id=item.id) for item in self.peer_input.items]
            )
        else:
            agenda.add_option(Option("(no topics yet — press a to add one)", disabled=True))
        agenda.focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("add_item", "note", "remove_item") and self.app.store.read_only:
            return False
        return True

    def action_add_item(self) -> None:
        from ..dialogs.text import TextDialog

        def added(text: str | None) -> None:
            if text:
                items = [*self.peer_input.items, AgendaItem(text, self.app.local_now().date())]
                self.save(dataclasses.replace(self.peer_input, items=items))

        self.app.push_screen(
            TextDialog(
                "A topic for your next session",
                "Your supervisor will see it at the start of the check-in.",
                limit=SHORT_MAX,
            ),
            added,
        )

    def action_note(self) -> None:
        from ..dialogs.text import TextDialog

        def written(text: str | None) -> None:
            if text is not None:
                self.save(dataclasses.replace(self.peer_input, note=text))

        self.app.push_screen(
            TextDialog(
                "A note for your next session",
                "In your own words. It is shown with the check-in; leave it empty to remove it.",
                self.peer_input.note,
                multiline=True,
                limit=5000,
                required=False,
            ),
            written,
        )

    def action_remove_item(self) -> None:
        agenda = self.query_one("#agenda", OptionList)
        if agenda.highlighted is None or not self.peer_input.items:
            return
        option = agenda.get_option_at_index(agenda.highlighted)
        items = [i for i in self.peer_input.items if i.id != option.id]
        self.save(dataclasses.replace(self.peer_input, items=items))

    @work(thread=True, exclusive=True, group="peer-view-save")
    def save(self, peer_input: PeerInput) -> None:
        try:
            save_agenda(self.app.store, self.peer.id, peer_input, clock=self.app.clock)
        except (StoreError, ValueError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=12)
            return
        self.load()

    def action_history(self) -> None:
        from .history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.peer))

    def action_portfolio(self) -> None:
        from .portfolio import PortfolioScreen

        self.app.push_screen(PortfolioScreen(self.peer))

    def action_trends(self) -> None:
        from .trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self.peer))
