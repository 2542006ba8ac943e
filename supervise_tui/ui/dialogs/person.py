"""Add or edit a person: name, role, site, cadence, preferred weekday, and whether a peer
takes turns leading community-of-practice calls."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from ...domain.enums import Cadence, Role
from ...domain.models import Person
from ...domain.schedule import WEEKDAYS
from ...domain.text import NAME_MAX
from ...usecases.people import save_person
from ..outcome import Outcome, keep
from ..widgets.controls import TextInput
from ..widgets.names import name_suggester
from .base import Dialog, Problem, bold

# where a message about a field is shown, and what gets the focus
_PLACES = {"name": ("name-error", "name"), "site": ("site-error", "site")}


class PersonForm(Dialog[Person]):
    OK_TIP = "Save this person"

    class Result(Outcome):
        """The person saved (``result``), or why not (and the field)."""

    def __init__(
        self, person: Person | None = None, *, role: Role = Role.PEER, heading: str | None = None
    ) -> None:
        super().__init__()
        self.person = person
        self.role = person.role if person else role
        self.title_text = heading or ("Edit " + person.name if person else "Add a person")

    def heading(self) -> str:
        return bold(self.title_text)

    def fields(self) -> ComposeResult:
        p = self.person
        yield Label("Name")
        yield TextInput(
            p.name if p else "",
            id="name",
            max_length=NAME_MAX * 2,
            compact=True,
            suggester=name_suggester(self.app),
        )
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
        yield Label("Leads community-of-practice calls in turn (peers)")
        yield Select(
            [("Yes, in turn", "yes"), ("No, opted out of the rotation", "no")],
            value="no" if p and not p.leads_calls else "yes",
            id="leads-calls",
            allow_blank=False,
            compact=True,
        )

    def first_focus(self) -> Widget:
        return self.query_one("#name")

    def action_ok(self) -> None:
        """Saving takes a worker (the store is used), so OK waits for its answer."""
        for line in self.query(".error-line"):
            line.display = False
        weekday = self.query_one("#weekday", Select).value
        values = dict(
            name=self.query_one("#name", Input).value,
            role=Role(self.query_one("#role", Select).value),
            site=self.query_one("#site", Input).value,
            cadence=Cadence(self.query_one("#cadence", Select).value),
            weekday=None if weekday is Select.NULL else int(weekday),
            leads_calls=self.query_one("#leads-calls", Select).value == "yes",
        )
        person = dataclasses.replace(self.person, **values) if self.person else Person(**values)
        keep(self, self.Result, save_person, person, "person-save")

    def on_person_form_result(self, message: Result) -> None:
        if message.result is not None:
            self.dismiss(message.result)
            return
        where, focus = _PLACES.get(message.field or "", ("dialog-error", None))
        self.show_problem(Problem(message.error or "", where, focus))
