"""Home's informal contacts (a part of :class:`~.home.HomeScreen`): **c** notes a call,
a text or a drop-in with the highlighted peer in seconds."""

from __future__ import annotations

from ...domain.contacts import Contact
from ...domain.dates import parse_datetime
from ...domain.enums import Role
from ...usecases.contacts import note_contact
from ...usecases.sessions import usual_supervisors


class Contacting:
    """Mixed into Home: ``self`` is the :class:`~.home.HomeScreen`."""

    def action_note_contact(self) -> None:
        from ..dialogs.contact import ContactDialog

        row = self.selected_row()
        if row is None:
            return
        store, peer = self.app.store, row.person
        active = [p for p in self.data.people if p.role == Role.SUPERVISOR and p.active]
        usual = usual_supervisors(store, peer.id, store.signed_in)
        first = store.signed_in if store.signed_in in usual else (usual or [None])[0]
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
