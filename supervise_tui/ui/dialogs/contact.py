"""Note an informal contact in seconds: how long (typed first), a line about it, Enter.
How it happened (a phone call unless changed), when (now unless changed), who had it
and what to carry into the next session have sensible defaults."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Select

from ...domain.contacts import ABOUT_MAX, Contact
from ...domain.enums import Carry, ContactKind
from ...domain.errors import ValidationError
from ...store.errors import StoreError
from ..widgets.controls import TextInput
from .base import Dialog, Problem, bold, person_select

# the field a rule's message is about -> the line it is shown on, and what gets the focus
_PLACES = {
    "minutes": ("minutes-error", "minutes"),
    "when": ("when-error", "when"),
    "about": ("about-error", "about"),
}


def _select(choices, value: str, select_id: str) -> Select:
    return Select(choices, value=value, allow_blank=False, id=select_id, compact=True)


class ContactDialog(Dialog[Contact]):
    """Returns the contact kept. ``save(kind, when_text, minutes, about, carry, by)``
    checks and keeps it, raising ValidationError (or StoreError) in one sentence."""

    DEFAULT_CSS = """
    ContactDialog .contact-row { height: auto; margin-top: 1; }
    ContactDialog .contact-row > Label { width: 20; color: $text-muted; }
    ContactDialog .contact-row > Input { width: 1fr; background: $boost; }
    ContactDialog .contact-row > Select { width: 1fr; }
    """
    OK_TIP = "Keep this contact"
    ENTER_MOVES = True

    def __init__(
        self,
        peer_name: str,
        supervisors: list[tuple[str, str]],
        save: Callable[..., Contact],
    ) -> None:
        super().__init__()
        self.peer_name = peer_name
        self.supervisors = supervisors  # (name, id), the usual one first
        self.save = save

    def heading(self) -> str:
        return bold(f"An informal contact with {self.peer_name}")

    def fields(self) -> ComposeResult:
        def row(label: str, widget: Widget, error: str | None = None) -> ComposeResult:
            with Horizontal(classes="contact-row"):
                yield Label(label)
                yield widget
            if error:
                yield Label("", id=error, classes="error-line")

        yield from row(
            "Minutes it took",
            TextInput(placeholder="e.g. 10", id="minutes", restrict=r"\d{0,3}", compact=True),
            "minutes-error",
        )
        yield from row(
            "What about (a line)", TextInput(id="about", max_length=ABOUT_MAX, compact=True)
        )
        yield Label("", id="about-error", classes="error-line")
        yield from row("How", _select(ContactKind.choices(), ContactKind.CALL.value, "kind"))
        when = TextInput(value="now", id="when", placeholder="now, today 14:30", compact=True)
        yield from row("When", when, "when-error")
        if len(self.supervisors) > 1:
            yield from row("Who had it", person_select(self.supervisors, "by"))
        yield from row("Next session", _select(Carry.choices(), Carry.NOTHING.value, "carry"))

    def action_ok(self) -> None:  # F2 straight after the minutes, typed at full speed
        self.after_typing(super().action_ok)

    def enter_order(self) -> list[str]:
        return ["minutes", "about"]

    def first_focus(self) -> Widget:
        return self.query_one("#minutes", Input)

    def submit(self) -> Contact:
        minutes = self.query_one("#minutes", Input).value.strip()
        if not minutes:
            raise Problem("Please type how many minutes it took.", "minutes-error", "minutes")
        by = self.supervisors[0][1] if self.supervisors else ""
        if len(self.supervisors) > 1:
            by = str(self.query_one("#by", Select).value)
        try:
            return self.save(
                kind=str(self.query_one("#kind", Select).value),
                when=self.query_one("#when", Input).value,
                minutes=int(minutes),
                about=self.query_one("#about", Input).value,
                carry=str(self.query_one("#carry", Select).value),
                by=by,
            )
        except ValidationError as error:
            where, focus = _PLACES.get(error.field, ("dialog-error", None))
            raise Problem(str(error), where, focus) from None
        except StoreError as error:
            raise Problem(str(error)) from None
