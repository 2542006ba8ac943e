"""Supervision hours: each peer's time by kind for a period, written out, with who is
below the agency's targets so far."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.errors import ValidationError
from ...services.hours import KINDS, Hours, add_up, as_hours, parse_targets
from ...store.errors import StoreError
from ...usecases.hours import hours_for
from ..keys import binder
from ..widgets.cells import plain
from ..widgets.period import period_filter, read_period
from .base import ViewScreen

bind = binder("hours")


class HoursScreen(ViewScreen):
    CSS_PATH = "lookback.tcss"
    HELP_TITLE = "Supervision hours"
    HELP_TEXT = (
        "Each peer's supervision time in the period you type, by kind: weekly sessions and "
        "joint calls are *formal*, monthly sessions with the housing agency *agency*, "
        "informal check-ins *informal*. A session whose length is not known (an older or "
        "imported record) is counted apart (*No length*), never as no time.\n\n"
        "Targets come from the `[hours]` table of the settings file (config.toml), for "
        'example `formal = "1 hour per month"`; *Below target* says what is missing so '
        "far this week, month or quarter. **Enter** opens a peer's history."
    )
    BINDINGS = [bind("escape", "back", "Back")]

    @dataclass
    class Loaded(Message):
        lines: list[Hours] | None
        note: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[Hours] = []
        self._loaded_period: str | None = None
        self._first = True

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filters"):
            yield from period_filter("this month")
        yield Static("", id="hours-note", markup=False, classes="note")
        yield DataTable(id="hours", cursor_type="row", zebra_stripes=True)
        yield Static("", id="below", markup=False, classes="section-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Supervision hours"
        self.reload()

    def on_input_changed(self, event) -> None:
        if event.value != self._loaded_period:
            self.reload()

    def on_input_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        note = self.query_one("#hours-note", Static)
        text = self.query_one("#period").value
        self._loaded_period = text
        period = read_period(text, note, self.app.local_now().date())
        if period is not None:
            self.query_one(DataTable).loading = True
            self.load(period)

    @work(thread=True, exclusive=True, group="hours-load")
    def load(self, period) -> None:
        from ...config import load_settings

        settings, _ = load_settings()
        said = ""
        try:
            targets = parse_targets(settings.get("hours"))
        except ValidationError as error:
            targets, said = [], f" {error.message} No targets are checked."
        try:
            lines = hours_for(self.app.store, period, self.app.local_now().date(), targets)
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        kinds = "; ".join(t.describe() for t in targets) or "none set"
        self.post_message(self.Loaded(lines, f"{period.label}. Targets: {kinds}.{said}"))

    def on_hours_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.loading = False
        self.query_one("#hours-note", Static).update(message.note)
        if message.lines is None:
            return
        self.lines = message.lines
        table.clear(columns=True)
        kinds = [k.capitalize() for k in KINDS]
        table.add_columns("Peer", *kinds, "Total", "Held", "No length")
        for h in [*self.lines, add_up("All peers", self.lines)]:
            cells = [as_hours(h.minutes[k]) for k in KINDS]
            table.add_row(
                *plain(h.name, *cells, as_hours(h.total), str(h.sessions), str(h.unknown)),
                key=h.name if h.name != "All peers" else None,
            )
        below = [f"  • {h.name}: {words}" for h in self.lines for words in h.below]
        self.query_one("#below", Static).update(
            "\n".join(["Below target so far:", *below]) if below else "Nobody is below target."
        )
        if self._first or not self.query_one("#period").has_focus:
            table.focus()  # not while a period is being typed: the keys stay in its box
        self._first = False

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is None:
            return
        from ...domain.enums import Role

        peers = self.app.store.people(role=Role.PEER)
        person = next((p for p in peers if p.name == event.row_key.value), None)
        if person is not None:
            from .history import HistoryScreen

            self.app.push_screen(HistoryScreen(person))

    def action_back(self) -> None:
        self.app.pop_screen()
