"""Ideas across peers (from the Team view, i): what each peer raised for the programme or
heard from the people they serve, where it stands, who took it to the team; a toggles
the decided ones in, Enter shows an idea's whole life with the reason told back."""

from __future__ import annotations

from textual import work
from textual.widgets import DataTable

from ...domain.dates import human_date
from ...domain.text import excerpt
from ...services.timeline import timeline_markdown
from ...store.errors import StoreError
from ...usecases.ideas import ideas_of
from ..keys import binder
from ..widgets.cells import highlighted, plain
from .base import TableScreen
from .items import TimelineScreen

bind = binder("ideas")
WIDE = 110  # narrower: shorter excerpts, and who took an idea is left to its life (Enter)


class IdeasScreen(TableScreen):
    NAME = "ideas"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("enter", "open", "Its life", "Where this idea went, and the team's reason"),
        bind("a", "all", "All/open", "Show the decided ideas too, or only the open ones"),
        bind("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True
        self.lines: list = []

    def on_mount(self) -> None:
        self.sub_title = "Ideas across peers"
        self.query_one(DataTable).add_columns("Peer", "Idea", "Raised", "Now")
        self.refetch()

    def fetch(self) -> list:
        return ideas_of(self.app.store, open_only=self.open_only)

    def fetched(self, note, result: list) -> None:
        self.lines = result
        self.fill()
        which = ("open " if self.open_only else "") + ("idea" if len(self.lines) == 1 else "ideas")
        other = "a shows the decided ones too" if self.open_only else "a shows only the open ones"
        if self.lines:
            oldest = human_date(self.lines[0].raised_on)
            note.update(f"{len(self.lines)} {which}, the oldest from {oldest}. {other}.")
        else:
            note.update(f"No {which} yet; {other}.")
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.lines:
            self.fill()

    def fill(self) -> None:
        """One row per idea, as much as the width allows."""
        table = self.query_one(DataTable)
        table.clear()
        wide = self.size.width >= WIDE
        for line in self.lines:
            now = line.status.label.split(" (")[0]  # "Adapted", on a line of its own
            if wide and line.taken_by and not line.status.decided:
                now += f" ({line.taken_by})"
            what = excerpt(line.text, 40 if wide else 22)
            cells = plain(line.peer, what, f"{line.raised_on:%d %b %Y}", now)
            table.add_row(*cells, key=line.id)

    def action_all(self) -> None:
        self.open_only = not self.open_only
        self.refetch()

    def action_open(self) -> None:
        line = highlighted(self.query_one(DataTable), self.lines)
        if line is not None:
            self.show_life(line)

    @work(thread=True, exclusive=True, group="ideas-life")
    def show_life(self, line) -> None:
        store = self.app.store
        try:
            track = store.tracks_for(line.peer_id, {line.id}).ideas.get(line.id)
            names = {p.id: p.name for p in store.people()}
        except StoreError as error:  # (a damaged or locked file: said, not a traceback)
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        if track is None:
            return
        self.app.call_from_thread(
            self.app.push_screen, TimelineScreen(timeline_markdown(track, names))
        )

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
