"""People: add, edit and deactivate peer specialists and supervisors."""

from __future__ import annotations

import dataclasses

from textual import work
from textual.message import Message
from textual.widgets import DataTable, Static

from ...domain.enums import Role
from ...domain.models import Person
from ...domain.schedule import WEEKDAYS
from ...store.errors import Refused, StoreError
from ...usecases.people import delete_person, save_person, visible_people
from ..keys import binder
from ..widgets.cells import highlighted, plain
from .base import TableScreen

bind = binder("people")


class PeopleScreen(TableScreen):
    NAME, NOTE_CLASS = "people", "hint"
    BINDINGS = [
        bind("a", "add", "Add", "Add a person"),
        bind("e,enter", "edit", "Edit", "Edit the highlighted person"),
        bind(
            "x",
            "toggle_active",
            "Active/inactive",
            "Mark the highlighted person inactive, or active again",
        ),
        bind("delete,d", "delete", "Delete", "Delete someone with no records"),
        bind("k", "access", "Sign-in", "Give the highlighted person a passphrase or a setup code"),
        bind("escape", "back", "Home", "Back to Home"),
    ]

    @dataclasses.dataclass
    class Loaded(Message):
        people: list[Person] | None
        error: str | None = None

    @dataclasses.dataclass
    class Done(Message):
        note: str
        error: bool = False

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self._last_note = ""

    def on_mount(self) -> None:
        self.sub_title = "People"
        self.query_one(DataTable).add_columns("Name", "Role", "Site", "Cadence", "Day", "Status")
        self.load()

    @work(thread=True, exclusive=True, group="people-load")
    def load(self) -> None:
        try:
            self.post_message(self.Loaded(visible_people(self.app.store)))
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))

    def on_people_screen_loaded(self, message: Loaded) -> None:
        note = self.loaded("people-note", message.people, message.error)
        if note is None:
            return
        self.people = message.people
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for p in self.people:
            table.add_row(
                *plain(
                    p.name,
                    "Peer" if p.role == Role.PEER else "Supervisor",
                    p.site or "—",
                    p.cadence.label,
                    WEEKDAYS[p.weekday][:3] if p.weekday is not None else "any",
                    "active" if p.active else "INACTIVE",
                ),
                key=p.id,
            )
        if self.people:
            table.move_cursor(row=min(keep, len(self.people) - 1))
            note.update(
                self._last_note or f"{len(self.people)} people. a add · e edit · x active/inactive"
            )
            self._last_note = ""
            table.focus()
        else:
            note.update("Nobody here yet. Press a to add yourself and your first peer.")

    def selected(self) -> Person | None:
        return highlighted(self.query_one(DataTable), self.people)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("add", "edit", "toggle_active", "delete") and self.app.store.read_only:
            return False
        if action == "access":
            return self.app.store.signed_in is not None and not self.app.store.read_only
        return True

    def action_add(self) -> None:
        from ..dialogs.person import PersonForm

        self.app.push_screen(PersonForm(), lambda person: self._saved(person, new=True))

    def action_edit(self) -> None:
        from ..dialogs.person import PersonForm

        person = self.selected()
        if person is not None:
            self.app.push_screen(PersonForm(person), self._saved)

    def _saved(self, person: Person | None, *, new: bool = False) -> None:
        if person is not None:
            self.notify(f"Saved {person.name}.")
            self.load()
            if new and self.app.store.signed_in:
                self._give_access(person)

    def action_access(self) -> None:
        person = self.selected()
        if person is not None:
            self._give_access(person)

    def _give_access(self, person: Person) -> None:
        from ..dialogs.access import give_access

        give_access(self.app, person)

    def action_toggle_active(self) -> None:
        person = self.selected()
        if person is not None:
            self.save_active(dataclasses.replace(person, active=not person.active))

    @work(thread=True, exclusive=True, group="people-save")
    def save_active(self, person: Person) -> None:
        try:
            save_person(self.app.store, person, clock=self.app.clock)
        except (StoreError, ValueError) as error:
            self.post_message(self.Done(str(error), True))
            return
        state = "active again" if person.active else "inactive; their history is kept"
        self.post_message(self.Done(f"{person.name} is now {state}."))

    def action_delete(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        person = self.selected()
        if person is None:
            return

        def answered(yes: bool) -> None:
            if yes:
                self.delete(person)

        self.app.push_screen(
            ConfirmDialog(
                f"Delete {person.name}? This is only possible for someone with no "
                "supervision records.",
                yes="Delete",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="people-save")
    def delete(self, person: Person) -> None:
        try:
            delete_person(self.app.store, person.id)
        except Refused as error:
            self.post_message(self.Done(str(error), True))
            return
        except StoreError as error:
            self.post_message(self.Done(str(error), True))
            return
        self.post_message(self.Done(f"Deleted {person.name}."))

    def on_people_screen_done(self, message: Done) -> None:
        self.notify(
            message.note,
            severity="warning" if message.error else "information",
            timeout=12 if message.error else 5,
        )
        self.query_one("#people-note", Static).update(message.note)
        self._last_note = message.note
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
