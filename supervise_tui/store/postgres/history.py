"""Reading a peer's history on the server: light rows, full records, tracks, counts, agenda.

Lists and trends read only the ``row`` column (never a full record), between two days
by the ``held_at`` index; tracks are read open, or by id, by the ``settled`` column.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...domain.errors import ValidationError
from ...domain.models import PeerInput, Session
from ...domain.rows import SessionRow
from ...domain.stamps import check_id
from ...domain.tallies import YearCount
from ...domain.tracks import ActionTrack, ConcernTrack, GoalTrack, IdeaTrack, Tracks
from ..errors import DamagedFile, NotFound
from ..rows import decode_rows, row_from_doc
from .base import ServerBase

TRACK_KINDS: dict[str, type] = {
    "concerns": ConcernTrack,
    "ideas": IdeaTrack,
    "goals": GoalTrack,
    "actions": ActionTrack,
}


class HistoryRoom(ServerBase):
    def years(self, peer_id: str) -> dict[int, YearCount]:
        found = self._all(
            "SELECT year, record FROM year_counts WHERE peer_id = %s", (check_id(peer_id),)
        )
        return {y: self._load(YearCount, doc, f"the count of {y}") for y, doc in found}

    def rows(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[SessionRow]:
        # Trends read every row of every peer: the rows come as one JSON text, oldest
        # first, and are decoded and checked straight into SessionRow (store/rows.py).
        where, params = self._held_when(check_id(peer_id), start, end)
        (text,) = self._one(
            "SELECT json_build_object('sessions', coalesce(json_object_agg(id, row "
            f"ORDER BY held_at, id), '{{}}'::json))::text FROM sessions WHERE {where}",
            params,
        )
        try:
            return decode_rows(text.encode())
        except ValidationError as error:
            reason = f"a session row does not have the expected shape ({error.field})"
            raise DamagedFile(Path(self.where), reason) from None

    def _row(self, row_id: str, doc: dict) -> SessionRow:
        try:
            return row_from_doc(row_id, doc)
        except Exception:  # noqa: BLE001 - msgspec's or ours: the same damage either way
            reason = f"row {row_id} does not have the expected shape"
            raise DamagedFile(Path(self.where), reason) from None

    def sessions(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Session]:
        found = self._held_between("sessions", "record", check_id(peer_id), start, end)
        return [self._load(Session, doc, f"session {i}") for i, doc in found]

    def session(self, peer_id: str, session_id: str, year: int | None = None) -> Session:
        found = self._one(
            "SELECT record FROM sessions WHERE peer_id = %s AND id = %s",
            (check_id(peer_id), session_id),
        )
        if found is None:
            raise NotFound("That session is not in the records.")
        return self._load(Session, found[0], f"session {session_id}")

    def filed_row(
        self, peer_id: str, session_id: str, year: int | None, *, anywhere: bool
    ) -> SessionRow | None:
        sql = "SELECT row FROM sessions WHERE peer_id = %s AND id = %s"
        params: list = [check_id(peer_id), session_id]
        if not anywhere:
            sql += " AND year = %s"
            params.append(year)
        found = self._one(sql, params)
        return None if found is None else self._row(session_id, found[0])

    def open_tracks(self, peer_id: str) -> Tracks:
        return self._tracks(peer_id, " AND NOT settled", [])

    def tracks(self, peer_id: str) -> Tracks:
        return self._tracks(peer_id, "", [])

    def tracks_for(self, peer_id: str, ids: set[str]) -> Tracks:
        return self._tracks(peer_id, " AND (NOT settled OR id = ANY(%s))", [sorted(ids)])

    def _tracks(self, peer_id: str, where: str, params: list) -> Tracks:
        """The peer's tracks, with the revision they were read at noted first (a save
        worked out from them is refused if another came in since)."""
        self._note_read(check_id(peer_id))
        found = self._all(
            f"SELECT kind, id, record FROM tracks WHERE peer_id = %s{where} ORDER BY id",
            [peer_id, *params],
        )
        tracks = Tracks()
        for kind, item_id, doc in found:
            getattr(tracks, kind)[item_id] = self._load(TRACK_KINDS[kind], doc, f"item {item_id}")
        return tracks

    def peer_input(self, peer_id: str) -> PeerInput:
        found = self._one("SELECT input FROM peer_state WHERE peer_id = %s", (check_id(peer_id),))
        if found is None or found[0] is None:
            return PeerInput()
        return self._load(PeerInput, found[0], f"the agenda of {peer_id}")

    def peers_with_records(self) -> list[str]:
        return [i for (i,) in self._all("SELECT peer_id FROM peer_state ORDER BY peer_id")]

    def session_owners(self) -> dict[str, str]:
        return dict(self._all("SELECT id, peer_id FROM sessions"))
