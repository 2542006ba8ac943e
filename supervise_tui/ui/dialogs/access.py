"""Giving someone a way to sign in: a passphrase typed now, or a one-time setup code."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from ...domain.models import Person
from ...store.errors import StoreError
from .base import Dialog, bold


class AccessChoiceDialog(Dialog[str]):
    """How will this person sign in? Returns "now", "code" (or None: later)."""

    BINDINGS = [
        Binding("p", "pick('now')", "Passphrase now", id="access.now"),
        Binding("c", "pick('code')", "Setup code", id="access.code"),
        Binding("escape", "cancel", "Later", id="dialog.cancel"),
    ]

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static(bold(f"How will {self.person.name} sign in?"))
            yield Static(
                "With them at the keyboard, they can type a passphrase of their own now. "
                "Or you give them a one-time setup code; with it they choose their "
                "passphrase the first time they sign in.",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Passphrase now (p)", variant="primary", id="now")
                yield Button("Setup code (c)", id="code")
                yield Button("Later (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#now").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_pick(self, choice: str) -> None:
        self.dismiss(choice)


class CodeDialog(Dialog[None]):
    """A code to hand over, shown once (a setup code)."""

    DEFAULT_CSS = """
    CodeDialog #code { text-style: bold; color: $warning; margin: 1 0; }
    """
    BINDINGS = [Binding("enter,escape,f2", "cancel", "Done", id="code.done")]

    def __init__(self, title: str, code: str, explanation: str) -> None:
        super().__init__()
        self.title_text, self.code, self.explanation = title, code, explanation

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            yield Static(bold(self.title_text))
            yield Static(self.code, id="code", markup=False)
            yield Static(self.explanation, markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Done (Enter)", variant="primary", id="cancel")


def give_access(app, person: Person) -> None:
    """Ask how ``person`` will sign in, then do it (in a worker: keys take a moment)."""
    from .passphrase import PassphraseDialog

    def chosen(choice: str | None) -> None:
        if choice == "now":
            app.push_screen(
                PassphraseDialog(
                    f"{person.name}'s passphrase",
                    f"{person.name} types it, twice; nobody else needs to know it.",
                ),
                lambda typed: (
                    typed
                    and app.run_worker(
                        lambda: _give(app, person, *typed), thread=True, group="access"
                    )
                ),
            )
        elif choice == "code":
            app.run_worker(lambda: _give(app, person, None), thread=True, group="access")

    app.push_screen(AccessChoiceDialog(person), chosen)


def _give(app, person: Person, passphrase: str | None, again: str | None = None) -> None:
    from ...domain.errors import ValidationError
    from ...usecases.security import give_passphrase

    try:
        code = give_passphrase(app.store, person, passphrase, again)
    except (StoreError, ValidationError) as error:
        app.call_from_thread(app.notify, str(error), title="Not done", severity="error")
        return
    if code is None:
        app.call_from_thread(app.notify, f"{person.name} can sign in now.", title="Passphrase")
        return
    app.call_from_thread(
        app.push_screen,
        CodeDialog(
            f"Setup code for {person.name}",
            code,
            f"Give this code to {person.name} in person. The first time they sign in, they "
            "type their name and this code, then choose their own passphrase. It works once.",
        ),
    )
