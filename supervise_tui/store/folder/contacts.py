"""Informal contacts: each peer's, by the year they happened
(``peers/<peer-id>/contacts-YYYY.json``). They are records, not derived: nothing rebuilds
them, and a session's save never touches them."""

from __future__ import annotations

from datetime import date, datetime

from ...domain.contacts import Contact
from ..layout import contacts_file
from .peer_records import PeerRecords, PeerRecordsRoom

CONTACTS = PeerRecords(Contact, "contacts", contacts_file, "contact")


class ContactsRoom(PeerRecordsRoom):
    def contacts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Contact]:
        return self._records(CONTACTS, peer_id, start, end)

    def put_contact(self, contact: Contact, *, replaces: datetime | None) -> None:
        self._put_records(CONTACTS, [contact], replaces)
