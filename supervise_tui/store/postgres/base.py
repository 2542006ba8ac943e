"""One connection to the server as the rooms use it: queries, write transactions, revisions.

Every room of :class:`~.ServerBackend` reads and writes through these few methods. A
write is one transaction (``_write``), inside :meth:`transaction` when one is open (so
a use case's several writes commit together). Records are stored as JSONB in the form
:func:`~...domain.serial.to_data` gives, and loaded back with ``from_data``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ...domain.errors import ValidationError
from ...domain.serial import from_data
from ..errors import ChangedElsewhere, DamagedFile, ReadOnly
from .connect import connect


class ServerBase:
    def __init__(self, url: str, *, clock: Callable[[], datetime], read_only: bool) -> None:
        self.clock = clock
        self.read_only = read_only
        self.notices: list[str] = []
        self.signed_in: str | None = None  # each person is their own login: no sign-in here
        self.encrypted = False
        self.everything = True  # this login sees every record (the owner, or a lead)
        self.me: str | None = None  # the person this login is, when it is someone's
        self._mutex = threading.RLock()  # calls from the UI's workers never interleave
        self._seen = threading.local()  # the peers' revisions this thread last read
        self._url = url  # (never shown: it may hold a password)
        self._closed = False
        self._depth = 0  # transactions open (a use case's, and the writes inside it)
        self._conn, self._where = connect(url, read_only=read_only)

    @property
    def where(self) -> str:
        return self._where

    def holds_path(self, path: Path) -> bool:
        return False  # nothing is kept in files here

    @property
    def locked(self) -> bool:
        return False

    @property
    def is_demo(self) -> bool:
        return False  # the demo goes only into an empty database, which is then like any

    def backup(self, label: str) -> str | None:
        return None  # the server keeps its own (pg_dump, see docs/agency.md)

    def upkeep(self) -> list[str]:
        return []

    # -- reading ------------------------------------------------------------------

    def _live(self):
        """The connection, made again when the server dropped it (a restart, a network
        blip): the call that found it dropped failed with a sentence; the next one works."""
        if self._conn.broken and not self._closed and not self._depth:
            from .connect import connect

            self._conn, _ = connect(self._url, read_only=self.read_only)
        return self._conn

    def _all(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        with self._live().cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def _one(self, sql: str, params: tuple | list = ()) -> tuple | None:
        with self._live().cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()

    @staticmethod
    def _held_when(peer_id: str, start: date | None, end: date | None) -> tuple[str, list]:
        """The SQL condition (and its values) for a peer's rows held between two days
        (either open): one range over the (peer_id, held_at) index."""
        sql, params = "peer_id = %s", [peer_id]
        if start is not None:
            sql += " AND held_at >= %s"
            params.append(datetime.combine(start, time.min))
        if end is not None:
            sql += " AND held_at <= %s"
            params.append(datetime.combine(end, time.max))
        return sql, params

    def _held_between(
        self, table: str, column: str, peer_id: str, start: date | None, end: date | None
    ) -> list[tuple]:
        """(id, ``column``) of a peer's rows in ``table`` held between two days, oldest
        first."""
        where, params = self._held_when(peer_id, start, end)
        return self._all(
            f"SELECT id, {column} FROM {table} WHERE {where} ORDER BY held_at, id", params
        )

    def _load(self, cls: type, doc: Any, what: str) -> Any:
        try:
            return from_data(cls, doc)
        except ValidationError as error:
            raise DamagedFile(
                Path(self._where), f"{what} does not have the expected shape ({error.field})"
            ) from None

    # -- writing ------------------------------------------------------------------

    def _guard_write(self) -> None:
        if self.read_only:
            raise ReadOnly("These records are open read-only; nothing can be saved.")

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed at the end, or rolled back whole
        when the block raises (a savepoint when a transaction is already open)."""
        self._guard_write()
        with self._mutex:
            conn = self._conn if self._depth else self._live()  # (never within a transaction)
            self._depth += 1
            try:
                with conn.transaction(), conn.cursor() as cur:
                    yield cur
            finally:
                self._depth -= 1

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._write():
            yield

    # -- revisions: a save made from an older reading of a peer's records is refused ---

    def _revision(self, peer_id: str) -> int:
        found = self._one("SELECT revision FROM peer_state WHERE peer_id = %s", (peer_id,))
        return found[0] if found else 0

    def _note_read(self, peer_id: str) -> None:
        """Remember the peer's revision as this thread read their tracks (a use case
        reads them first, works out the change, then stores it)."""
        seen = getattr(self._seen, "peers", None)
        if seen is None:
            seen = self._seen.peers = {}
        seen[peer_id] = self._revision(peer_id)

    def _claim(self, cur, peer_id: str, *, check: bool = True) -> None:
        """Hold the peer's revision for this transaction and raise it; with ``check``,
        ChangedElsewhere when another save came in since this thread read the peer's
        tracks (what the change was worked out from)."""
        cur.execute(
            "INSERT INTO peer_state (peer_id) VALUES (%s) ON CONFLICT (peer_id) DO NOTHING",
            (peer_id,),
        )
        cur.execute("SELECT revision FROM peer_state WHERE peer_id = %s FOR UPDATE", (peer_id,))
        held = cur.fetchone()[0]
        cur.execute("UPDATE peer_state SET revision = revision + 1 WHERE peer_id = %s", (peer_id,))
        read = getattr(self._seen, "peers", {}).pop(peer_id, None)
        if check and read is not None and read != held:
            raise ChangedElsewhere(
                "This peer's records were changed elsewhere since they were read; nothing "
                "was saved. Open them again to see the other change."
            )

    def close(self) -> None:
        with self._mutex:
            self._closed = True
            if not self._conn.closed:
                self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
