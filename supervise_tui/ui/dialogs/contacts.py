"""A peer's informal contacts in a period, one a line; x forgets one noted by mistake
(asked first)."""

from __future__ import annotations

from textual.binding import Binding

from ...domain.contacts import Contact, contact_lines
from .pick import ReadList


class ContactsDialog(ReadList):
    """Returns whether any contact was removed (the screen behind then reloads)."""

    REMOVE_HINT = "x removes one noted by mistake"

    BINDINGS = [Binding("x,delete", "remove", "Remove", id="contacts.remove")]

    def __init__(
        self, contacts: list[Contact], names: dict[str, str], title: str, *, may_remove: bool
    ) -> None:
        self.contacts = sorted(contacts, key=lambda c: (c.when, c.id), reverse=True)
        self.names = names
        super().__init__(self._options(), title, may_remove=may_remove)  # (not a peer's)

    def _options(self) -> list[tuple[str, str]]:
        lines = contact_lines(self.contacts, self.names)[::-1]  # newest first, as listed
        options = [(line, c.id) for line, c in zip(lines, self.contacts, strict=True)]
        return options or [("No informal contacts in this period.", "")]

    def action_remove(self) -> None:
        from .confirm import ConfirmDialog

        contact = self.highlighted_of(self.contacts)
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

        store, clock = self.app.store, self.app.clock
        self.take_out(
            self.contacts,
            contact,
            lambda: remove_contact(store, contact, clock=clock),
            "The contact was removed.",
        )
