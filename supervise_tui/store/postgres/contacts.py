"""Informal contacts on the server: each a row of its peer's, by when it happened.

They are records, not derived: a session's save never touches them, and they do not
raise the peer's revision (nothing is worked out from them at a save).
"""

from __future__ import annotations

from datetime import date, datetime

from ...domain.contacts import Contact
from .peer_records import PeerRecords, PeerRecordsRoom

CONTACTS = PeerRecords(Contact, "contacts", "id", "contact")


class ContactsRoom(PeerRecordsRoom):
    def contacts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Contact]:
        return self._records(CONTACTS, peer_id, start, end)

    def put_contact(self, contact: Contact, *, replaces: datetime | None) -> None:
        self._put_records(CONTACTS, [contact], replaces)
