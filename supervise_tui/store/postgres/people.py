"""People, and Home's tally of each peer, on the server."""

from __future__ import annotations

from datetime import datetime

from psycopg.types.json import Jsonb

from ...domain.enums import Role
from ...domain.models import Person
from ...domain.serial import to_data
from ...domain.stamps import check_id
from ...domain.tallies import PeerTally
from ..errors import ChangedElsewhere, NoAccess, NotFound
from .base import ServerBase


def stamp(value: datetime | None) -> str | None:
    """A revision as it is kept and compared (the record's ``updated_at``)."""
    return None if value is None else to_data(value)


def guard_revision(cur, select: str, key: tuple, replaces: datetime | None, refused: str) -> None:
    """Lock the stored row (``select`` reads its ``updated_at`` ... FOR UPDATE) and refuse
    the write, saying ``refused``, unless its revision is ``replaces`` (None: no row yet)."""
    cur.execute(select, key)
    stored = cur.fetchone()
    if (stored[0] if stored else None) != stamp(replaces):
        raise ChangedElsewhere(refused)


class PeopleRoom(ServerBase):
    def people(self, *, include_inactive: bool = True, role: Role | None = None) -> list[Person]:
        sql, params = "SELECT id, record FROM people WHERE true", []
        if not include_inactive:
            sql += " AND active"
        if role is not None:
            sql += " AND role = %s"
            params.append(role.value)
        found = [self._load(Person, doc, f"person {i}") for i, doc in self._all(sql, params)]
        return sorted(found, key=lambda p: (p.name.casefold(), p.site.casefold()))

    def person(self, person_id: str) -> Person:
        found = self._one("SELECT record FROM people WHERE id = %s", (person_id,))
        if found is None:
            raise NotFound("That person is not in the records.")
        return self._load(Person, found[0], f"person {person_id}")

    def put_person(self, person: Person, *, replaces: datetime | None) -> None:
        check_id(person.id)
        with self._write() as cur:
            guard_revision(
                cur,
                "SELECT updated_at FROM people WHERE id = %s FOR UPDATE",
                (person.id,),
                replaces,
                f"{person.name} was changed elsewhere since this was opened; nothing was "
                "saved. Open them again to see the other change.",
            )
            cur.execute(
                "INSERT INTO people (id, name, site, role, active, admin, supervisor_ids, "
                "updated_at, record) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, site = excluded.site, "
                "role = excluded.role, active = excluded.active, admin = excluded.admin, "
                "supervisor_ids = excluded.supervisor_ids, updated_at = excluded.updated_at, "
                "record = excluded.record",
                (
                    person.id,
                    person.name,
                    person.site,
                    person.role.value,
                    person.active,
                    person.admin,
                    list(person.supervisor_ids),
                    stamp(person.updated_at),
                    Jsonb(to_data(person)),
                ),
            )
            if cur.rowcount != 1:  # a policy kept the row from being changed
                raise NoAccess(f"Only the agency's leads may change people on {self.where}.")

    def remove_person(self, person_id: str) -> None:
        with self._write() as cur:
            cur.execute("DELETE FROM peer_state WHERE peer_id = %s", (person_id,))
            cur.execute("DELETE FROM people WHERE id = %s", (person_id,))

    def tallies(self) -> dict[str, PeerTally]:
        found = self._all("SELECT peer_id, tally FROM peer_state WHERE tally IS NOT NULL")
        return {i: self._load(PeerTally, doc, f"the tally of {i}") for i, doc in found}

    def has_records(self, person_id: str) -> bool:
        held = self._one(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE peer_id = %(id)s "
            "OR row -> 'supervisor_ids' ? %(id)s) OR EXISTS (SELECT 1 FROM drafts "
            "WHERE peer_id = %(id)s OR record -> 'supervisor_ids' ? %(id)s)",
            {"id": person_id},
        )
        return bool(held and held[0])
