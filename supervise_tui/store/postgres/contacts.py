"""Informal contacts on the server: each a row of its peer's, by when it happened.

They are records, not derived: a session's save never touches them, and they do not
raise the peer's revision (nothing is worked out from them at a save).
"""

from __future__ import annotations

from datetime import date, datetime

from psycopg.types.json import Jsonb

from ...domain.contacts import Contact
from ...domain.serial import to_data
from ...domain.validation import check_id
from ..errors import ChangedElsewhere
from .base import ServerBase
from .people import stamp


class ContactsRoom(ServerBase):
    def contacts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Contact]:
        found = self._held_between("contacts", "record", check_id(peer_id), start, end)
        return [self._load(Contact, doc, f"contact {i}") for i, doc in found]

    def put_contact(self, contact: Contact, *, replaces: datetime | None) -> None:
        peer_id = check_id(contact.peer_id)
        check_id(contact.id)
        with self._write() as cur:
            cur.execute(
                "SELECT updated_at FROM contacts WHERE id = %s AND peer_id = %s FOR UPDATE",
                (contact.id, peer_id),
            )
            stored = cur.fetchone()
            if (stored[0] if stored else None) != stamp(replaces):
                raise ChangedElsewhere(
                    "This contact was changed elsewhere since it was opened; nothing was saved."
                )
            cur.execute(
                "INSERT INTO contacts (id, peer_id, held_at, updated_at, record) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                "peer_id = excluded.peer_id, held_at = excluded.held_at, "
                "updated_at = excluded.updated_at, record = excluded.record",
                (
                    contact.id,
                    peer_id,
                    contact.when.replace(tzinfo=None),
                    stamp(contact.updated_at),
                    Jsonb(to_data(contact)),
                ),
            )
