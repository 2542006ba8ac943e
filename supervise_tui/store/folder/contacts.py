"""Informal contacts: each peer's, by the year they happened
(``peers/<peer-id>/contacts-YYYY.json``). They are records, not derived: nothing rebuilds
them, and a session's save never touches them."""

from __future__ import annotations

import functools
import os
from datetime import date, datetime

from ...domain.contacts import Contact
from ...domain.serial import to_data
from ...domain.validation import check_id
from ..errors import ChangedElsewhere
from ..layout import contacts_file
from ..unit import Change
from .history import HistoryRoom, _years_in


class ContactsRoom(HistoryRoom):
    def contacts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Contact]:
        peer_id = check_id(peer_id)
        file_of = functools.partial(contacts_file, peer_id)
        return self._held_between(
            Contact, "contacts", file_of, self._contact_years(peer_id), start, end
        )

    def _contact_years(self, peer_id: str) -> list[int]:
        try:
            return _years_in(os.listdir(self.root / "peers" / peer_id), ("contacts",))
        except FileNotFoundError:
            return []

    def _filed_contact(self, peer_id: str, contact_id: str) -> tuple[int, dict] | None:
        for year in reversed(self._contact_years(peer_id)):
            doc = self._get(contacts_file(peer_id, year), "contacts", contact_id)
            if doc is not None:
                return year, doc
        return None

    def put_contact(self, contact: Contact, *, replaces: datetime | None) -> None:
        peer_id, year = check_id(contact.peer_id), contact.when.year
        check_id(contact.id)
        with self._work() as uow:
            filed = self._filed_contact(peer_id, contact.id)
            stored = None
            if filed is not None:
                stored = self._load(Contact, contacts_file(peer_id, filed[0]), filed[1], contact.id)
            if (stored.updated_at if stored else None) != replaces:
                raise ChangedElsewhere(
                    "This contact was changed elsewhere since it was opened; nothing was saved."
                )
            changes = []
            if filed is not None and filed[0] != year:
                changes.append(
                    Change(contacts_file(peer_id, filed[0]), "contacts", contact.id, None)
                )
            changes.append(
                Change(contacts_file(peer_id, year), "contacts", contact.id, to_data(contact))
            )
            uow.apply(changes)
