"""People, and Home's tally of each peer, in ``people.json``."""

from __future__ import annotations

from datetime import datetime

from ...domain.enums import Role
from ...domain.person import Person
from ...domain.serial import to_data
from ...domain.stamps import check_id
from ...domain.tallies import PeerTally
from ..errors import ChangedElsewhere, NotFound
from ..layout import PEER_TABLES, PEOPLE, TALLY, peer_file
from ..unit import Change
from .tally_copy import TallyCopyRoom


class PeopleRoom(TallyCopyRoom):
    _people: tuple[object, list[Person]] | None = None

    def people(self, *, include_inactive: bool = True, role: Role | None = None) -> list[Person]:
        return [  # Person is frozen, so the parsed ones can be shared
            p
            for p in self._all_people()
            if (include_inactive or p.active) and (role is None or p.role == role)
        ]

    def _all_people(self) -> list[Person]:
        """Everyone, sorted by name: parsed once per version of people.json (screens ask
        for names often, and an agency's list can be long)."""
        raw = self._raw(PEOPLE, "people")
        storage = self._db(PEOPLE).atomic
        if self._people is not None and self._people[0] is storage.current():
            return self._people[1]
        found = [self._load(Person, PEOPLE, doc, i) for i, doc in raw]
        found.sort(key=lambda p: (p.name.casefold(), p.site.casefold()))
        self._people = (storage.current(), found)
        return found

    def person(self, person_id: str) -> Person:
        doc = self._get(PEOPLE, "people", person_id)
        if doc is None:
            raise NotFound("That person is not in the records.")
        return self._load(Person, PEOPLE, doc, person_id)

    def put_person(self, person: Person, *, replaces: datetime | None) -> None:
        check_id(person.id)
        with self._work() as uow:
            doc = self._get(PEOPLE, "people", person.id)
            stored = None if doc is None else self._load(Person, PEOPLE, doc, person.id)
            if (stored.updated_at if stored else None) != replaces:
                raise ChangedElsewhere(
                    f"{person.name} was changed elsewhere since this was opened; nothing was "
                    "saved. Open them again to see the other change."
                )
            uow.apply([Change(PEOPLE, "people", person.id, to_data(person))])

    def remove_person(self, person_id: str) -> None:
        self.commit([Change(PEOPLE, "people", person_id, None)])

    def tallies(self) -> dict[str, PeerTally]:
        copied = self.tallies_from_copy()  # one file (a plain folder's copy of them all)
        if copied is not None:
            return copied
        found = {}
        for peer_id in self.peers_with_records():
            rel = peer_file(peer_id)
            if not self._can_read(rel):
                continue  # another peer's (in an encrypted folder): not this person's to see
            doc = self._peek(rel, TALLY, TALLY, PEER_TABLES)  # (the rest of the file is not parsed)
            if doc is not None:
                found[peer_id] = self._load(PeerTally, rel, doc, peer_id)
        return found

    def has_records(self, person_id: str) -> bool:
        if (self.root / peer_file(check_id(person_id))).exists() and self.years(person_id):
            return True
        if any(person_id in draft.participants for draft in self.drafts()):
            return True
        for peer_id in self.peers_with_records():
            if any(person_id in row.supervisor_ids for row in self.rows(peer_id)):
                return True
        return False
