"""What Team and Hours share: a period typed at the top, a note under it, a table of
peers for that period (read again in a worker as the period changes), and a section
below. Focus goes to the table when it first fills, never while a period is typed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from ..widgets.period import period_filter, read_period
from .base import TableScreen


class PeriodTableScreen(TableScreen):
    SECTION = ""  # the id of the section under the table
    PERIOD = "last 90 days"  # the period first shown
    SUB_TITLE = ""

    def __init__(self) -> None:
        super().__init__()
        self._loaded_period: str | None = None
        self._first = True

    def above(self) -> ComposeResult:
        yield Horizontal(*period_filter(self.PERIOD), classes="filters")

    def below(self) -> ComposeResult:
        yield Static("", id=self.SECTION, markup=False, classes="section-body")

    def on_mount(self) -> None:
        self.sub_title = self.SUB_TITLE
        self.reload()

    def on_input_changed(self, event) -> None:
        if event.value != self._loaded_period:
            self.reload()

    def on_input_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        note = self.query_one(f"#{self.NAME}-note", Static)
        text = self.query_one("#period").value
        self._loaded_period = text
        period = read_period(text, note, self.app.local_now().date())
        if period is not None:
            self.query_one(DataTable).loading = True
            self.load(period)

    def load(self, period) -> None:
        """Read the figures for ``period`` (a worker), then post them back."""
        raise NotImplementedError

    def focus_results(self) -> None:
        if self._first or not self.query_one("#period").has_focus:
            self.query_one(DataTable).focus()  # not while a period is typed: keys stay there
        self._first = False
