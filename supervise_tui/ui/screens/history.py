"""History of one peer: every session, filtered by period and searched by text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from ...domain.models import Person
from ...services.periods import parse_period
from ...services.report import HISTORY_PERIOD, history_rows, search
from ...store.errors import StoreError
from ...usecases.contacts import contacts_of
from ...usecases.groups import groups_of
from ..dialogs.groups import groups_dialog
from ..keys import binder
from ..outcome import outcome, show_made
from ..widgets.cells import highlighted
from ..widgets.controls import TextInput
from ..widgets.period import period_filter, read_period
from ..widgets.session_table import SessionTable
from .base import ViewScreen
from .history_export import Exporting

bind = binder("history")


class HistoryScreen(Exporting, ViewScreen):
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("enter", "open", "Open", "Open the highlighted session's record"),
        bind("t", "trends", "Trends", "Trends over time for this peer"),
        bind("i", "items", "Items", "Concerns, goals and actions across sessions"),
        bind("c", "contacts", "Contacts", "Informal contacts in the period", show=False),
        bind("g", "groups", "Group", "Group sessions and calls in the period", show=False),
        bind("slash", "search", "Search", "Search the text of every session"),
        bind("x", "export", "Export", "Export this peer's record to a file"),
        bind("escape", "back", "Back", "Back"),
    ]

    DEFAULT_PERIOD = HISTORY_PERIOD

    @dataclass
    class Loaded(Message):
        session_rows: list | None
        start: date | None
        total: int
        people: dict
        error: str | None = None
        contacts: list = field(default_factory=list)
        groups: list = field(default_factory=list)  # group sessions and calls (copies)

    @dataclass
    class FullLoaded(Message):
        sessions: dict | None
        start: date | None
        error: str | None = None

    @dataclass
    class Opened(Message):
        screen: Screen | None
        error: str | None = None
        field: str | None = None

    _ALL = "all"  # a range that starts at the beginning (``start`` None) is "all"

    def __init__(self, peer: Person) -> None:
        super().__init__()
        self.peer = peer
        self.session_rows: list | None = None  # the SessionRows loaded so far
        self.loaded_from = None  # the earliest day loaded (None: from the beginning)
        self.loading_from: object = None  # what a running load covers, if any
        self.total = 0
        self.full: dict | None = None  # full records, loaded when searching
        self.full_from = None
        self.people: dict[str, Person] = {}
        self.shown: list = []
        self.contacts: list = []  # informal contacts from the day loaded
        self.groups: list = []  # group sessions and calls from the day loaded
        self.period = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filters"):
            yield from period_filter(self.DEFAULT_PERIOD)
            yield Label("Search")
            yield TextInput("", id="search", compact=True, placeholder="(words to find)")
        yield Static("", id="history-note", markup=False, classes="note")
        yield SessionTable(id="sessions")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"History — {self.peer.display}"
        table = self.query_one("#sessions", DataTable)
        table.loading = True
        self.start_load(parse_period(self.DEFAULT_PERIOD, self.app.local_now().date()).start)

    def start_load(self, start) -> None:
        self.loading_from = self._ALL if start is None else start
        self.load(start)

    @work(thread=True, exclusive=True, group="history-load")
    def load(self, start) -> None:
        """Only the light rows from ``start`` on: one small index file per year."""
        repo = self.app.store
        try:
            session_rows = repo.rows(self.peer.id, start=start)
            total = sum(count.held for count in repo.years(self.peer.id).values())
            people = {p.id: p for p in repo.people()}
            contacts = contacts_of(repo, self.peer.id, start=start)
            groups = groups_of(repo, self.peer.id, start=start)
        except StoreError as error:
            self.post_message(self.Loaded(None, start, 0, {}, str(error)))
            return
        loaded = self.Loaded(session_rows, start, total, people, contacts=contacts, groups=groups)
        self.post_message(loaded)

    @work(thread=True, exclusive=True, group="history-full")
    def load_full(self, start) -> None:
        """The full records, for searching what was written."""
        try:
            sessions = self.app.store.sessions(self.peer.id, start=start)
        except StoreError as error:
            self.post_message(self.FullLoaded(None, start, str(error)))
            return
        self.post_message(self.FullLoaded({s.id: s for s in sessions}, start))

    def on_screen_resume(self) -> None:
        if self.session_rows is not None:  # a session may have been signed meanwhile
            self.full = None
            self.start_load(self.loaded_from)

    def on_history_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one("#sessions", DataTable)
        table.loading = False
        self.loading_from = None
        if message.session_rows is None:
            self.query_one("#history-note", Static).update(message.error or "")
            return
        first = self.session_rows is None
        self.session_rows = message.session_rows
        self.loaded_from = message.start
        self.total = message.total
        self.people = message.people
        self.contacts, self.groups = message.contacts, message.groups
        self.refilter()
        if first:
            table.focus()

    def on_history_screen_full_loaded(self, message: FullLoaded) -> None:
        if message.sessions is None:
            self.query_one("#history-note", Static).update(message.error or "")
            return
        self.full = message.sessions
        self.full_from = message.start
        self.refilter()

    def on_input_changed(self, event) -> None:
        if self.session_rows is not None:
            self.refilter()

    def on_input_submitted(self) -> None:
        self.query_one("#sessions").focus()

    @staticmethod
    def _covers(loaded_from, start) -> bool:
        return loaded_from is None or (start is not None and start >= loaded_from)

    def refilter(self) -> None:
        note = self.query_one("#history-note", Static)
        today = self.app.local_now().date()
        period = read_period(self.query_one("#period").value, note, today)
        if period is None:
            return
        if not self._covers(self.loaded_from, period.start):
            wanted = self._ALL if period.start is None else period.start
            if self.loading_from != wanted:
                self.start_load(period.start)
            note.update(f"Loading {period.label}…")
            return
        session_rows = [f for f in self.session_rows if period.contains(f.day)]
        query = self.query_one("#search").value
        if query.strip():
            if self.full is None or not self._covers(self.full_from, self.loaded_from):
                note.update("Searching what was written…")
                self.load_full(self.loaded_from)
                return
            written = [self.full[f.id] for f in session_rows if f.id in self.full]
            found = {s.id for s in search(written, query)}
            session_rows = [f for f in session_rows if f.id in found]
        rows = history_rows(session_rows, self.people)
        self.shown = rows
        self.query_one("#sessions", SessionTable).fill(rows, wide=self.size.width >= 100)
        found = f"{len(rows)} session(s), {period.label}"
        if query.strip():
            found += f", containing “{query.strip()}”"
        elif period.start is not None and self.total > len(session_rows):
            # Short enough for one line at 80 columns.
            found = f"{len(rows)} of {self.total} sessions, {period.label} (“all” shows all)"
        if not self.total and not rows:
            found = "No sessions yet with this peer."
        self.period = period
        contacts = [c for c in self.contacts if period.contains(c.day)]
        if contacts:
            found += f" · {len(contacts)} informal contact(s): c"
        if any(period.contains(g.day) for g in self.groups):
            found += " · group sessions: g"
        note.update(found + ("" if not rows else " · Enter opens one"))

    def on_resize(self) -> None:
        if self.session_rows is not None:
            self.refilter()

    def action_search(self) -> None:
        self.query_one("#search").focus()

    def action_open(self) -> None:
        row = highlighted(self.query_one("#sessions", DataTable), self.shown)
        if row is None:
            return
        self.open_record(row.session_id, row.when.year)

    @work(thread=True, exclusive=True, group="history-open")
    def open_record(self, session_id: str, year: int) -> None:
        from .summary import SummaryScreen

        repo = self.app.store

        def opened() -> SummaryScreen:
            session = repo.session(self.peer.id, session_id, year)
            return SummaryScreen(session, self.people, repo.tracks(self.peer.id))

        self.post_message(outcome(self.Opened, opened))

    def on_history_screen_opened(self, message: Opened) -> None:
        show_made(self, message)

    def action_trends(self) -> None:
        from .trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self.peer, self.query_one("#period").value))

    def action_items(self) -> None:
        if self.session_rows is not None:
            self.open_items()

    @work(thread=True, exclusive=True, group="history-open")
    def open_items(self) -> None:
        from .items import ItemsScreen

        try:
            tracks = self.app.store.tracks(self.peer.id)
        except StoreError as error:
            self.post_message(self.Opened(None, str(error)))
            return
        self.post_message(self.Opened(ItemsScreen(self.peer, tracks, self.people)))

    def action_contacts(self) -> None:
        from ..dialogs.contacts import ContactsDialog

        period = self.period
        if period is None:
            return
        shown = [c for c in self.contacts if period.contains(c.day)]
        names = {pid: p.name for pid, p in self.people.items()}
        title = f"Informal contacts with {self.peer.name}, {period.label}"
        self.app.push_screen(
            ContactsDialog(shown, names, title, may_remove=not self.app.peer_mode),
            lambda removed: removed and self.start_load(self.loaded_from),
        )

    def action_groups(self) -> None:
        if self.period is not None:
            self.app.push_screen(
                groups_dialog(self.app, self.peer, self.groups, self.period, self.people),
                lambda removed: removed and self.start_load(self.loaded_from),
            )

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
