"""The team view for a supervisor: one row per peer, sortable, and recurring concerns."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import work
from textual.message import Message
from textual.widgets import DataTable, Static

from ...services.report import team_cells
from ...services.team import TeamTrends
from ...store.errors import StoreError
from ...usecases import lookback
from ...usecases.groups import team_rotation
from ..keys import binder
from ..widgets.cells import plain, reset_table
from .period_table import PeriodTableScreen

# (wide heading, narrow heading, key); "median" is left out on narrow screens
COLUMNS = [
    ("Peer", "Peer", "name"),
    ("Held/expected", "Held", "held"),
    ("Role clarity", "Clarity", "clarity"),
    ("Concerns", "Open", "open"),
    ("Median days", "", "median"),
    ("Drifting", "Drift", "drift"),
    ("Stalled", "Stalled", "stalled"),
    ("Supervisor actions", "Sup. actions", "sup"),
]
WIDE = 110
ATTENTION_FIRST = {"open", "stalled", "drift", "median", "sup"}


bind = binder("team")


class TeamScreen(PeriodTableScreen):
    NAME, SECTION, SUB_TITLE = "team", "recurring", "Team"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("o", "order", "Order by", "Sort by the next column"),
        bind("h", "hours", "Hours", "Supervision time per peer, against targets"),
        bind("i", "ideas", "Ideas", "Open ideas across peers, and what clients are saying"),
        bind("escape", "back", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        team: TeamTrends | None
        error: str | None = None
        below: list[str] = field(default_factory=list)  # the hours targets not met so far
        rotation: str = ""  # who led the last calls, who is next

    def __init__(self) -> None:
        super().__init__()
        self.team = None
        self.members = []
        self.sort_key: str | None = None
        self.rotation = ""  # who led the last community-of-practice calls, who is next

    def columns(self) -> list[tuple[str, str]]:
        wide = self.size.width >= WIDE
        return [(w if wide else n, key) for w, n, key in COLUMNS if wide or n]

    @work(thread=True, exclusive=True, group="team-load")
    def load(self, period) -> None:
        repo = self.app.store
        try:
            members = lookback.team_members(repo)
            team = lookback.team_for(repo, members, period, self.app.local_now().date())
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        self.members = members
        turn = team_rotation(repo).line()
        self.post_message(self.Loaded(team, below=self._below_target(members), rotation=turn))

    def _below_target(self, members) -> list[str]:
        """Who is below the agency's hours targets so far (none set: nobody)."""
        from ...domain.errors import ValidationError
        from ...usecases.hours import agency_targets, below_target

        try:
            targets = agency_targets()
        except ValidationError as error:
            return [error.message]
        today = self.app.local_now().date()
        return below_target(self.app.store, members, today, targets)

    def on_team_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one(DataTable)
        table.loading = False
        note = self.loaded("team-note", message.team, message.error)
        if note is None:
            return
        self.team, self.rotation = message.team, message.rotation
        self.fill()
        note.update(
            f"{len(self.team.peers)} peer(s), {self.team.period}. "
            "o changes the order; Enter opens a history.\n" + message.rotation
        )
        lines = ["Concern categories that recur across peers:"]
        lines += [
            f"  • {r.category.label}: {r.peers} peers, {r.concerns} concerns"
            for r in self.team.recurring_categories
        ] or ["  none in this period"]
        if message.below:
            lines += ["Below the hours target so far (h for hours):"]
            lines += [f"  • {words}" for words in message.below]
        self.query_one("#recurring", Static).update("\n".join(lines))
        self.focus_results()

    def on_resize(self) -> None:
        if self.team is not None:
            self.fill()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        columns = self.columns()
        keys = [key for _, key in columns]
        rows = [(t.peer_id, team_cells(t)) for t in self.team.peers]
        rows = [(peer_id, plain(*[cells[k] for k in keys])) for peer_id, cells in rows]
        reset_table(table, [label for label, _ in columns], [r for _, r in rows], keys)
        for peer_id, row_cells in rows:
            table.add_row(*row_cells, key=peer_id)
        if self.sort_key in keys:
            self._sort(self.sort_key)

    def action_order(self) -> None:
        keys = [key for _, key in self.columns()]
        index = keys.index(self.sort_key) + 1 if self.sort_key in keys else 1
        self._sort(keys[index % len(keys)])

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self._sort(str(event.column_key.value))

    def _sort(self, key: str) -> None:
        self.sort_key = key

        def sort_key(value) -> tuple[int, float, str]:
            # Numbers by value (a missing figure counts as below zero), names by text;
            # the tuple keeps every comparison between like and like.
            text = str(value).strip()
            if text in ("—", "–", ""):
                return (0, -1.0, "")
            number = text.split()[0].rstrip("%").split("/")[0]
            try:
                return (0, float(number), "")
            except ValueError:
                return (1, 0.0, text.casefold())

        self.query_one(DataTable).sort(key, key=sort_key, reverse=key in ATTENTION_FIRST)
        label = next(label for label, k in self.columns() if k == key)
        self.query_one("#team-note", Static).update(f"Ordered by {label}.\n{self.rotation}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        person = next((p for p in self.members if p.id == event.row_key.value), None)
        if person is not None:
            from .history import HistoryScreen

            self.app.push_screen(HistoryScreen(person))

    def action_hours(self) -> None:
        from .hours import HoursScreen

        self.app.push_screen(HoursScreen())

    def action_ideas(self) -> None:
        from .ideas import IdeasScreen

        self.app.push_screen(IdeasScreen())

    def action_back(self) -> None:
        self.app.pop_screen()
