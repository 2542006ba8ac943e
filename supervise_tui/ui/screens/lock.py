"""The idle lock: the screen cleared and the keys forgotten; the passphrase of the person
who was working brings back exactly where they were."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...domain.models import Person
from ...store.errors import StoreError
from ..widgets.controls import TextInput
from ..widgets.fields import say


class LockScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    LockScreen { background: $background; align: center middle; }
    LockScreen > Vertical { width: 64; max-width: 98%; height: auto; padding: 0 1; }
    LockScreen #lock-error { color: $error; text-style: bold; }
    LockScreen .label { margin-top: 1; }
    """

    @dataclass
    class Done(Message):
        error: str = ""

    def __init__(self, person: Person, why: str) -> None:
        super().__init__()
        self.person = person
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"{self.why} The keys are put away; everything typed was saved first.\n\n"
                f"{self.person.name}, your passphrase brings back where you were. Someone "
                "else? Quit with Ctrl+Q and sign in as yourself.",
                markup=False,
            )
            yield Static("[b]Your passphrase[/b] (then Enter)", classes="label")
            yield TextInput(password=True, id="secret", placeholder="passphrase")
            yield Static("", id="lock-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#lock-error").display = False
        self.query_one("#secret").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def unlock(self, secret: str) -> None:
        store = self.app.store
        try:
            person_id, _ = store.unlock(self.person.name, secret)
        except StoreError as error:
            self.post_message(self.Done(str(error)))
            return
        if person_id != self.person.id:
            store.lock()
            self.post_message(self.Done(f"Only {self.person.name} can unlock this screen."))
            return
        self.post_message(self.Done())

    def on_lock_screen_done(self, message: Done) -> None:
        secret = self.query_one("#secret", Input)
        secret.value = ""
        if message.error:
            say(self.query_one("#lock-error", Static), message.error)
            return
        self.dismiss(None)
