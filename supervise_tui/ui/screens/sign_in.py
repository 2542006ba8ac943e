"""Signing in to encrypted records: who you are, and your passphrase."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from ...domain.models import Person
from ...domain.text import NAME_MAX
from ...store.errors import StoreError
from ..keys import binder
from ..widgets.controls import TextInput
from ..widgets.fields import say

INTRO = (
    "These records are encrypted. Sign in with your name and your passphrase: you will "
    "see only what is yours (a supervisor, the peers they supervise)."
)
FORGOTTEN = (
    "Forgotten your passphrase? A supervisor can give you a new one (People, k), or the "
    "agency's recovery key can (F3)."
)


bind = binder("sign_in")


class SignInScreen(Screen):
    DEFAULT_CSS = """
    SignInScreen { align: center middle; }
    SignInScreen > Vertical {
        width: 70; max-width: 98%; height: auto; border: round $primary; padding: 0 1;
    }
    SignInScreen Label { color: $text-muted; margin-top: 1; }
    SignInScreen #sign-in-error { color: $error; text-style: bold; }
    """
    HELP_TITLE = "Signing in"
    HELP_TEXT = INTRO + "\n\n" + FORGOTTEN
    BINDINGS = [
        bind("f2", "sign_in", "Sign in", priority=True, name="ok"),
        bind("f3", "recovery", "Recovery key"),
        # Read in turn with the keys after it: the passphrase typed at full speed after
        # the name and Enter lands in the passphrase field.
        bind("enter", "enter", "Next", show=False, priority=True),
    ]

    @dataclass
    class Done(Message):
        person: Person | None
        must_choose: bool
        error: str = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(INTRO, markup=False)
            yield Label("Your name")
            yield TextInput(id="name", max_length=NAME_MAX * 2, placeholder="your name")
            yield Label("Your passphrase (or the setup code you were given)")
            yield TextInput(password=True, id="secret", placeholder="passphrase or setup code")
            yield Static("", id="sign-in-error", markup=False)
            yield Static(FORGOTTEN, markup=False, classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Sign in"
        self.query_one("#sign-in-error").display = False
        self.query_one("#name").focus()

    def action_enter(self) -> None:
        if self.focused is not None and self.focused.id == "name":
            self.set_focus(self.query_one("#secret"))
        else:
            self.action_sign_in()

    def action_sign_in(self) -> None:
        name = self.query_one("#name", Input).value
        secret = self.query_one("#secret", Input).value
        say(self.query_one("#sign-in-error", Static), "")
        if not name.strip() or not secret:
            say(self.query_one("#sign-in-error", Static), "Please give your name and passphrase.")
            return
        self.sign_in(name, secret)

    @work(thread=True, exclusive=True, group="sign-in")
    def sign_in(self, name: str, secret: str) -> None:
        from ...usecases.security import sign_in

        try:
            person, must_choose = sign_in(self.app.store, name, secret)
        except StoreError as error:
            self.post_message(self.Done(None, False, str(error)))
            return
        self.post_message(self.Done(person, must_choose))

    def on_sign_in_screen_done(self, message: Done) -> None:
        secret = self.query_one("#secret", Input)
        secret.value = ""
        if message.person is None:
            say(self.query_one("#sign-in-error", Static), message.error)
            secret.focus()
            return
        self.app.signed_in(message.person, message.must_choose)

    def action_recovery(self) -> None:
        from ..dialogs.recovery import RecoveryFlow

        RecoveryFlow(self.app).start()
