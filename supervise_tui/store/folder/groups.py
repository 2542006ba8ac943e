"""Group sessions: each attending peer's copy, by the year it took place
(``peers/<peer-id>/groups-YYYY.json``). They are records, not derived: nothing rebuilds
them. Saving one writes every attendee's copy in one unit of work."""

from __future__ import annotations

import functools
import os
from datetime import date, datetime

from ...domain.groups import GroupSession
from ...domain.serial import to_data
from ...domain.validation import check_id
from ..errors import ChangedElsewhere
from ..layout import groups_file
from ..unit import Change
from .history import HistoryRoom, _years_in


class GroupsRoom(HistoryRoom):
    def groups(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[GroupSession]:
        peer_id = check_id(peer_id)
        file_of = functools.partial(groups_file, peer_id)
        return self._held_between(
            GroupSession, "groups", file_of, self._group_years(peer_id), start, end
        )

    def _group_years(self, peer_id: str) -> list[int]:
        try:
            return _years_in(os.listdir(self.root / "peers" / peer_id), ("groups",))
        except FileNotFoundError:
            return []

    def _filed_group(self, peer_id: str, group_id: str) -> tuple[int, GroupSession] | None:
        for year in reversed(self._group_years(peer_id)):
            rel = groups_file(peer_id, year)
            doc = self._get(rel, "groups", group_id)
            if doc is not None:
                return year, self._load(GroupSession, rel, doc, group_id)
        return None

    def put_group(self, copies: list[GroupSession], *, replaces: datetime | None) -> None:
        changes = []
        with self._work() as uow:
            for copy in copies:
                peer_id, year = check_id(copy.peer_id), copy.when.year
                check_id(copy.id)
                filed = self._filed_group(peer_id, copy.id)
                if (filed[1].updated_at if filed else None) != replaces:
                    raise ChangedElsewhere(
                        "This group session was changed elsewhere since it was opened; "
                        "nothing was saved."
                    )
                if filed is not None and filed[0] != year:
                    changes.append(Change(groups_file(peer_id, filed[0]), "groups", copy.id, None))
                changes.append(Change(groups_file(peer_id, year), "groups", copy.id, to_data(copy)))
            uow.apply(changes)
