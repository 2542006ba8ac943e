"""Peer records on the server (:mod:`..peer_records`): each a row of its peer's in its
kind's table, so the row-level policies keep each to those who may see that peer; saving
writes every record in one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from psycopg.types.json import Jsonb

from ...domain.serial import to_data
from ...domain.stamps import check_id
from ..peer_records import PeerRecords, PeerRecordsRooms
from .base import ServerBase
from .people import guard_revision, stamp

# The columns of each kind's table's key: a contact's id is its own, a group session's
# id is shared by its copies, one a peer.
KEYS = {"contacts": "id", "groups": "peer_id, id"}


class PeerRecordsRoom(PeerRecordsRooms, ServerBase):
    def _records(
        self, kind: PeerRecords, peer_id: str, start: date | None, end: date | None
    ) -> list[Any]:
        found = self._held_between(kind.table, "record", check_id(peer_id), start, end)
        return [self._load(kind.cls, doc, f"{kind.noun} {i}") for i, doc in found]

    def _put_records(self, kind: PeerRecords, records: list, replaces: datetime | None) -> None:
        """Write ``records`` in one transaction, if each still has the revision
        ``replaces``."""
        with self._write() as cur:
            for record in records:
                peer_id = check_id(record.peer_id)
                check_id(record.id)
                guard_revision(
                    cur,
                    f"SELECT updated_at FROM {kind.table} WHERE id = %s AND peer_id = %s "
                    "FOR UPDATE",
                    (record.id, peer_id),
                    replaces,
                    f"This {kind.noun} was changed elsewhere since it was opened; "
                    "nothing was saved.",
                )
                cur.execute(
                    f"INSERT INTO {kind.table} (id, peer_id, held_at, updated_at, record) "
                    f"VALUES (%s, %s, %s, %s, %s) ON CONFLICT ({KEYS[kind.table]}) DO UPDATE SET "
                    "peer_id = excluded.peer_id, held_at = excluded.held_at, "
                    "updated_at = excluded.updated_at, record = excluded.record",
                    (
                        record.id,
                        peer_id,
                        record.when.replace(tzinfo=None),
                        stamp(record.updated_at),
                        Jsonb(to_data(record)),
                    ),
                )
