"""Home's time with each peer (a part of :class:`~.home.HomeScreen`): **c** notes an
informal contact (a call, a text, a drop-in) with the highlighted peer in seconds, and a
line names who is below the agency's hours targets so far."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widgets import Static

from ...domain.enums import Role
from ...domain.errors import ValidationError
from ...store.errors import StoreError

if TYPE_CHECKING:
    from ...domain.contacts import Contact


@dataclass
class HoursBelow(Message):
    lines: list[str]  # "Name: what is missing so far", or why the targets cannot be read


class TimeKeeping:
    """Mixed into Home: ``self`` is the :class:`~.home.HomeScreen`."""

    @work(thread=True, exclusive=True, group="home-below")
    def load_below(self) -> None:
        """Who is below the hours targets (none set: nothing is read)."""
        from ...usecases.hours import agency_targets, below_target

        try:
            targets = agency_targets()
        except ValidationError as error:
            self.post_message(HoursBelow([error.message]))
            return
        if not targets:
            self.post_message(HoursBelow([]))
            return
        peers = [row.person for row in self.data.rows]
        try:
            lines = below_target(self.app.store, peers, self.app.local_now().date(), targets)
        except StoreError:
            lines = []
        self.post_message(HoursBelow(lines))

    def on_hours_below(self, message: HoursBelow) -> None:
        banner = self.query_one("#below", Static)
        shown = "; ".join(message.lines[:3])
        more = f"; and {len(message.lines) - 3} more" if len(message.lines) > 3 else ""
        banner.update(f"Below the hours target so far (H for hours): {shown}{more}.")
        banner.display = bool(message.lines)

    def action_note_contact(self) -> None:
        from ...domain.dates import parse_datetime
        from ...usecases.contacts import default_by, note_contact
        from ..dialogs.contact import ContactDialog

        row = self.selected_row()
        if row is None:
            return
        store, peer = self.app.store, row.person
        active = [p for p in self.data.people if p.role == Role.SUPERVISOR and p.active]
        first = default_by(store, peer.id)
        ordered = sorted(active, key=lambda p: (p.id != first, p.name.casefold()))
        if store.signed_in and any(p.id == store.signed_in for p in active):
            ordered = [p for p in ordered if p.id == store.signed_in]  # one noted by me
        if not ordered:
            self.notify("Add a supervisor first (press p).", severity="warning")
            return

        def save(*, kind, when, minutes, about, carry, by) -> Contact:
            now = self.app.local_now()
            return note_contact(
                store,
                peer_id=peer.id,
                by=by,
                kind=kind,
                when=parse_datetime(when, now),
                minutes=minutes,
                about=about,
                carry=carry,
                clock=self.app.clock,
            )

        def kept(contact: Contact | None) -> None:
            if contact is not None:
                self.notify(
                    f"Noted: {contact.describe().lower()} with {peer.name}.", title="Contact"
                )
                self.refresh_data()

        supervisors = [(p.name, p.id) for p in ordered]
        self.app.push_screen(ContactDialog(peer.name, supervisors, save), kept)
