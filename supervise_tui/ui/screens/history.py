"""History of one peer: every session, filtered by period and searched by text."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from ... import lookback
from ...domain.errors import ValidationError
from ...domain.models import Person
from ...services.report import history_rows, search
from ...store.errors import StoreError
from ..widgets.controls import TextInput
from ..widgets.period import read_period


class HistoryScreen(Screen):
    CSS_PATH = "lookback.tcss"
    HELP_TITLE = "History"
    HELP_TEXT = (
        "Every session held with this peer, newest first: when, with whom (+1 when more "
        "than one supervisor joined), the four check-in ratings at a glance — role clarity, "
        "feeling supported, feeling valued, workload; 1–5, – when not asked — how many "
        "concerns were raised and resolved in it, and whether both have signed it off. On a "
        "wide screen the kind of session is shown too.\n\n"
        "Type a **period** the way you would say it — *last 90 days*, *this year*, *since "
        "March*, *2025*, *2026-01-01..2026-06-30* or *all* — and words to **search** for in "
        "anything written in a session. **Enter** opens a session's full record. **i** lists "
        "every concern, goal and action with its whole life across sessions; **t** shows "
        "trends."
    )
    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted session's record"),
        Binding("t", "trends", "Trends", tooltip="Trends over time for this peer"),
        Binding("i", "items", "Items", tooltip="Concerns, goals and actions across sessions"),
        Binding("slash", "search", "Search", tooltip="Search the text of every session"),
        Binding("x", "export", "Export", tooltip="Export this peer's record to a file"),
        Binding("escape", "back", "Back", tooltip="Back"),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    class Loaded(Message):
        def __init__(self, record, people, error: str | None = None) -> None:
            super().__init__()
            self.record = record
            self.people = people
            self.error = error

    def __init__(self, peer: Person) -> None:
        super().__init__()
        self.peer = peer
        self.record = None
        self.people: dict[str, Person] = {}
        self.shown: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filters"):
            yield Label("Period")
            yield TextInput(
                "all",
                id="period",
                compact=True,
                placeholder="last 90 days, this year, since March, all",
            )
            yield Label("Search")
            yield TextInput("", id="search", compact=True, placeholder="(words to find)")
        yield Static("", id="history-note", classes="note")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"History — {self.peer.display}"
        table = self.query_one("#sessions", DataTable)
        table.add_columns(
            "Date",
            "Kind",
            "With",
            "Ratings (clarity, support, valued, load)",
            "Raised",
            "Resolved",
            "Sign-off",
        )
        table.loading = True
        self.load()

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        repo = self.app.repo
        try:
            record = lookback.load_peer(repo, self.peer)
            people = {p.id: p for p in repo.people()}
        except StoreError as error:
            self.post_message(self.Loaded(None, {}, str(error)))
            return
        self.post_message(self.Loaded(record, people))

    def on_screen_resume(self) -> None:
        if self.record is not None:  # a session may have been signed meanwhile
            self.load()

    def on_history_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one("#sessions", DataTable)
        table.loading = False
        if message.record is None:
            self.query_one("#history-note", Static).update(message.error or "")
            return
        self.record = message.record
        self.people = message.people
        self.refilter()
        table.focus()

    def on_input_changed(self, event) -> None:
        if self.record is not None:
            self.refilter()

    def on_input_submitted(self) -> None:
        self.query_one("#sessions").focus()

    def refilter(self) -> None:
        note = self.query_one("#history-note", Static)
        today = self.app.local_now().date()
        period = read_period(self.query_one("#period").value, note, today)
        if period is None:
            return
        sessions = [s for s in self.record.sessions if period.contains(s.day)]
        query = self.query_one("#search").value
        sessions = search(sessions, query)
        rows = history_rows(sessions, self.people)
        self.shown = rows
        table = self.query_one("#sessions", DataTable)
        wide = self.size.width >= 100
        table.clear(columns=True)
        columns = (
            ["Date"]
            + (["Kind"] if wide else [])
            + ["With", "Check-in", "New concerns", "Resolved", "Sign-off"]
        )
        table.add_columns(*columns)
        for row in rows:
            ratings = " ".join("–" if v is None else str(v) for v in row.ratings.values())
            signed = "signed" if row.acknowledged else "AWAITING"
            with_whom = row.supervisors[0] if row.supervisors else "—"
            if len(row.supervisors) > 1:
                with_whom += f" +{len(row.supervisors) - 1}"
            cells = (
                [f"{row.when:%d %b %Y}"]
                + ([row.kind] if wide else [])
                + [with_whom, ratings, str(row.concerns_opened), str(row.concerns_resolved), signed]
            )
            table.add_row(*cells, key=row.session_id)
        found = f"{len(rows)} session(s), {period.label}"
        if query.strip():
            found += f", containing “{query.strip()}”"
        if not self.record.sessions:
            found = "No sessions yet with this peer."
        note.update(found + ("" if not rows else " · Enter opens one"))

    def on_resize(self) -> None:
        if self.record is not None:
            self.refilter()

    def action_search(self) -> None:
        self.query_one("#search").focus()

    def action_open(self) -> None:
        table = self.query_one("#sessions", DataTable)
        if not self.shown or table.cursor_row < 0:
            return
        row = self.shown[min(table.cursor_row, len(self.shown) - 1)]
        session = next(s for s in self.record.sessions if s.id == row.session_id)
        from .summary import SummaryScreen

        self.app.push_screen(SummaryScreen(session, self.people, self.record.heads))

    def action_trends(self) -> None:
        from .trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self.peer, self.query_one("#period").value))

    def action_items(self) -> None:
        if self.record is None:
            return
        from .items import ItemsScreen

        self.app.push_screen(ItemsScreen(self.peer, self.record, self.people))

    def action_export(self) -> None:
        from .export_dialog import ExportDialog, slug

        today = self.app.local_now().date()
        stem = f"supervision-{slug(self.peer.name)}-{today.isoformat()}"
        self.app.push_screen(ExportDialog(f"{self.peer.name}'s record", stem), self._export)

    def _export(self, choice) -> None:
        if choice is not None:
            fmt, path = choice
            self.write_export(fmt, path, self.query_one("#period").value)

    @work(thread=True, exclusive=True, group="history-export")
    def write_export(self, fmt: str, path, period_text: str) -> None:
        from ...transfer import export_bytes, write_export

        self.app.call_from_thread(self.notify, "Exporting…", timeout=2)
        try:
            data, count = export_bytes(
                self.app.repo,
                fmt,
                peer=None,
                site=None,
                period_text=period_text,
                today=self.app.local_now().date(),
                only=[self.peer],
            )
            write_export(path, data, force=False)
        except (StoreError, ValidationError) as error:
            self.app.call_from_thread(
                self.notify, str(error), title="Not exported", severity="error", timeout=15
            )
            return
        self.app.call_from_thread(
            self.notify, f"{count} session(s) written to {path}", title="Exported", timeout=15
        )

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
