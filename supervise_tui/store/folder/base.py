"""The folder's files as the rooms use them: parsed tables, light rows, units of work.

Every room of :class:`~.FolderBackend` reads and writes through these few methods, so
caching, the damage messages and the journal live in one place.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...domain.dates import local
from ...domain.errors import ValidationError
from ...domain.serial import from_data
from .. import backups, journal
from ..errors import DamagedFile, Locked, ReadOnly
from ..storage import Codec, Db, decoded, open_db, parse_tables
from ..unit import Change, UnitOfWork

if TYPE_CHECKING:
    from ...domain.rows import SessionRow

OPEN_DB_LIMIT = 64


class FolderBase:
    """One data folder: its parsed files, cached, and the one unit of work under way."""

    def __init__(self, root: Path, *, clock: Callable[[], datetime], read_only: bool) -> None:
        self.root = Path(root)
        self.clock = clock
        self.read_only = read_only
        self.notices: list[str] = []
        self.recovered_journal = False  # an interrupted save was completed on opening
        self._mutex = threading.RLock()  # calls from the UI's workers never interleave
        self._dbs: OrderedDict[str, Db] = OrderedDict()
        self._unit: UnitOfWork | None = None
        self._lock: Any = None  # a locking.FolderLock while held
        self.codec: Codec | None = None  # an encrypted folder's sealer, once signed in
        self.encrypted = False  # meta.json says the records are sealed (see store/crypto/)

    @property
    def is_demo(self) -> bool:
        """The folder holds the fictional demo (``supervise demo`` marks it)."""
        return (self.root / ".demo").exists()

    @property
    def where(self) -> str:
        return str(self.root)

    def holds_path(self, path: Path) -> bool:
        try:
            path.expanduser().resolve().relative_to(self.root.expanduser().resolve())
        except (ValueError, OSError):
            return False
        return True

    def local_now(self) -> datetime:
        return local(self.clock())

    # -- reading ------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        """An encrypted folder nobody has signed in to (or that the idle lock closed)."""
        return self.encrypted and self.codec is None

    def _db(self, rel: str) -> Db:
        if self.locked and rel not in ("meta.json", "keys.json"):
            raise Locked("These records are encrypted: sign in first.")
        if self._unit is not None:
            held = self._unit.db(rel)
            if held is not None:
                return held
        db = self._dbs.get(rel)
        if db is None:
            db = open_db(self.root, rel, read_only=self.read_only, codec=self.codec)
            self._dbs[rel] = db
            while len(self._dbs) > OPEN_DB_LIMIT:
                self._dbs.popitem(last=False)
        else:
            self._dbs.move_to_end(rel)
        return db

    def _table(self, rel: str, table: str):
        return self._db(rel).table(table)

    def _raw(self, rel: str, table: str) -> list[tuple[str, dict]]:
        try:
            return self._table(rel, table).raw_items()
        except DamagedFile as error:
            raise self._damaged(error.path, error.reason, rel) from None

    def _get(self, rel: str, table: str, doc_id: str) -> dict | None:
        try:
            return self._table(rel, table).get_raw(doc_id)
        except DamagedFile as error:
            raise self._damaged(error.path, error.reason, rel) from None

    def _peek(self, rel: str, table: str, doc_id: str, tables: tuple[str, ...]) -> dict | None:
        """:meth:`_get` for one small document of a plain file not read yet, without
        parsing the rest or keeping it (Home and the team view read one of every peer's
        files); ``tables``: those the file may hold (store/peek.py)."""
        if self.codec is not None or self.encrypted or self._unit is not None or rel in self._dbs:
            return self._get(rel, table, doc_id)
        from ..peek import UNSURE, peek_doc

        found = peek_doc(self.root / rel, table, doc_id, tables)
        return self._get(rel, table, doc_id) if found is UNSURE else found

    def _load(self, cls: type, rel: str, doc: dict, doc_id: str) -> Any:
        try:
            return from_data(cls, doc)
        except ValidationError as error:
            reason = f"record {doc_id} does not have the expected shape ({error.field})"
            raise self._damaged(self.root / rel, reason, rel) from None

    def _damaged(self, path: Path, reason: str, rel: str) -> DamagedFile:
        try:  # the file named may be another than the one read (its key, in the keyring)
            rel = path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        return DamagedFile(path, reason, backups.newest_good(self.root, Path(rel), self.codec))

    def _rows_in(self, rel: str) -> list[SessionRow]:
        """An index file's rows, decoded and checked straight from its bytes (the bulk
        read trends and History make; see store/rows.py)."""
        if self.locked:
            raise Locked("These records are encrypted: sign in first.")
        if self._unit is not None and self._unit.db(rel) is not None:
            return [self._row(rel, i, d) for i, d in self._raw(rel, "sessions")]
        try:  # saves always reach the disk before anything reads, so the file is current
            raw = (self.root / rel).read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            reason = f"it cannot be read ({error.strerror})"
            raise self._damaged(self.root / rel, reason, rel) from None
        try:
            data = decoded(self.codec, self.root / rel, rel, raw)
        except DamagedFile as error:
            raise self._damaged(error.path, error.reason, rel) from None
        from ..rows import decode_rows  # msgspec: imported when rows are first read

        try:
            return decode_rows(data)
        except ValidationError as error:
            reason = f"a session row does not have the expected shape ({error.field})"
            raise self._damaged(self.root / rel, reason, rel) from None

    def _docs_passing(self, rel: str, table: str) -> list[dict]:
        """A file's documents, read past the cache (an export reads every file once: it
        keeps none of them parsed)."""
        if self.locked:
            raise Locked("These records are encrypted: sign in first.")
        if rel in self._dbs or (self._unit is not None and self._unit.db(rel) is not None):
            return [doc for _, doc in self._raw(rel, table)]
        path = self.root / rel
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise self._damaged(path, f"it cannot be read ({error.strerror})", rel) from None
        try:
            tables = parse_tables(path, decoded(self.codec, path, rel, raw))
        except DamagedFile as error:
            raise self._damaged(error.path, error.reason, rel) from None
        return list(tables.get(table, {}).values())

    def _row(self, rel: str, doc_id: str, doc: dict) -> SessionRow:
        from ..rows import row_from_doc

        try:
            return row_from_doc(doc_id, doc)
        except ValidationError:
            reason = f"row {doc_id} does not have the expected shape"
            raise self._damaged(self.root / rel, reason, rel) from None

    def _can_read(self, rel: str) -> bool:
        """Whether the signed-in person holds the key to ``rel`` (lists skip what not)."""
        return self.codec is None or self.codec.can_read(rel)

    def _loads(self, rel: str) -> bool:
        """Whether a file reads as tables (a derived one that does not is rebuilt whole)."""
        try:
            self._db(rel).atomic.read()
            if rel.rsplit("/", 1)[-1].startswith("index-"):
                self._rows_in(rel)
        except DamagedFile:
            self._dbs.pop(rel, None)
            return False
        return True

    # -- writing ------------------------------------------------------------------

    def _guard_write(self) -> None:
        if self.read_only:
            raise ReadOnly("These records are open read-only; nothing can be saved.")

    def commit(self, changes: Iterable[Change]) -> None:
        """Apply ``changes`` all or nothing, through the journal."""
        with self._work() as uow:
            uow.apply(changes)

    @contextmanager
    def _work(self) -> Iterator[UnitOfWork]:
        """A unit of work: everything applied to it is committed at the end in one
        journaled commit, or nothing is when the block raises. Held by one thread."""
        self._guard_write()
        with self._mutex:
            if self._unit is not None:  # already inside one: the outer one commits
                yield self._unit
                return
            if (self.root / journal.JOURNAL).exists():
                self._replay_journal()
            self._unit = uow = UnitOfWork(self.root, self._db, self.codec, self._watch)
            try:
                yield uow
                self._before_commit(uow)
                uow.commit()
            except BaseException:
                uow.abort()
                raise
            finally:
                self._unit = None

    def _watch(self, uow: UnitOfWork, change: Change) -> None:
        """Told of each change a unit of work applies (see :mod:`.tally_copy`)."""

    def _before_commit(self, uow: UnitOfWork) -> None:
        """What follows from the unit's changes, added to it before it commits."""

    def _verify_tally_copy(self) -> bool:
        """Whether the look over every file found Home's figures to correct (see
        :mod:`.tally_copy`)."""
        return False

    def _replay_journal(self) -> None:
        """Complete an interrupted commit (or set aside a journal that does not fit)."""
        for db in self._dbs.values():
            db.atomic.forget()
        result = journal.replay(self.root, self.local_now(), self.codec)
        for db in self._dbs.values():  # read while replaying (the keyring, to open a
            db.atomic.forget()  # sealed journal): what the replay replaced is read again
        if result.completed:
            self.recovered_journal = True
        elif result.set_aside:
            self.notices.append(
                f"An interrupted save could not be completed because {result.reason}; it "
                f"was set aside as {result.set_aside} and the records are as they were "
                "before it. `supervise check` looks them over."
            )

    def close(self) -> None:
        with self._mutex:
            self._dbs.clear()
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
