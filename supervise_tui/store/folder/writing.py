"""Writing a peer's history: a session with what follows from it, a whole history, conflicts.

What to write comes worked out from the use cases (:class:`~..backend.SessionChange`,
:class:`~...domain.derived.PeerHistory`); this room only says which file holds what
and commits it all at once. A save touches the year's record and row, the tracks it
changed, the yearly counts and Home's tally: never the rest of the history.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ...domain.serial import from_data, to_data
from ...domain.stamps import check_id
from ..backend import Conflict, SessionChange
from ..errors import ChangedElsewhere
from ..layout import (
    CONFLICTS,
    DERIVED_PEER_TABLES,
    PEOPLE,
    TALLY,
    TEAM,
    conflicts_file,
    derived_docs,
    draft_file,
    index_file,
    is_derived_file,
    item_file,
    peer_file,
    shard_file,
    track_types,
)
from ..unit import Change
from .base import FolderBase

if TYPE_CHECKING:
    from ...domain.derived import PeerHistory
    from ...domain.models import PeerInput, Session


class WritingRoom(FolderBase):
    def store_session(self, change: SessionChange) -> None:
        session = change.session
        peer_id, year = check_id(session.peer_id), session.when.year
        check_id(session.id)
        with self._work() as uow:
            stored = None
            if change.filed_year is not None:
                stored = self.filed_row(peer_id, session.id, change.filed_year, anywhere=False)
            if (stored.updated_at if stored else None) != change.replaces:
                raise ChangedElsewhere(
                    "This session was changed elsewhere since it was opened; nothing was "
                    "saved. Open it again to see the other change."
                )
            uow.apply(self._session_changes(change, peer_id, year))

    def _session_changes(self, change: SessionChange, peer_id: str, year: int) -> list[Change]:
        from ...domain.rows import row_of, row_to_data  # (not needed to start the app)

        session, prel = change.session, peer_file(peer_id)
        table_of = {cls: name for name, cls in track_types().items()}
        changes = []
        if change.filed_year is not None and change.filed_year != year:
            old = change.filed_year
            for rel in (shard_file(peer_id, old), index_file(peer_id, old)):
                changes.append(Change(rel, "sessions", session.id, None))
        changes.append(Change(shard_file(peer_id, year), "sessions", session.id, to_data(session)))
        row = row_to_data(row_of(session))
        changes.append(Change(index_file(peer_id, year), "sessions", session.id, row))
        for item_id, (before, after) in sorted(change.tracks.items()):
            was = item_file(peer_id, before) if before is not None else None
            now = item_file(peer_id, after) if after is not None else None
            name = table_of[type(after if after is not None else before)]
            if was is not None and was != now:
                changes.append(Change(was, name, item_id, None))
            if after is not None:
                changes.append(Change(now, name, item_id, to_data(after)))
        for y, count in sorted(change.counts.items()):
            changes.append(Change(prel, "years", str(y), None if count is None else to_data(count)))
        changes.append(Change(prel, TALLY, TALLY, to_data(change.tally)))
        if change.team is not None:
            changes.append(Change(prel, TEAM, TEAM, to_data(change.team)))
        if change.peer_input is not None:
            changes.append(Change(prel, "input", "next", to_data(change.peer_input)))
        draft = draft_file(peer_id, session.id)
        if change.drop_draft and (self.root / draft).exists():
            changes.append(Change(draft, None, session.id, None))
        return changes

    def save_peer_input(self, peer_id: str, peer_input: PeerInput) -> None:
        self.commit([Change(peer_file(check_id(peer_id)), "input", "next", to_data(peer_input))])

    def replace_history(self, history: PeerHistory, sessions: list[Session]) -> None:
        from ..record_data import record_data  # (msgspec: not needed to start the app)

        peer_id = check_id(history.peer_id)
        prel = peer_file(peer_id)
        files: dict[str, dict] = {}  # every file of the peer's, as it is to be
        for session in sessions:
            rel = shard_file(peer_id, session.when.year)
            held = files.setdefault(rel, {"sessions": {}})["sessions"]
            held[check_id(session.id)] = record_data(session)
        docs = derived_docs(history)
        for rel, tables in docs.items():
            if rel != prel:
                files[rel] = tables
        agenda = self._get(prel, "input", "next") if (self.root / prel).exists() else None
        peer_doc = {name: docs.get(prel, {}).get(name, {}) for name in DERIVED_PEER_TABLES}
        peer_doc["input"] = {} if agenda is None else {"next": agenda}
        files[prel] = peer_doc
        gone = [  # years that no longer have a session
            f"peers/{peer_id}/{path.name}"
            for path in sorted((self.root / "peers" / peer_id).glob("*.json"))
            if is_derived_file(path.name) or path.name.startswith("sessions-")
        ]
        changes = [Change(rel, None, "", None) for rel in gone if rel not in files]
        changes += [Change(rel, None, "", tables) for rel, tables in sorted(files.items())]
        with self._work() as uow:
            uow.apply(changes)
            uow.spill(keep={PEOPLE, CONFLICTS})  # a long import never holds a done peer

    def conflicts(self) -> list[Conflict]:
        found = []
        for rel in self._conflict_files():
            if self._can_read(rel):
                found += self._conflicts_in(rel)
        return sorted(found, key=lambda c: (c.found_at, c.id))

    def _conflict_files(self) -> list[str]:
        """The folder's (people) and each peer's (their sessions), where there are any."""
        peers = sorted((self.root / "peers").glob("*/conflicts.json"))
        rels = [p.relative_to(self.root).as_posix() for p in peers]
        return ([CONFLICTS] if (self.root / CONFLICTS).exists() else []) + rels

    def _conflict_file(self, conflict: Conflict) -> str:
        peer_id = conflict.incoming.get("peer_id") if conflict.kind == "session" else None
        return conflicts_file(check_id(peer_id) if peer_id else None)

    def _conflicts_in(self, rel: str) -> list[Conflict]:
        found = []
        for doc_id, doc in self._raw(rel, "conflicts"):
            try:
                found.append(
                    Conflict(
                        id=doc_id,
                        kind=doc["kind"],
                        record_id=doc["record_id"],
                        found_at=from_data(datetime, doc["found_at"]),
                        incoming=doc["incoming"],
                    )
                )
            except (KeyError, TypeError, ValueError):
                reason = f"conflict {doc_id} does not have the expected shape"
                raise self._damaged(self.root / rel, reason, rel) from None
        return found

    def put_conflicts(self, conflicts: list[Conflict]) -> None:
        self.commit(
            Change(
                self._conflict_file(c),
                "conflicts",
                c.id,
                {
                    "kind": c.kind,
                    "record_id": c.record_id,
                    "found_at": to_data(c.found_at),
                    "incoming": c.incoming,
                },
            )
            for c in conflicts
        )

    def drop_conflict(self, conflict_id: str) -> None:
        for rel in self._conflict_files():
            if self._get(rel, "conflicts", conflict_id) is not None:
                self.commit([Change(rel, "conflicts", conflict_id, None)])
