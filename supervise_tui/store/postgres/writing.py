"""Writing a peer's history on the server: a session with what follows from it, a whole
history, the peer's agenda, conflicts. Each is one transaction.

Every write to a peer's records holds and raises the peer's revision (``peer_state``),
so two saves for the same peer never interleave, and a save worked out from tracks read
before another save came in is refused (ChangedElsewhere) instead of losing it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.types.json import Jsonb

from ...domain.derived import PeerHistory
from ...domain.models import PeerInput, Session
from ...domain.rows import SessionRow, row_of, row_to_data
from ...domain.serial import from_data, to_data
from ...domain.stamps import check_id
from ...domain.tracks import is_settled
from ..backend import Conflict, SessionChange
from ..errors import ChangedElsewhere
from ..layout import raised_on
from .base import ServerBase
from .history import TRACK_KINDS
from .people import stamp

if TYPE_CHECKING:
    from ..backend import Track

_KIND_OF = {cls: name for name, cls in TRACK_KINDS.items()}

_PUT_SESSION = (
    "INSERT INTO sessions (id, peer_id, year, held_at, day, kind, status, updated_at, "
    "record, row) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (id) DO UPDATE SET peer_id = excluded.peer_id, year = excluded.year, "
    "held_at = excluded.held_at, day = excluded.day, kind = excluded.kind, "
    "status = excluded.status, updated_at = excluded.updated_at, record = excluded.record, "
    "row = excluded.row"
)
_PUT_TRACK = (
    "INSERT INTO tracks (peer_id, id, kind, settled, raised_year, record) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (peer_id, id) DO UPDATE SET "
    "kind = excluded.kind, settled = excluded.settled, raised_year = excluded.raised_year, "
    "record = excluded.record"
)
_PUT_COUNT = (
    "INSERT INTO year_counts (peer_id, year, record) VALUES (%s, %s, %s) "
    "ON CONFLICT (peer_id, year) DO UPDATE SET record = excluded.record"
)


def session_values(session: Session, row: SessionRow) -> tuple:
    return (
        session.id,
        session.peer_id,
        session.when.year,
        session.when.replace(tzinfo=None),
        session.when.date(),
        session.kind.value,
        session.status.value,
        stamp(session.updated_at),
        Jsonb(to_data(session)),
        Jsonb(row_to_data(row)),
    )


def track_values(peer_id: str, item_id: str, track: Track) -> tuple:
    return (
        peer_id,
        item_id,
        _KIND_OF[type(track)],
        is_settled(track),
        raised_on(track).year,
        Jsonb(to_data(track)),
    )


class WritingRoom(ServerBase):
    def store_session(self, change: SessionChange) -> None:
        session = change.session
        peer_id = check_id(session.peer_id)
        check_id(session.id)
        with self._write() as cur:
            self._claim(cur, peer_id)
            cur.execute(
                "SELECT year, updated_at FROM sessions WHERE id = %s AND peer_id = %s FOR UPDATE",
                (session.id, peer_id),
            )
            found = cur.fetchone()
            stored = found[1] if found and found[0] == change.filed_year else None
            if stored != stamp(change.replaces):
                raise ChangedElsewhere(
                    "This session was changed elsewhere since it was opened; nothing was "
                    "saved. Open it again to see the other change."
                )
            cur.execute(_PUT_SESSION, session_values(session, row_of(session)))
            for item_id, (_, after) in sorted(change.tracks.items()):
                if after is None:
                    cur.execute(
                        "DELETE FROM tracks WHERE peer_id = %s AND id = %s", (peer_id, item_id)
                    )
                else:
                    cur.execute(_PUT_TRACK, track_values(peer_id, item_id, after))
            for year, count in sorted(change.counts.items()):
                if count is None:
                    cur.execute(
                        "DELETE FROM year_counts WHERE peer_id = %s AND year = %s", (peer_id, year)
                    )
                else:
                    cur.execute(_PUT_COUNT, (peer_id, year, Jsonb(to_data(count))))
            cur.execute(
                "UPDATE peer_state SET tally = %s WHERE peer_id = %s",
                (Jsonb(to_data(change.tally)), peer_id),
            )
            if change.peer_input is not None:
                cur.execute(
                    "UPDATE peer_state SET input = %s WHERE peer_id = %s",
                    (Jsonb(to_data(change.peer_input)), peer_id),
                )
            if change.drop_draft:
                cur.execute("DELETE FROM drafts WHERE id = %s", (session.id,))

    def save_peer_input(self, peer_id: str, peer_input: PeerInput) -> None:
        with self._write() as cur:
            self._claim(cur, check_id(peer_id), check=False)
            cur.execute(
                "UPDATE peer_state SET input = %s WHERE peer_id = %s",
                (Jsonb(to_data(peer_input)), peer_id),
            )

    def replace_history(self, history: PeerHistory, sessions: list[Session]) -> None:
        peer_id = check_id(history.peer_id)
        rows = {row.id: row for row in history.rows}
        with self._write() as cur:
            self._claim(cur, peer_id, check=False)
            for table in ("sessions", "tracks", "year_counts"):
                cur.execute(f"DELETE FROM {table} WHERE peer_id = %s", (peer_id,))
            cur.executemany(
                _PUT_SESSION,
                [session_values(s, rows.get(s.id) or row_of(s)) for s in sessions],
            )
            cur.executemany(
                _PUT_TRACK,
                [
                    track_values(peer_id, item_id, track)
                    for name in TRACK_KINDS
                    for item_id, track in getattr(history.tracks, name).items()
                ],
            )
            cur.executemany(
                _PUT_COUNT,
                [(peer_id, y, Jsonb(to_data(c))) for y, c in sorted(history.counts.items())],
            )
            cur.execute(
                "UPDATE peer_state SET tally = %s WHERE peer_id = %s",
                (Jsonb(to_data(history.tally)), peer_id),
            )

    # -- conflicts ----------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        found = [
            Conflict(
                id=i,
                kind=kind,
                record_id=record_id,
                found_at=from_data(datetime, found_at),
                incoming=incoming,
            )
            for i, kind, record_id, found_at, incoming in self._all(
                "SELECT id, kind, record_id, found_at, incoming FROM conflicts"
            )
        ]
        return sorted(found, key=lambda c: (c.found_at, c.id))

    def put_conflicts(self, conflicts: list[Conflict]) -> None:
        with self._write() as cur:
            for c in conflicts:
                peer_id = c.incoming.get("peer_id") if c.kind == "session" else None
                cur.execute(
                    "INSERT INTO conflicts (id, peer_id, kind, record_id, found_at, incoming) "
                    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                    "peer_id = excluded.peer_id, kind = excluded.kind, "
                    "record_id = excluded.record_id, found_at = excluded.found_at, "
                    "incoming = excluded.incoming",
                    (
                        c.id,
                        check_id(peer_id) if peer_id else None,
                        c.kind,
                        c.record_id,
                        to_data(c.found_at),
                        Jsonb(c.incoming),
                    ),
                )

    def drop_conflict(self, conflict_id: str) -> None:
        with self._write() as cur:
            cur.execute("DELETE FROM conflicts WHERE id = %s", (conflict_id,))
