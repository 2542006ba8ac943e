"""Supervision hours: each peer's time by kind for a period, written out, with who is
below the agency's targets so far."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message
from textual.widgets import DataTable, Static

from ...domain.errors import ValidationError
from ...services.hours import KINDS, Hours, add_up, as_hours
from ...store.errors import StoreError
from ...usecases.hours import agency_targets, hours_for
from ..keys import binder
from ..widgets.cells import plain, reset_table
from .period_table import PeriodTableScreen

bind = binder("hours")


class HoursScreen(PeriodTableScreen):
    NAME, SECTION, PERIOD, SUB_TITLE = "hours", "below", "this month", "Supervision hours"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("x", "print", "Print", "Write these hours as a page to print and sign"),
        bind("escape", "back", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        lines: list[Hours] | None
        note: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[Hours] = []
        self.targets: list = []
        self.period_label = ""

    @work(thread=True, exclusive=True, group="hours-load")
    def load(self, period) -> None:
        said = ""
        try:
            targets = agency_targets()
        except ValidationError as error:
            targets, said = [], f" {error.message} No targets are checked."
        try:
            lines = hours_for(self.app.store, period, self.app.local_now().date(), targets)
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        self.targets, self.period_label = targets, period.label
        kinds = "; ".join(t.describe() for t in targets) or "none set"
        self.post_message(self.Loaded(lines, f"{period.label}. Targets: {kinds}.{said}"))

    def on_hours_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.loading = False
        self.query_one("#hours-note", Static).update(message.note)
        if message.lines is None:
            return
        self.lines = message.lines
        kinds = [k.capitalize() for k in KINDS]
        lines = [*self.lines, add_up("All peers", self.lines)]
        rows = [
            plain(h.name, *[as_hours(h.minutes[k]) for k in KINDS], as_hours(h.total))
            + plain(str(h.sessions), str(h.unknown))
            for h in lines
        ]
        reset_table(table, ["Peer", *kinds, "Total", "Held", "No length"], rows)
        for h, row_cells in zip(lines, rows, strict=True):
            table.add_row(*row_cells, key=h.name if h is not lines[-1] else None)
        below = [f"  • {h.name}: {words}" for h in self.lines for words in h.below]
        contacts = lines[-1].contacts
        said = f"Informal includes {contacts} informal contact(s) between sessions.\n"
        self.query_one("#below", Static).update(
            (said if contacts else "")
            + ("\n".join(["Below target so far:", *below]) if below else "Nobody is below target.")
        )
        self.focus_results()

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

    def action_print(self) -> None:
        from ..dialogs.export import ExportDialog

        stem = f"supervision-hours-{self.app.local_now().date().isoformat()}"
        formats = [("Printable page — HTML for a browser's Print, with lines to sign", "html")]
        self.app.push_screen(ExportDialog("these hours", stem, formats=formats), self._print)

    def _print(self, choice) -> None:
        if choice is None:
            return
        from ...services.printing import hours_page
        from ..dialogs.export import write_page

        page = hours_page(self.lines, self.targets, self.period_label, self.app.clock())
        write_page(self, choice[1], page, written="Ready to print", failed="Not written")

    def action_back(self) -> None:
        self.app.pop_screen()
