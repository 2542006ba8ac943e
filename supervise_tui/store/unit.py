"""A unit of work over the folder's TinyDB files: document changes in, one commit out.

Changes are applied to each file's tables in memory (the file's storage *holds* its
writes), so every file a commit touches is read, and found whole, before anything
is written. :meth:`UnitOfWork.commit` then stages each file's new bytes and commits
them through the journal (:mod:`.journal`): all of them, or none.

A long unit (an import of years of records) can :meth:`~UnitOfWork.spill` the files
it has finished with to their temp files as it goes, so it never holds more than the
files it is still working on.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import journal
from .files import ensure_dir
from .flushing import Flusher
from .storage import Db


def db_bytes(db: Db, data: dict) -> bytes:
    return db.atomic.encode(data)


@dataclass(frozen=True)
class Change:
    """One document put (``doc``) or removed (``doc is None``) in ``file``'s ``table``.

    With ``table`` None the change is to the whole file: removed (``doc`` None), or
    written afresh with ``doc`` as its tables, whatever it held (a rebuild of a
    damaged derived file)."""

    file: str
    table: str | None
    doc_id: str
    doc: dict | None


class UnitOfWork:
    def __init__(
        self,
        root: Path,
        db_for: Callable[[str], Db],
        codec=None,
        watch: Callable[[UnitOfWork, Change], None] | None = None,
    ) -> None:
        self.root = root
        self._watch = watch  # told of every change applied (the folder's copy of tallies)
        self.notes: dict[str, object] = {}  # what the watcher keeps of them until the commit
        self._db_for = db_for
        self._codec = codec  # seals the journal of an encrypted folder
        self._held: OrderedDict[str, Db] = OrderedDict()  # new contents in memory
        self._staged: dict[str, journal.Staged] = {}  # new contents in temp files
        self._spilled: list[Db] = []
        self._made: dict[Path, None] = {}  # folders made for new files (in order)
        self._flusher = Flusher()  # staged files reach the disk while the unit goes on

    def db(self, rel: str) -> Db | None:
        """The file's tables as this unit has changed them so far (None: untouched)."""
        return self._held.get(rel)

    def apply(self, changes: Iterable[Change]) -> None:
        groups: OrderedDict[str, list[Change]] = OrderedDict()
        for change in changes:
            groups.setdefault(change.file, []).append(change)
            if self._watch is not None:
                self._watch(self, change)
        for rel, group in groups.items():
            if rel in self._staged:
                raise RuntimeError(f"{rel} was already written by this unit of work")
            whole = [c for c in group if c.table is None]
            if whole:
                if whole[-1].doc is None:
                    self._remove(rel)
                else:
                    self._replace(rel, whole[-1].doc)
                continue
            db = self._held.get(rel)
            if db is None:  # (a Db is falsy when its default table is empty)
                db = self._hold(rel)
            for change in group:
                table = db.table(change.table)
                if change.doc is None:
                    table.remove(doc_ids=[change.doc_id])
                else:
                    table.put(change.doc_id, change.doc)

    def _hold(self, rel: str) -> Db:
        db = self._db_for(rel)
        storage = db.atomic
        storage.on_disk_digest()  # read it now: a damaged file stops the unit here
        storage.hold()
        self._held[rel] = db
        return db

    def _remove(self, rel: str) -> None:
        db = self._held.pop(rel, None)
        if db is not None:
            db.atomic.release()
        before = journal.file_digest(self.root / rel)
        self._staged[rel] = journal.stage_removal(rel, before)
        if db is not None:
            self._spilled.append(db)

    def _replace(self, rel: str, tables: dict) -> None:
        db = self._held.pop(rel, None)
        if db is not None:
            db.atomic.release()
            self._spilled.append(db)
        path = self.root / rel
        # (a folder this unit made holds none of its files yet: they are put in place at
        # the commit; looking would wait on the disk, as busy as it is with the staging)
        before = None if path.parent in self._made else journal.file_digest(path)
        self._staged[rel] = self._stage(rel, tables, before)
        self._spilled.append(self._db_for(rel))  # its cache is forgotten at the end

    def spill(self, keep: Iterable[str] = ()) -> None:
        """Write the new contents of every held file but ``keep`` to temp files."""
        keep = set(keep)
        for rel in [r for r in self._held if r not in keep]:
            db = self._held.pop(rel)
            storage = db.atomic
            before = storage.loaded_digest
            data = storage.release()
            if data is None:
                continue  # held but never written: nothing changes
            self._staged[rel] = self._stage(rel, data, before)
            storage.forget()
            self._spilled.append(db)

    def _stage(self, rel: str, data: dict, before: str | None) -> journal.Staged:
        folder = (self.root / rel).parent
        if folder not in self._made and not folder.exists():  # (made: no need to ask the disk)
            missing = []  # up to the first folder there (the disk is asked once a folder)
            for parent in (folder, *folder.parents):
                if parent in self._made or parent.exists():
                    break
                missing.append(parent)
            ensure_dir(folder)
            self._made.update(dict.fromkeys(missing))
        raw = db_bytes(self._db_for(rel), data)
        return journal.stage_bytes(self.root, rel, raw, before, self._flusher)

    def settle(self) -> None:
        """Wait until every file staged so far is on disk: SaveFailed, naming the first
        that could not be written, when one was not."""
        self._flusher.wait()

    def commit(self) -> None:
        """Stage what is still held and commit everything through the journal."""
        settled: list[tuple[Db, dict, str]] = []
        for rel, db in list(self._held.items()):
            storage = db.atomic
            before = storage.loaded_digest
            data = storage.release()
            del self._held[rel]
            if data is None:
                continue
            self._staged[rel] = self._stage(rel, data, before)
            settled.append((db, data, rel))
        self._flusher.wait()  # every staged file on disk before the journal names it
        staged = {rel: entry.settled() for rel, entry in self._staged.items()}
        listed = journal.write_journal(self.root, list(staged.values()), self._codec)
        self._staged.clear()  # the journal owns the temps now: a failure leaves them to replay
        if listed:
            journal.finish(self.root, listed)
        for db, data, rel in settled:
            db.atomic.settled(data, staged[rel].after)
        for db in self._spilled:
            db.atomic.forget()
        self._made.clear()

    def abort(self) -> None:
        """Leave everything as it was: drop what is held, remove the temp files."""
        for db in [*self._held.values(), *self._spilled]:
            db.atomic.release()
            db.atomic.forget()
        self._held.clear()
        self._flusher.close()
        journal.discard(self.root, self._staged.values())
        self._staged.clear()
        for folder in sorted(self._made, key=lambda p: len(p.parts), reverse=True):
            try:
                folder.rmdir()
            except OSError:
                pass
        self._made.clear()
