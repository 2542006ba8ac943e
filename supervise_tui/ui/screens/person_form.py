"""Add or edit a person: name, role, site, cadence, preferred weekday."""

from __future__ import annotations

import dataclasses

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...domain.enums import Cadence, Role
from ...domain.errors import ValidationError
from ...domain.models import Person
from ...domain.schedule import WEEKDAYS
from ...domain.text import NAME_MAX
from ...store.errors import StoreError
from ...usecases.people import save_person
from ..widgets.controls import TextInput
from ..widgets.fields import say


class PersonForm(ModalScreen[Person | None]):
    DEFAULT_CSS = """
    PersonForm { align: center middle; }
    PersonForm > VerticalScroll {
        width: 72; max-width: 98%; height: auto; max-height: 98%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PersonForm VerticalScroll > Label { color: $text-muted; margin-top: 1; }
    PersonForm .error-line { color: $error; text-style: bold; height: auto; }
    PersonForm .buttons { height: auto; margin-top: 1; }
    PersonForm Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("f2", "save", "Save", tooltip="Save this person"),
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    class Result(Message):
        def __init__(
            self, person: Person | None, error: str | None = None, field: str | None = None
        ) -> None:
            super().__init__()
            self.person = person
            self.error = error
            self.field = field

    def __init__(
        self, person: Person | None = None, *, role: Role = Role.PEER, heading: str | None = None
    ) -> None:
        super().__init__()
        self.person = person
        self.role = person.role if person else role
        self.heading = heading or ("Edit " + person.name if person else "Add a person")

    def compose(self) -> ComposeResult:
        p = self.person
        with VerticalScroll():
            yield Static(f"[b]{escape(self.heading)}[/b]")
            yield Label("Name")
            yield TextInput(p.name if p else "", id="name", max_length=NAME_MAX * 2, compact=True)
            yield Static("", id="name-error", markup=False, classes="error-line")
            yield Label("Role")
            yield Select(
                Role.choices(), value=self.role.value, id="role", allow_blank=False, compact=True
            )
            yield Label("Site (tells apart two people with the same name)")
            yield TextInput(p.site if p else "", id="site", max_length=NAME_MAX * 2, compact=True)
            yield Static("", id="site-error", markup=False, classes="error-line")
            yield Label("Session cadence")
            yield Select(
                Cadence.choices(),
                value=(p.cadence if p else Cadence.WEEKLY).value,
                id="cadence",
                allow_blank=False,
                compact=True,
            )
            yield Label("Preferred weekday")
            yield Select(
                [(day, str(i)) for i, day in enumerate(WEEKDAYS)],
                value=str(p.weekday) if p and p.weekday is not None else Select.NULL,
                id="weekday",
                prompt="Any day",
                compact=True,
            )
            yield Static("", id="form-error", markup=False, classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("Save (F2)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        for line in self.query(".error-line"):
            line.display = False
        self.query_one("#name").focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        for line in ("#name-error", "#site-error", "#form-error"):
            say(self.query_one(line, Static), "")
        weekday = self.query_one("#weekday", Select).value
        values = dict(
            name=self.query_one("#name", Input).value,
            role=Role(self.query_one("#role", Select).value),
            site=self.query_one("#site", Input).value,
            cadence=Cadence(self.query_one("#cadence", Select).value),
            weekday=None if weekday is Select.NULL else int(weekday),
        )
        person = dataclasses.replace(self.person, **values) if self.person else Person(**values)
        self.save(person)

    @work(thread=True, exclusive=True, group="person-save")
    def save(self, person: Person) -> None:
        try:
            saved = save_person(self.app.store, person, clock=self.app.clock)
        except ValidationError as error:
            self.post_message(self.Result(None, error.message, error.field))
            return
        except StoreError as error:
            self.post_message(self.Result(None, str(error)))
            return
        self.post_message(self.Result(saved))

    def on_person_form_result(self, message: Result) -> None:
        if message.person is not None:
            self.dismiss(message.person)
            return
        target = {"name": "#name-error", "site": "#site-error"}.get(
            message.field or "", "#form-error"
        )
        say(self.query_one(target, Static), message.error or "")
        focus = {"name": "#name", "site": "#site"}.get(message.field or "")
        if focus:
            self.query_one(focus).focus()
