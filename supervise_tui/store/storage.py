"""TinyDB behind crash-safe, orjson-backed storage with UUID document ids.

- :class:`AtomicStorage` never writes in place (see :mod:`.files`), keeps the
  parsed file in memory (this process holds the only write lock), and can
  hold writes during a batch so several table changes cost one file write.
- :class:`UuidTable` uses the record's UUID as the TinyDB document id, so the
  integer ids TinyDB reuses after deletes are never seen anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from .errors import DamagedFile, ReadOnly
from .files import read_json, write_json


class AtomicStorage(Storage):
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict | None = None
        self._held = 0
        self._pending: dict | None = None

    def read(self) -> dict | None:
        if self._pending is not None:
            return dict(self._pending)
        if self._cache is None:
            try:
                data = read_json(self.path)
            except FileNotFoundError:
                return None
            if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
                raise DamagedFile(self.path, "it does not have the expected shape")
            for table in data.values():
                if not all(isinstance(doc, dict) for doc in table.values()):
                    raise DamagedFile(self.path, "it does not have the expected shape")
            self._cache = data
        return dict(self._cache)

    def write(self, data: dict) -> None:
        if self.read_only:
            raise ReadOnly("This data folder is open read-only; nothing can be saved.")
        if self._held:
            self._pending = data
            return
        self._flush(data)

    def _flush(self, data: dict) -> None:
        try:
            write_json(self.path, data)
        except BaseException:
            self._cache = None  # re-read what is really on disk next time
            raise
        self._cache = data

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold writes; on leaving, write the file once (or not at all on error)."""
        self._held += 1
        try:
            yield
        except BaseException:
            self._held -= 1
            if not self._held:
                self._pending = None
                self._cache = None
            raise
        self._held -= 1
        if not self._held and self._pending is not None:
            pending, self._pending = self._pending, None
            self._flush(pending)

    def current(self) -> object:
        """The parsed contents as they stand (a new object whenever they change), so a
        reader can tell whether what it derived from them is still up to date."""
        return self._pending if self._pending is not None else self._cache

    def forget(self) -> None:
        """Drop the in-memory copy (after the file was replaced from outside)."""
        self._cache = None
        self._pending = None

    def close(self) -> None:
        pass


class UuidTable(Table):
    document_id_class = str

    def _get_next_id(self):  # pragma: no cover - a programming error if reached
        raise RuntimeError("every document needs an explicit UUID")

    def put(self, doc_id: str, doc: dict) -> None:
        """Insert or wholly replace one document."""
        self.remove(doc_ids=[doc_id])
        self.insert(Document(doc, doc_id=doc_id))

    def get_raw(self, doc_id: str) -> dict | None:
        raw = self._read_table().get(doc_id)
        return None if raw is None else dict(raw)

    def raw_items(self) -> list[tuple[str, dict]]:
        return [(doc_id, doc) for doc_id, doc in self._read_table().items()]


class Db(TinyDB):
    table_class = UuidTable
    default_table_name = "_unused"

    @property
    def atomic(self) -> AtomicStorage:
        return self.storage  # type: ignore[return-value]


def open_db(path: Path, read_only: bool = False) -> Db:
    return Db(path, storage=AtomicStorage, read_only=read_only)
