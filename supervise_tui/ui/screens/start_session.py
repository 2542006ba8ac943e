"""Start a session: the peer, one or more supervisors, the kind, when, the prompt pack."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from ...domain.dates import parse_datetime
from ...domain.enums import Role, SessionKind
from ...domain.errors import ValidationError
from ...domain.models import Person
from ...store.errors import StoreError
from ...usecases.ideas import ideas_named
from ...usecases.sessions import start_session
from ..keys import binder
from ..outcome import Outcome, outcome
from ..widgets.checklist import CheckList
from ..widgets.controls import TextInput
from ..widgets.fields import say
from ..widgets.steps import SessionContext
from .base import FormScreen, form_keys

bind = binder("start")


class StartSessionScreen(FormScreen):
    OK = "start"
    BINDINGS = form_keys(
        bind,
        "start",
        "Start",
        "Start the session with these details",
        "Back to Home; nothing is created",
    )

    class Started(Outcome):
        """The session started (``result``: its SessionContext), or why not."""

    def __init__(self, people: list[Person], peer_id: str | None = None) -> None:
        super().__init__()
        self.people = people
        self.peer_id = peer_id
        self._pack_chosen = False

    def compose(self) -> ComposeResult:
        peers = [p for p in self.people if p.role == Role.PEER and p.active]
        sups = [p for p in self.people if p.role == Role.SUPERVISOR and p.active]
        library = self.app.library
        yield Header()
        with VerticalScroll(id="form"):
            yield Label("Peer specialist")
            yield Select(
                [(Text(p.display), p.id) for p in peers],
                id="peer",
                compact=True,
                prompt="Choose a peer",
                value=self.peer_id if self.peer_id in {p.id for p in peers} else Select.NULL,
            )
            yield Static("", id="peer-error", markup=False, classes="error-line")
            yield Label("Supervisor(s) — space ticks; more than one is fine")
            yield CheckList([(p.display, p.id) for p in sups], self._usual(sups), id="supervisors")
            yield Static("", id="supervisors-error", markup=False, classes="error-line")
            yield Label("Kind of session")
            yield Select(
                SessionKind.choices(),
                id="kind",
                compact=True,
                value=SessionKind.WEEKLY.value,
                allow_blank=False,
            )
            yield Label("When")
            yield TextInput(
                "now", id="when", compact=True, placeholder="now, today 14:30, 24/11/2026 10:00"
            )
            yield Static("", id="when-note", markup=False, classes="note-line")
            yield Label("Prompt pack")
            packs = sorted(
                library.packs.values(), key=lambda p: (p.kind != SessionKind.WEEKLY, p.title)
            )
            default = library.for_kind(SessionKind.WEEKLY)
            yield Select(
                [(Text(p.title), p.id) for p in packs],
                id="pack",
                compact=True,
                value=default.id if default else Select.NULL,
                prompt="No prompts",
            )
            with Horizontal(classes="buttons"):
                yield Button("Start (F2)", variant="primary", id="start")
                yield Button("Cancel (Esc)", id="cancel")
        yield Footer()

    def _usual(self, sups) -> list[str]:
        """Ticked to begin with: the peer's own supervisors (or who met them last); else
        the supervisor signed in; else the only one there is."""
        from ...usecases.sessions import usual_supervisors

        me = getattr(self.app, "person", None)
        try:
            usual = usual_supervisors(self.app.store, self.peer_id, me.id if me else None)
        except StoreError:
            return []
        return [i for i in usual if i in {p.id for p in sups}]

    def on_mount(self) -> None:
        self.sub_title = "Start a session"
        for line in self.query(".error-line"):
            line.display = False
        self._echo_when()
        if not any(p.role == Role.SUPERVISOR and p.active for p in self.people):
            say(
                self.query_one("#supervisors-error", Static),
                "There is no active supervisor yet: add one under People (p on Home).",
            )
        if self.peer_id:
            self.query_one("#supervisors").focus()
        else:
            self.query_one("#peer").focus()

    def on_input_submitted(self) -> None:
        self.action_start()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "peer" and event.value is not Select.NULL:
            if str(event.value) != self.peer_id:  # another peer: their usual supervisors
                self.peer_id = str(event.value)
                checklist = self.query_one("#supervisors", CheckList)
                sups = [p for p in self.people if p.role == Role.SUPERVISOR and p.active]
                checklist.set_items([(p.display, p.id) for p in sups], self._usual(sups))
            return
        if event.select.id == "kind" and not self._pack_chosen:
            pack = self.app.library.for_kind(SessionKind(event.value))
            if pack is not None:
                self.query_one("#pack", Select).value = pack.id
        elif event.select.id == "pack" and event.select.has_focus:
            self._pack_chosen = True

    def action_start(self) -> None:
        for line in ("#peer-error", "#supervisors-error"):
            say(self.query_one(line, Static), "")
        peer_id = self.query_one("#peer", Select).value
        if peer_id is Select.NULL:
            say(self.query_one("#peer-error", Static), "Please choose the peer specialist.")
            self.query_one("#peer").focus()
            return
        sup_ids = list(self.query_one("#supervisors", CheckList).selected)
        if not sup_ids:
            say(
                self.query_one("#supervisors-error", Static),
                "Please choose at least one supervisor (space ticks a name).",
            )
            self.query_one("#supervisors").focus()
            return
        try:
            when = parse_datetime(self.query_one("#when", Input).value, self.app.local_now())
        except ValidationError:
            self.query_one("#when").focus()
            return
        kind = SessionKind(self.query_one("#kind", Select).value)
        pack_value = self.query_one("#pack", Select).value
        pack_id = "" if pack_value is Select.NULL else str(pack_value)
        self.create(str(peer_id), sup_ids, kind, when, pack_id)

    @work(thread=True, exclusive=True, group="start")
    def create(self, peer_id, sup_ids, kind, when, pack_id) -> None:
        store, people = self.app.store, {p.id: p for p in self.people}

        def start() -> SessionContext:
            draft = start_session(
                store, people[peer_id], sup_ids, kind, when, pack_id, clock=self.app.clock
            )
            tracks = store.tracks(peer_id)
            named = ideas_named(store, draft, tracks)
            pack = self.app.library.get(pack_id)
            return SessionContext(draft, tracks, people, when.date(), pack, named)

        self.post_message(outcome(self.Started, start))

    def on_start_session_screen_started(self, message: Started) -> None:
        if message.result is None:
            self.notify(message.error or "Could not start.", severity="error", timeout=12)
            return
        from .session import SessionScreen

        self.app.switch_screen(SessionScreen(message.result))
