"""Group sessions on the server: each attending peer's copy is a row of that peer's
(``groups``, keyed by peer and id), so the row-level policies keep each copy to those who
may see that peer. Saving one writes every copy in one transaction."""

from __future__ import annotations

from datetime import date, datetime

from psycopg.types.json import Jsonb

from ...domain.groups import GroupSession
from ...domain.serial import to_data
from ...domain.validation import check_id
from ..errors import ChangedElsewhere
from .base import ServerBase
from .people import stamp


class GroupsRoom(ServerBase):
    def groups(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[GroupSession]:
        found = self._held_between("groups", "record", check_id(peer_id), start, end)
        return [self._load(GroupSession, doc, f"group session {i}") for i, doc in found]

    def put_group(self, copies: list[GroupSession], *, replaces: datetime | None) -> None:
        with self._write() as cur:
            for copy in copies:
                peer_id = check_id(copy.peer_id)
                check_id(copy.id)
                cur.execute(
                    "SELECT updated_at FROM groups WHERE id = %s AND peer_id = %s FOR UPDATE",
                    (copy.id, peer_id),
                )
                stored = cur.fetchone()
                if (stored[0] if stored else None) != stamp(replaces):
                    raise ChangedElsewhere(
                        "This group session was changed elsewhere since it was opened; "
                        "nothing was saved."
                    )
                cur.execute(
                    "INSERT INTO groups (id, peer_id, held_at, updated_at, record) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (peer_id, id) DO UPDATE SET "
                    "held_at = excluded.held_at, updated_at = excluded.updated_at, "
                    "record = excluded.record",
                    (
                        copy.id,
                        peer_id,
                        copy.when.replace(tzinfo=None),
                        stamp(copy.updated_at),
                        Jsonb(to_data(copy)),
                    ),
                )
