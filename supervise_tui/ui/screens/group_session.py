"""Record a group session or a community-of-practice call: who was there and who led it,
when and how long, the pack's shared questions, each peer's own words, actions with an
owner. Bad input is said beside its field, and nothing is written."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from ...domain.dates import parse_datetime
from ...domain.enums import GroupKind, Role
from ...domain.errors import ValidationError
from ...domain.groups import GroupSession
from ...domain.models import Person
from ...store.errors import StoreError
from ...usecases.groups import record_group, team_rotation
from ..keys import binder
from ..outcome import Outcome, keep
from ..widgets.checklist import CheckList
from ..widgets.controls import TextInput
from ..widgets.fields import say
from ..widgets.group_parts import Actions, OwnWords
from .base import FormScreen, form_keys

bind = binder("group")
# where each rule's field is said: the error line under its control
ERROR_LINES = (
    "attendee_ids", "supervisor_ids", "facilitator_id", "when", "minutes", "case", "case_by",
    "practice", "note", "words", "actions",
)  # fmt: skip
FOCUS = {
    "attendee_ids": "#attendees",
    "supervisor_ids": "#supervisors",
    "facilitator_id": "#facilitator",
    "case_by": "#case-by",
    "words": "#words Input",
    "actions": "#action-0",
}


class GroupSessionScreen(FormScreen):
    WHEN_NOTE = "#when-error"
    BINDINGS = form_keys(
        bind,
        "save",
        "Save",
        "Record this group session for every peer present",
        "Back; nothing is recorded",
    )

    class Saved(Outcome):
        """The group session recorded (``result``), or why not (and the field)."""

    def __init__(self, people: list[Person], *, leader: Person | None = None) -> None:
        """``leader``: the peer recording a call they led (ticked, and the facilitator)."""
        super().__init__()
        self.leader = leader
        self.people = [p for p in people if p.active]
        self.peers = [p for p in self.people if p.role == Role.PEER]
        self.supervisors = [p for p in self.people if p.role == Role.SUPERVISOR]

    def compose(self) -> ComposeResult:
        pack = self.app.library.for_group(GroupKind.COP)
        self.pack_id = pack.id if pack else ""
        own = [(q.id, q.text) for q in pack.own] if pack else [("learned", "What I learned")]
        everyone = [(Text(p.name), p.id) for p in self.people]
        me = getattr(self.app, "person", None)
        sups = [me.id] if me is not None and me.role == Role.SUPERVISOR else []
        yield Header()
        with VerticalScroll(id="form"):
            yield Label("Kind")
            yield Select(
                GroupKind.choices(), id="kind", compact=True, allow_blank=False, value="cop"
            )
            yield Label("Peers present — space ticks; two or more")
            led = [self.leader.id] if self.leader else []
            yield CheckList([(p.display, p.id) for p in self.peers], led, id="attendees")
            yield Static("", id="attendee_ids-error", classes="error-line", markup=False)
            yield Label("Supervisors present — none is fine when peers meet on their own")
            yield CheckList([(p.display, p.id) for p in self.supervisors], sups, id="supervisors")
            yield Static("", id="supervisor_ids-error", classes="error-line", markup=False)
            yield Label("Who facilitated")
            yield Select(
                everyone,
                id="facilitator",
                compact=True,
                prompt="Choose who led it",
                value=self.leader.id if self.leader else Select.NULL,
            )
            yield Static("", id="facilitator_id-error", classes="error-line", markup=False)
            yield Static("", id="next-in-turn", classes="note-line", markup=False)
            yield Label("When it began")
            yield TextInput("now", id="when", compact=True, placeholder="now, today 14:00")
            yield Static("", id="when-error", classes="note-line", markup=False)
            yield Label("Minutes")
            yield TextInput("", id="minutes", compact=True, placeholder="e.g. 60", type="integer")
            yield Static("", id="minutes-error", classes="error-line", markup=False)
            yield Label(pack.asks("case") if pack else "The case brought", markup=False)
            yield TextInput("", id="case", compact=True, placeholder="no client names")
            yield Static("", id="case-error", classes="error-line", markup=False)
            yield Label("Brought by")
            yield Select(everyone, id="case-by", compact=True, prompt="Who brought it")
            yield Static("", id="case_by-error", classes="error-line", markup=False)
            yield Label(pack.asks("practice") if pack else "One practice to try", markup=False)
            yield TextInput("", id="practice", compact=True)
            yield Static("", id="practice-error", classes="error-line", markup=False)
            yield Label(pack.asks("note") if pack else "A shared note", markup=False)
            yield TextInput("", id="note", compact=True)
            yield Static("", id="note-error", classes="error-line", markup=False)
            yield Label("Each peer's own words")
            yield OwnWords(own, id="words")
            yield Static("", id="words-error", classes="error-line", markup=False)
            yield Label("Actions agreed, each with who does it")
            yield Actions(self.people, id="actions")
            yield Static("", id="actions-error", classes="error-line", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (F2)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = "Record a group session"
        for line in self.query(".error-line"):
            line.display = False
        self._echo_when()
        await self.query_one(OwnWords).show([self.leader] if self.leader else [])
        self.query_one("#attendees").focus()
        self.suggest()

    @work(thread=True, exclusive=True, group="group-turn")
    def suggest(self) -> None:
        """Who is next in turn to lead a call: said under the facilitator, and chosen
        there until someone else is."""
        try:
            turn = team_rotation(self.app.store)
        except StoreError:
            return
        self.app.call_from_thread(self._suggested, turn.next_id, turn.next_name)

    def _suggested(self, next_id: str | None, name: str) -> None:
        if next_id is None:
            return
        self.query_one("#next-in-turn", Static).update(f"Next in turn to lead a call: {name}")
        facilitator = self.query_one("#facilitator", Select)
        if facilitator.value is Select.NULL:
            facilitator.value = next_id

    async def on_check_list_changed(self, event: CheckList.Changed) -> None:
        if event.checklist.id == "attendees":
            ticked = set(event.checklist.selected)
            await self.query_one(OwnWords).show([p for p in self.peers if p.id in ticked])

    def action_cancel(self) -> None:
        """Back to where it was opened; what was typed is asked about first (a group
        session has no draft: leaving drops it)."""
        if not self._typed():
            self.app.pop_screen()
            return
        from ..dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(
                "Leave without saving? What you typed for this group session is not kept.",
                yes="Leave",
            ),
            lambda leave: leave and self.app.pop_screen(),
        )

    def _typed(self) -> bool:
        fields = ("#minutes", "#case", "#practice", "#note")
        return (
            any(self.query_one(f, Input).value.strip() for f in fields)
            or bool(self.query_one(OwnWords).words())
            or bool(self.query_one(Actions).actions())
        )

    def _value(self, selector: str) -> str:
        value = self.query_one(selector, Select).value
        return "" if value is Select.NULL else str(value)

    def _say(self, field: str | None, message: str) -> None:
        """``message`` beside its field (every other field's line cleared)."""
        for name in ERROR_LINES:
            if name != "when":  # (its line echoes the time typed)
                say(self.query_one(f"#{name}-error", Static), "")
        base = (field or "").split("[")[0].split(".")[0]
        if base not in ERROR_LINES:
            self.notify(message, severity="error", timeout=10)
            return
        line = self.query_one(f"#{base}-error", Static)
        say(line, message)
        line.add_class("-error")
        target = FOCUS.get(base, f"#{base}")
        if base == "actions" and "[" in (field or ""):  # actions[1].owner: that row's owner
            row = self.query_one(Actions).rows[int(field.split("[")[1].split("]")[0])]
            target = f"#owner-{row}" if field.endswith(".owner") else f"#action-{row}"
        found = self.query(target)
        if found:
            found.first().focus()
        line.scroll_visible()

    def action_save(self) -> None:
        try:
            when = parse_datetime(self.query_one("#when", Input).value, self.app.local_now())
        except ValidationError:
            self.query_one("#when").focus()
            return
        minutes = self.query_one("#minutes", Input).value.strip()
        if not minutes.isdigit():
            self._say("minutes", "Please type the minutes as a whole number, e.g. 60.")
            return
        group = GroupSession(
            kind=GroupKind(self._value("#kind")),
            when=when,
            minutes=int(minutes),
            facilitator_id=self._value("#facilitator"),
            attendee_ids=list(self.query_one("#attendees", CheckList).selected),
            supervisor_ids=list(self.query_one("#supervisors", CheckList).selected),
            pack_id=self.pack_id,
            case=self.query_one("#case", Input).value,
            case_by=self._value("#case-by"),
            practice=self.query_one("#practice", Input).value,
            note=self.query_one("#note", Input).value,
            actions=self.query_one(Actions).actions(),
            words=self.query_one(OwnWords).words(),
        )
        keep(self, self.Saved, record_group, group, "group", by=self.leader and self.leader.id)

    def on_group_session_screen_saved(self, message: Saved) -> None:
        if message.result is None:
            self._say(message.field, message.error or "It could not be recorded.")
            return
        group = message.result
        self.app.pop_screen()
        self.app.notify(
            f"Recorded: a {group.kind.label.lower()}, {group.minutes} min, "
            f"in the records of the {len(group.attendee_ids)} peers present."
        )
