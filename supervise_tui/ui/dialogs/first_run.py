"""First start on an empty folder: the first supervisor, and their passphrase."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ...domain.enums import Role
from ...domain.models import Person
from ...domain.passphrases import strength_hint
from ...domain.text import NAME_MAX
from ..outcome import outcome
from ..widgets.controls import TextInput
from ..widgets.names import name_suggester
from .base import Dialog, Problem

INTRO = (
    "[b]Welcome: you are the first supervisor here.[/b] The records are kept encrypted: "
    "each person signs in with their own passphrase and sees only what is theirs. You "
    "lead (you see every peer); a recovery key comes next."
)


class FirstRunDialog(Dialog[tuple[Person, str]]):
    OK_LABEL = "Start"
    OK_TIP = "Keep these records encrypted, with you leading them"

    @dataclass
    class Done(Message):
        result: object
        error: str | None = None
        field: str | None = None

    def heading(self) -> str:
        return INTRO

    def fields(self) -> ComposeResult:
        yield Label("Your name")
        yield TextInput(
            id="name", max_length=NAME_MAX * 2, compact=True, suggester=name_suggester(self.app)
        )
        yield Label("Your site (optional)")
        yield TextInput(id="site", max_length=NAME_MAX * 2, compact=True)
        yield Label("Your passphrase")
        yield TextInput(password=True, id="passphrase", compact=True)
        yield Static(strength_hint(""), id="hint", markup=False, classes="hint")
        yield Label("The same again")
        yield TextInput(password=True, id="again", compact=True)

    def first_focus(self) -> Widget:
        return self.query_one("#name")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "passphrase":
            self.query_one("#hint", Static).update(strength_hint(event.value))

    ENTER_MOVES = True

    def enter_order(self) -> list[str]:
        return ["name", "site", "passphrase", "again"]

    def action_ok(self) -> None:
        for line in self.query(".error-line"):
            line.display = False
        value = {k: self.query_one(f"#{k}", Input).value for k in ("name", "site")}
        person = Person(value["name"], Role.SUPERVISOR, value["site"])
        self.start(
            person,
            self.query_one("#passphrase", Input).value,
            self.query_one("#again", Input).value,
        )

    @work(thread=True, exclusive=True, group="first-run")
    def start(self, person: Person, passphrase: str, again: str) -> None:
        from ...usecases.security import start_encrypted

        store, clock = self.app.store, self.app.clock
        self.post_message(
            outcome(
                self.Done, lambda: start_encrypted(store, person, passphrase, again, clock=clock)
            )
        )

    def on_first_run_dialog_done(self, message: Done) -> None:
        if message.result is not None:
            self.dismiss(message.result)
            return
        focus = "name" if message.field == "name" else "passphrase"
        if focus == "passphrase":
            for field in ("passphrase", "again"):
                self.query_one(f"#{field}", Input).value = ""
        self.show_problem(Problem(message.error or "", focus=focus))
