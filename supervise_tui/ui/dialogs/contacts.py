"""A peer's informal contacts in a period, one a line; x forgets one noted by mistake
(asked first)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.contacts import Contact, contact_lines
from ...domain.errors import ValidationError
from ...store.errors import StoreError
from .base import bold
from .pick import PickOne


class ContactsDialog(PickOne):
    """Returns whether any contact was removed (the screen behind then reloads)."""

    BINDINGS = [
        Binding("x,delete", "remove", "Remove", id="contacts.remove"),
        Binding("escape", "cancel", "Close", id="dialog.cancel"),
    ]

    def __init__(
        self, contacts: list[Contact], names: dict[str, str], title: str, *, may_remove: bool
    ) -> None:
        self.contacts = sorted(contacts, key=lambda c: (c.when, c.id), reverse=True)
        self.names = names
        self.may_remove = may_remove  # a supervisor's to remove, not the peer's
        self.removed = False
        super().__init__(self._options(), title=title)

    def _options(self) -> list[tuple[str, str]]:
        lines = contact_lines(self.contacts, self.names)[::-1]  # newest first, as listed
        options = [(line, c.id) for line, c in zip(lines, self.contacts, strict=True)]
        return options or [("No informal contacts in this period.", "")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box"):
            keys = "x removes one noted by mistake; Esc closes" if self.may_remove else "Esc closes"
            yield Static(f"{bold(self.title_text)} ({keys})")
            yield OptionList(*[Option(Text(label), id=value) for label, value in self.options])

    def chosen(self, value: str | None) -> None:
        return  # a line is read, not opened

    def action_cancel(self) -> None:
        self.dismiss(self.removed)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return self.may_remove if action == "remove" else True

    def action_remove(self) -> None:
        from .confirm import ConfirmDialog

        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return
        chosen = listing.get_option_at_index(listing.highlighted).id
        contact = next((c for c in self.contacts if c.id == chosen), None)
        if contact is None:
            return
        self.app.push_screen(
            ConfirmDialog(
                f"Remove the {contact.kind.label.lower()} of {contact.when:%a %d %b %Y %H:%M}? "
                "It will no longer count anywhere.",
                yes="Remove",
            ),
            lambda yes: yes and self._remove(contact),
        )

    def _remove(self, contact: Contact) -> None:
        from ...usecases.contacts import remove_contact

        try:
            remove_contact(self.app.store, contact, clock=self.app.clock)
        except (StoreError, ValidationError) as error:
            self.app.notify(str(error), title="Not removed", severity="error")
            return
        self.removed = True
        self.contacts.remove(contact)
        self.app.notify("The contact was removed.", title="Removed")
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(label), id=value) for label, value in self._options()])
