"""Group sessions on the server: each attending peer's copy is a row of that peer's
(``groups``, keyed by peer and id), so the row-level policies keep each copy to those who
may see that peer. Saving one writes every copy in one transaction."""

from __future__ import annotations

from datetime import date, datetime

from ...domain.groups import GroupSession
from .peer_records import PeerRecords, PeerRecordsRoom

GROUPS = PeerRecords(GroupSession, "groups", "peer_id, id", "group session")


class GroupsRoom(PeerRecordsRoom):
    def groups(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[GroupSession]:
        return self._records(GROUPS, peer_id, start, end)

    def put_group(self, copies: list[GroupSession], *, replaces: datetime | None) -> None:
        self._put_records(GROUPS, copies, replaces)
