"""Concerns, ideas, goals and actions across sessions; Enter follows one item's whole life."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Markdown, Static

from ...domain.models import Person
from ...domain.text import excerpt
from ...services.timeline import timeline_markdown
from ..keys import binder
from ..widgets.cells import highlighted, plain
from .base import TableScreen

bind = binder("items")


class TimelineScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TimelineScreen { align: center middle; }
    TimelineScreen > VerticalScroll {
        width: 96%; max-width: 110; height: 90%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [bind("escape,q", "dismiss", "Close")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.markdown)
            yield Static("Escape closes.", classes="hint")


class ItemsScreen(TableScreen):
    NAME = "items"
    CSS_PATH = "lookback.tcss"
    BINDINGS = [
        bind("enter", "open", "Timeline", "The whole life of this item"),
        bind("escape", "back", "Back"),
    ]

    def __init__(self, peer: Person, tracks, people: dict[str, Person]) -> None:
        super().__init__()
        self.peer = peer
        self.tracks = tracks
        self.people = people
        self.items: list = []

    def on_mount(self) -> None:
        self.sub_title = f"Items — {self.peer.display}"
        tracks = self.tracks
        today = self.app.local_now().date()
        rows = []
        for track in tracks.concerns.values():
            cur = track.current
            rows.append(
                (not track.is_open, track.raised_on, "Concern", cur.text, cur.status.label, track)
            )
        for track in tracks.ideas.values():
            cur = track.current
            rows.append(
                (not track.is_open, track.raised_on, "Idea", cur.text, cur.status.label, track)
            )
        for track in tracks.goals.values():
            cur = track.current
            rows.append(
                (
                    not track.is_active,
                    track.set_on,
                    "Goal",
                    cur.text,
                    f"{cur.status.label}, {cur.progress}%",
                    track,
                )
            )
        for track in tracks.actions.values():
            cur = track.current
            if cur.done_on:
                state = f"done {cur.done_on:%d %b %Y}"
            else:
                state = "OPEN, LATE" if track.is_overdue(today) else "OPEN"
            rows.append((not track.is_open, track.agreed_on, "Action", cur.text, state, track))
        rows.sort(key=lambda r: (r[0], r[2], r[1]))
        self.items = [r[5] for r in rows]
        table = self.query_one(DataTable)
        table.add_columns("Kind", "What", "Since", "Now")
        for _closed, since, kind, text, state, track in rows:
            table.add_row(*plain(kind, excerpt(text, 34), f"{since:%d %b %Y}", state), key=track.id)
        open_count = sum(1 for r in rows if not r[0])
        self.query_one("#items-note", Static).update(
            f"{open_count} open, {len(rows) - open_count} closed. Enter shows an item's life."
            if rows
            else "No concerns, ideas, goals or actions recorded yet."
        )
        table.focus()

    def action_open(self) -> None:
        track = highlighted(self.query_one(DataTable), self.items)
        if track is None:
            return
        names = {p.id: p.name for p in self.people.values()}
        self.app.push_screen(TimelineScreen(timeline_markdown(track, names)))

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
