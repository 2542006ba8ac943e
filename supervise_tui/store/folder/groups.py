"""Group sessions: each attending peer's copy, by the year it took place
(``peers/<peer-id>/groups-YYYY.json``). They are records, not derived: nothing rebuilds
them. Saving one writes every attendee's copy in one unit of work."""

from __future__ import annotations

from datetime import date, datetime

from ...domain.groups import GroupSession
from ..layout import groups_file
from .peer_records import PeerRecords, PeerRecordsRoom

GROUPS = PeerRecords(GroupSession, "groups", groups_file, "group session")


class GroupsRoom(PeerRecordsRoom):
    def groups(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[GroupSession]:
        return self._records(GROUPS, peer_id, start, end)

    def put_group(self, copies: list[GroupSession], *, replaces: datetime | None) -> None:
        self._put_records(GROUPS, copies, replaces)
