"""Peer records in a folder (:mod:`..peer_records`): each kind in a file per peer and year
(``peers/<peer-id>/<table>-YYYY.json``); saving writes every record in one unit of work."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ...domain.serial import to_data
from ...domain.stamps import check_id
from ..errors import ChangedElsewhere
from ..layout import contacts_file, groups_file
from ..peer_records import PeerRecords, PeerRecordsRooms
from ..unit import Change
from .history import HistoryRoom, _years_in

# Where a peer's year of each kind is.
FILES: dict[str, Callable[[str, int], str]] = {"contacts": contacts_file, "groups": groups_file}


class PeerRecordsRoom(PeerRecordsRooms, HistoryRoom):
    def _records(
        self, kind: PeerRecords, peer_id: str, start: date | None, end: date | None
    ) -> list[Any]:
        peer_id = check_id(peer_id)
        file_of = functools.partial(FILES[kind.table], peer_id)
        years = self._record_years(kind, peer_id)
        return self._held_between(kind.cls, kind.table, file_of, years, start, end)

    def _record_years(self, kind: PeerRecords, peer_id: str) -> list[int]:
        try:
            return _years_in(os.listdir(self.root / "peers" / peer_id), (kind.table,))
        except FileNotFoundError:
            return []

    def _filed(self, kind: PeerRecords, peer_id: str, record_id: str) -> tuple[int, Any] | None:
        """The year a record is filed under and the record as stored, or None."""
        for year in reversed(self._record_years(kind, peer_id)):
            rel = FILES[kind.table](peer_id, year)
            doc = self._get(rel, kind.table, record_id)
            if doc is not None:
                return year, self._load(kind.cls, rel, doc, record_id)
        return None

    def _put_records(self, kind: PeerRecords, records: list, replaces: datetime | None) -> None:
        """Write ``records`` (each filed under its peer and its year, moved from the year it
        was filed under before) in one unit of work, if each still has the revision
        ``replaces``."""
        changes = []
        with self._work() as uow:
            for record in records:
                peer_id, year = check_id(record.peer_id), record.when.year
                check_id(record.id)
                filed = self._filed(kind, peer_id, record.id)
                if (filed[1].updated_at if filed else None) != replaces:
                    raise ChangedElsewhere(
                        f"This {kind.noun} was changed elsewhere since it was opened; "
                        "nothing was saved."
                    )
                if filed is not None and filed[0] != year:
                    old = FILES[kind.table](peer_id, filed[0])
                    changes.append(Change(old, kind.table, record.id, None))
                new = FILES[kind.table](peer_id, year)
                changes.append(Change(new, kind.table, record.id, to_data(record)))
            uow.apply(changes)
