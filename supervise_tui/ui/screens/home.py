"""Home: the peers this supervisor works with, what is due, what is open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.enums import Role
from ...domain.person import Person
from ...services.home import HomeRow, due_tomorrow, home_rows, peer_detail, tomorrow_lines
from ...store.errors import StoreError
from ...usecases.people import visible_people
from ..keys import binder
from ..widgets.cells import highlighted
from ..widgets.peer_table import PeerTable
from .base import ViewScreen
from .home_starts import Starting
from .home_time import TimeKeeping

if TYPE_CHECKING:
    from ...domain.models import Session

WIDE = 100


bind = binder("home")


@dataclass
class HomeData:
    people: list[Person]
    rows: list[HomeRow]
    drafts: list[Session]
    tomorrow: list[str]  # sessions due tomorrow, and whether their agenda is empty


class HomeScreen(Starting, TimeKeeping, ViewScreen):
    HELP_TITLE = "Home"
    HELP_TEXT = (
        "Home lists the peer specialists you supervise: when the next session is due (from "
        "each peer's cadence — overdue ones say **OVERDUE** in words and come first), and how "
        "many concerns, development goals and agreed actions are still open.\n\n"
        "**n** starts a session with the highlighted peer; **Enter** opens their history "
        "and trends; **t** shows the whole team side by side. An unfinished session (a draft) is "
        "offered at the top: **r** resumes it exactly as it was left, because everything is "
        "saved as it is typed. A finished session that still needs signing shows under "
        "*Sign-off*: **s** opens it. **c** notes an informal contact with the highlighted "
        "peer (a call, a text, a drop-in): it counts as informal time. **g** records a group "
        "session or a community-of-practice call. **m** is your own view: "
        "what you learned, and your actions' follow-through. **p** manages people; **I** "
        "imports a bundle exported at another site."
    )
    BINDINGS = [
        bind("n", "new_session", "New session", "Start a session with the highlighted peer"),
        bind(
            "h",
            "history",
            "History",
            "The highlighted peer's history and trends (Enter too)",
            show=False,
        ),
        bind("t", "team", "Team", "All peers side by side, with trends"),
        bind("c", "note_contact", "Contact", "Note an informal contact with the highlighted peer"),
        bind("g", "group", "Group", "A group session or a community-of-practice call", show=False),
        bind("H", "hours", "Hours", "Supervision time per peer, against targets", show=False),
        bind("r", "resume", "Resume", "Resume an unfinished session"),
        bind(
            "s", "signoff", "Sign-off", "Open the highlighted peer's session that awaits sign-off"
        ),
        bind("p", "people", "People", "Add, edit or deactivate people", show=False),
        bind("m", "mine", "Mine", "What I learned, and my actions' follow-through", show=False),
        bind("a", "add_person", "Add person", show=False),
        bind("I", "import", "Import", "Import a bundle exported at another site", show=False),
        bind("d", "demo", "Open demo", "Open the fictional demo instead"),
    ]

    @dataclass
    class Loaded(Message):
        data: HomeData | None
        error: str | None = None

    @dataclass
    class Detail(Message):
        peer_id: str
        text: str

    @dataclass
    class Opened(Message):
        """A draft or a session loaded in the background, ready to show."""

        screen: Screen | None
        error: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self.data = HomeData([], [], [], [])
        self._wide: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="drafts", markup=False, classes="banner")
            yield Static("", id="tomorrow", markup=False, classes="banner")
            yield Static("", id="below", markup=False, classes="banner")
            yield Static("", id="welcome")
            yield PeerTable(id="peers")
            yield Static("", id="home-hint", markup=False, classes="hint")
            with VerticalScroll(id="detail-box"):
                yield Static("", id="detail", markup=False)
            yield Static("", id="home-error", markup=False, classes="error-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        self.query_one("#drafts").display = False
        self.query_one("#below").display = False
        self.query_one("#welcome").display = False
        # The first time, read the (small) summaries right here so Home's first paint
        # already lists everyone; afterwards a worker refreshes them.
        self.on_home_screen_loaded(self.Loaded(*self._read()))
        self._shown_once = False

    def on_screen_resume(self) -> None:
        if not self._shown_once:  # the first resume comes straight after mounting
            self._shown_once = True
            return
        self.refresh_data()

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE
        if wide != self._wide:
            self._wide = wide
            self._fill_table()

    def refresh_data(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="home-load")
    def load(self) -> None:
        self.post_message(self.Loaded(*self._read()))

    def _read(self) -> tuple[HomeData | None, str | None]:
        repo = self.app.store
        try:
            people = visible_people(repo)
            summaries = repo.tallies()
            drafts = repo.drafts()
        except StoreError as error:
            return None, str(error)
        today = self.app.local_now().date()
        rows = home_rows(people, summaries, today)
        soon = [r.person.id for r in due_tomorrow(rows, today)]
        try:
            agendas = {pid: not repo.peer_input(pid).empty for pid in soon}
        except StoreError:
            agendas = {}
        return HomeData(people, rows, drafts, tomorrow_lines(rows, agendas, today)), None

    def on_home_screen_loaded(self, message: Loaded) -> None:
        error = self.query_one("#home-error", Static)
        if message.data is None:
            error.update(message.error or "")
            return
        error.update("")
        self.data = message.data
        self._fill_table()
        self._fill_banners()
        self.refresh_bindings()
        self.call_after_refresh(self.load_below)

    # -- painting ------------------------------------------------------------

    def _fill_table(self) -> None:
        table = self.query_one("#peers", PeerTable)
        wide = self._wide = self.size.width >= WIDE
        # The rows a screen shows go in before the first paint, never fewer than the
        # terminal can show; a long team's other rows follow straight after it.
        first = max(10, self.app.size.height)
        table.fill(self.data.rows, wide=wide, today=self.app.local_now().date(), first=first)
        table.display = bool(self.data.rows)
        self.query_one("#detail-box").display = bool(self.data.rows)
        if self.data.rows and self.focused is None:
            table.focus()
        if self.data.rows:  # read once the table shows (the worker would slow its paint)
            self.call_after_refresh(self._detail_of_highlighted)

    def _detail_of_highlighted(self) -> None:
        """The detail of the row highlighted by then (a key may have moved it)."""
        row = self.selected_row()
        if row is not None:
            self.load_detail(row)

    def _fill_banners(self) -> None:
        data = self.data
        welcome = self.query_one("#welcome", Static)
        hint = self.query_one("#home-hint", Static)
        has_sup = any(p.role == Role.SUPERVISOR and p.active for p in data.people)
        if not data.people:
            welcome.update(
                "[b]Welcome to supervise.[/b]\n\n"
                "There are no records here yet. To begin:\n"
                "  • press [b]a[/b] to add yourself (as a supervisor), then your first peer;\n"
                "  • press [b]I[/b] to import records exported at another site;\n"
                "  • or press [b]d[/b] to look around a fictional demo team first.\n\n"
                "Press F1 at any time for help on the screen you are on."
            )
        elif not data.rows:
            welcome.update(
                "No active peer specialists yet. Press [b]a[/b] to add one "
                "(or [b]p[/b] for People)."
            )
        elif not has_sup:
            welcome.update("Add a supervisor (press [b]p[/b]) before starting a session.")
        welcome.display = not data.rows or not has_sup
        if self.app.store.read_only:
            hint.update(
                "READ-ONLY: you can look, not change anything (opened with --read-only, or "
                "another window has these records open). Enter history · t team"
            )
        else:
            hint.update(
                "n new session · c contact · Enter history · t team · r resume · s sign-off"
                if data.rows
                else ""
            )
        banner = self.query_one("#drafts", Static)
        people = {p.id: p for p in data.people}
        if data.drafts:
            names = "; ".join(
                f"{people[d.peer_id].name if d.peer_id in people else 'a peer'}, "
                f"{d.when:%a %d %b %H:%M}"
                for d in data.drafts[:2]
            )
            more = f" (+{len(data.drafts) - 2} more)" if len(data.drafts) > 2 else ""
            banner.update(f"Unfinished session: {names}{more} — r resumes (or discards) one.")
        banner.display = bool(data.drafts)
        tomorrow = self.query_one("#tomorrow", Static)
        tomorrow.update("\n".join(data.tomorrow))
        tomorrow.display = bool(data.tomorrow)

    # -- the highlighted peer's open items -------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.selected_row()
        if row is not None:
            self.load_detail(row)

    @work(thread=True, exclusive=True, group="home-detail")
    def load_detail(self, row: HomeRow) -> None:
        from ...usecases.contacts import contacts_since_last

        try:
            tracks = self.app.store.tracks(row.person.id)
            contacts = contacts_since_last(self.app.store, row.person.id)
        except StoreError as error:
            self.post_message(self.Detail(row.person.id, str(error)))
            return
        names = {p.id: p.name for p in self.data.people}
        text = peer_detail(row, tracks, self.app.local_now().date(), names, contacts=contacts)
        self.post_message(self.Detail(row.person.id, text))

    def on_home_screen_detail(self, message: Detail) -> None:
        row = self.selected_row()
        if row is not None and row.person.id == message.peer_id:
            self.query_one("#detail", Static).update(message.text)

    # -- actions -------------------------------------------------------------

    def selected_row(self) -> HomeRow | None:
        return highlighted(self.query_one("#peers", DataTable), self.data.rows)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        read_only = self.app.store.read_only
        if action in ("new_session", "note_contact", "group"):
            return bool(self.data.rows) and not read_only
        if action in ("history", "team"):
            return bool(self.data.rows)
        if action == "resume":
            return bool(self.data.drafts) and not read_only
        if action == "signoff":
            row = self.selected_row()
            return bool(row and row.summary.awaiting_signoff) and not read_only
        if action == "demo":
            return not self.data.people
        if action in ("add_person", "import"):
            return not read_only
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_history()

    def action_history(self) -> None:
        row = self.selected_row()
        if row is not None:
            from .history import HistoryScreen

            self.app.push_screen(HistoryScreen(row.person))

    def action_demo(self) -> None:
        self.app.exit(result="open-demo")
