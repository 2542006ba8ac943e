"""TinyDB behind crash-safe, orjson-backed storage with UUID document ids.

This module and :mod:`.unit` are the only places that know TinyDB.

- :class:`AtomicStorage` never writes in place (see :mod:`.files`), keeps the parsed
  file in memory together with the hash of its bytes on disk (what a journal entry
  proves itself against), notices when the file was replaced from outside, and can
  *hold* writes so a unit of work can work out a file's new contents without writing.
- :class:`UuidTable` uses the record's UUID as the TinyDB document id, so the integer
  ids TinyDB reuses after deletes are never seen anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Protocol

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from .crypto import integrity
from .errors import DamagedFile, NoAccess, ReadOnly
from .files import atomic_write
from .journal import digest

Signature = tuple[int, int, int] | None  # inode, size, modification time (ns)


class Codec(Protocol):
    """How a file's bytes on disk become its JSON and back (an encrypted folder's sealer;
    a plain folder has none)."""

    def decode(self, rel: str, raw: bytes) -> bytes: ...

    def encode(self, rel: str, plain: bytes) -> bytes: ...


def decoded(codec: Codec | None, path: Path, rel: str, raw: bytes) -> bytes:
    """``raw`` through ``codec``; damage or a key that is not the reader's as store errors."""
    if codec is None:
        return raw
    from .crypto.names import KeyringDamaged, KeyringError, SealError

    try:
        return codec.decode(rel, raw)
    except SealError as error:
        raise DamagedFile(path, error.reason) from None
    except KeyringDamaged as error:  # the key to it is damaged, not the file
        root = path.parents[len(PurePosixPath(rel).parts) - 1]
        raise DamagedFile(root / integrity.KEYS, error.reason) from None
    except KeyringError as error:
        raise NoAccess(str(error)) from None


def _signature(path: Path) -> Signature:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def parse_tables(path: Path, raw: bytes) -> dict:
    """A data file's bytes as its tables; DamagedFile when they are not."""
    from .files import parse_json

    data = parse_json(path, raw)
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFile(path, "it does not have the expected shape")
    for table in data.values():
        if not all(isinstance(doc, dict) for doc in table.values()):
            raise DamagedFile(path, "it does not have the expected shape")
    return data


class AtomicStorage(Storage):
    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        rel: str = "",
        codec: Codec | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.rel = rel or self.path.name
        self.codec = codec
        self._cache: dict | None = None
        self._digest: str | None = None  # hash of the bytes the cache came from
        self._signature: Signature = None
        self._held = 0
        self._pending: dict | None = None

    # -- reading ---------------------------------------------------------------

    def read(self) -> dict | None:
        if self._pending is not None:
            return dict(self._pending)
        stale = self._cache is None or (self.read_only and not self.is_current())
        if stale and not self._load():
            return None
        return dict(self._cache)

    def _load(self) -> bool:
        """Parse the file into the cache; False when there is no file."""
        self._cache = self._digest = self._signature = None
        signature = _signature(self.path)
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return False
        except OSError as error:
            raise DamagedFile(self.path, f"it cannot be read: {error.strerror or error}") from None
        data = parse_tables(self.path, decoded(self.codec, self.path, self.rel, raw))
        if self.rel == integrity.KEYS:  # the keyring: its checksum, before anyone signs in
            problem = integrity.problem(data)
            if problem:
                raise DamagedFile(self.path, problem)
        self._cache = data
        self._digest = digest(raw)
        self._signature = signature
        return True

    def is_current(self) -> bool:
        """Whether the cache still matches the file on disk (nothing replaced it)."""
        return self._signature == _signature(self.path) and (
            self._cache is not None or self._signature is None
        )

    @property
    def loaded_digest(self) -> str | None:
        """The hash of the bytes the cached contents were read from (None: no file)."""
        return self._digest

    def on_disk_digest(self) -> str | None:
        """The hash of the file's bytes now (None: no file), reading it again only if
        it changed since it was cached."""
        if self._cache is None or not self.is_current():
            self.forget()
            self._load()
        return self._digest

    def current(self) -> object:
        """The parsed contents as they stand (a new object whenever they change), so a
        reader can tell whether what it derived from them is still up to date."""
        if self.read_only and self._cache is not None and not self.is_current():
            self._load()
        return self._pending if self._pending is not None else self._cache

    # -- writing ---------------------------------------------------------------

    def write(self, data: dict) -> None:
        if self.read_only:
            raise ReadOnly("This data folder is open read-only; nothing can be saved.")
        if self._held:
            self._pending = data
            return
        raw = self.encode(data)  # a lone write (a draft): one file, atomically
        try:
            atomic_write(self.path, raw)
        except BaseException:
            self.forget()  # read what is really on disk next time
            raise
        self.settled(data, digest(raw))

    def encode(self, data: dict) -> bytes:
        """The bytes ``data`` is kept as (sealed, in an encrypted folder; the keyring
        with its checksum worked out afresh, whichever way it is written)."""
        if self.rel == integrity.KEYS:
            data = integrity.stamped(data)
        plain = orjson.dumps(data)
        return plain if self.codec is None else self.codec.encode(self.rel, plain)

    def hold(self) -> None:
        """Keep writes in memory (a unit of work is working out this file's contents)."""
        self._held += 1

    def release(self) -> dict | None:
        """Stop holding; return what the held writes came to (None if there were none)."""
        self._held = max(0, self._held - 1)
        pending, self._pending = self._pending, None
        return pending

    def settled(self, data: dict | None, new_digest: str | None) -> None:
        """The file on disk now holds ``data`` (None: it was removed)."""
        self._pending = None
        self._cache = data
        self._digest = new_digest
        self._signature = _signature(self.path)

    def forget(self) -> None:
        """Drop the in-memory copy (after the file was replaced from outside)."""
        self._cache = self._digest = self._signature = None
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


def open_db(root: Path, rel: str, *, read_only: bool = False, codec: Codec | None = None) -> Db:
    return Db(root / rel, storage=AtomicStorage, read_only=read_only, rel=rel, codec=codec)
