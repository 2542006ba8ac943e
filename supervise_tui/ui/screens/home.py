"""Home: the peers this supervisor works with, what is due, what is open."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.dates import human_date
from ...domain.models import Person, Session
from ...services.home import HomeRow, draft_label, home_rows
from ...store.errors import StoreError


@dataclass
class HomeData:
    people: list[Person]
    rows: list[HomeRow]
    drafts: list[Session]


class HomeScreen(Screen):
    HELP_TITLE = "Home"
    HELP_TEXT = (
        "Home lists the peer specialists you supervise: when each last met, when the next "
        "session is due (from their cadence), and how many concerns, goals and actions are "
        "still open. Overdue sessions say **OVERDUE** in words.\n\n"
        "An unfinished session (a draft) is offered at the top: everything typed in it was "
        "saved as it was typed."
    )
    BINDINGS = [
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    class Loaded(Message):
        def __init__(self, data: HomeData | None, error: str | None = None) -> None:
            super().__init__()
            self.data = data
            self.error = error

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="drafts", classes="banner")
            yield Static("", id="welcome")
            yield DataTable(id="peers", cursor_type="row", zebra_stripes=True)
            yield Static("", id="home-error", classes="error-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        table = self.query_one("#peers", DataTable)
        table.add_columns(
            "Peer", "Site", "Last met", "Next session", "Concerns", "Goals", "Actions", "Sign-off"
        )
        self.query_one("#drafts").display = False
        self.query_one("#welcome").display = False
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        repo = self.app.repo
        try:
            people = repo.people()
            summaries = repo.summaries()
            drafts = repo.drafts()
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        today = self.app.local_now().date()
        self.post_message(
            self.Loaded(HomeData(people, home_rows(people, summaries, today), drafts))
        )

    def on_home_screen_loaded(self, message: Loaded) -> None:
        error = self.query_one("#home-error", Static)
        if message.data is None:
            error.update(message.error or "")
            return
        error.update("")
        data = message.data
        self.data = data
        today = self.app.local_now().date()
        table = self.query_one("#peers", DataTable)
        table.clear()
        for row in data.rows:
            s = row.summary
            last = human_date(s.last_session) if s.last_session else "never"
            due = f"{row.due.on:%d %b} — {row.due.describe(today)}"
            signoff = f"{s.awaiting_signoff} awaiting" if s.awaiting_signoff else "—"
            table.add_row(
                row.person.name,
                row.person.site or "—",
                last,
                due,
                str(s.open_concerns),
                str(s.active_goals),
                str(s.open_actions),
                signoff,
                key=row.person.id,
            )
        table.display = bool(data.rows)
        welcome = self.query_one("#welcome", Static)
        if not data.people:
            welcome.update(
                "Welcome to supervise.\n\nThere are no records here yet. To begin, add "
                "yourself (as a supervisor) and your first peer specialist.\n"
                "To look around first, quit and run:  supervise demo"
            )
        elif not data.rows:
            welcome.update("No active peer specialists yet. Add one to start a session.")
        welcome.display = not data.rows
        banner = self.query_one("#drafts", Static)
        people = {p.id: p for p in data.people}
        if data.drafts:
            names = "; ".join(draft_label(d, people) for d in data.drafts[:3])
            more = f" and {len(data.drafts) - 3} more" if len(data.drafts) > 3 else ""
            banner.update(f"Unfinished session: {names}{more}.")
        banner.display = bool(data.drafts)
