"""Opening a data folder: the one-writer lock, the format version, an interrupted save.

Opening for writing takes the folder's lock for as long as it is open, completes an
interrupted save (the journal), sweeps temp files, upgrades an older format (after a
backup) and refuses a newer one or a damaged folder, changing nothing. Opening
read-only takes no lock, but completes an interrupted save first when nobody holds the
folder (like SQLite's hot journal). The look over every file and the hourly backup
(:mod:`.upkeep`) are left for after the first screen shows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ... import __version__
from ...domain.serial import to_data
from .. import backups, migrations
from ..crypto.names import KEYS
from ..errors import (
    DamagedFile,
    NewerFormat,
    NotFound,
    ReadOnly,
    SaveFailed,
    StoreLocked,
)
from ..files import clean_temps, ensure_dir, explain, read_json, write_json
from ..journal import JOURNAL
from ..layout import CONFLICTS, LOCK, META, PEOPLE
from ..locking import FolderLock, Held
from .upkeep import UpkeepRoom


class OpeningRoom(UpkeepRoom):
    on_upgrade: Callable[[str], None] | None = None  # told before a format upgrade

    def open_locked(self, *, check: bool = True) -> None:
        """The rest of opening, once the lock is held (or not needed: read-only). An
        encrypted folder stops here until someone signs in (:meth:`KeysRoom.unlock`)."""
        self._check_meta()
        if self.encrypted and self.codec is None:
            self._check_keys_file()
            self._open_check = check
            return
        self._open_unlocked(check)

    def _open_unlocked(self, check: bool) -> None:
        """Opening, once the records can be read: an interrupted save completed, temps
        swept, the roster there, every file looked over."""
        root = self.root
        if not self.read_only:
            if (root / JOURNAL).exists():
                self._replay_journal()
                if not self.encrypted and self._meta_says_encrypted():
                    # the save it completed was the one encrypting the folder: from now
                    # on it opens like any encrypted folder, once someone signs in
                    self.encrypted = True
                    self._dbs.clear()
                    self._check_keys_file()
                    self._open_check = check
                    return
            # After the journal (its staged files are temps until applied). The app
            # opens without the look over every file, and sweeps with it, once Home
            # shows: listing every peer's folder took 6 ms of the start at 678 peers.
            if check:
                clean_temps(root)
            else:
                self._temps_unswept = True
        self._require_people()
        if check:
            self.check_files()
        try:  # people.json is small and Home needs it: parse it now
            self._db(PEOPLE).atomic.read()
        except DamagedFile as error:  # (named with the newest backup of a good copy)
            raise self._damaged(error.path, error.reason, PEOPLE) from None

    def _take_lock(self) -> None:
        self._lock = FolderLock(self.root / LOCK, mode=0o600)
        try:
            self._lock.acquire()
        except Held:
            self._lock = None
            raise StoreLocked(
                f"Another supervise window is already using {self.root}. "
                "Close it first, or open this one read-only with --read-only."
            ) from None
        except OSError as error:
            self._lock = None
            raise SaveFailed(explain(error, self.root / LOCK), error.errno) from None

    def _complete_hot_journal(self) -> None:
        """Opening read-only over an interrupted save: complete it first when nobody
        holds the folder; when a window does, it is saving right now, so wait for it."""
        for _ in range(50):
            try:
                self._take_lock()
            except StoreLocked:
                if not (self.root / JOURNAL).exists():
                    return  # the other window finished its save
                time.sleep(0.1)
                continue
            except SaveFailed:
                self.notices.append(
                    "An interrupted save is waiting in this folder, and it cannot be completed "
                    "here (the folder cannot be written). What is shown is from before it."
                )
                return
            try:
                self._replay_journal()
            finally:
                self._lock.release()
                self._lock = None
            return
        self.notices.append(
            "Another window is in the middle of saving; what is shown may be a moment old."
        )

    def _require_people(self) -> None:
        """A folder with records but no people.json is damaged: reading it as 'nobody'
        would hide every peer, and writing a new one would orphan them."""
        if (self.root / PEOPLE).exists():
            return
        others = (self.root / "peers").is_dir() and any((self.root / "peers").iterdir())
        others = others or (self.root / CONFLICTS).exists()
        if others:
            reason = "it is missing, but other data files are there"
            raise self._damaged(self.root / PEOPLE, reason, PEOPLE)

    def _check_meta(self) -> None:
        path = self.root / META
        if not path.exists():
            if self.read_only:
                raise NotFound(f"There are no records in {self.root} yet.")
            if any(self.root.glob("*.json")) or (self.root / "peers").exists():
                reason = "it is missing, but other data files are there"
                raise self._damaged(path, reason, META)
            write_json(path, self._meta(migrations.SCHEMA_VERSION))
            return
        try:
            meta = read_json(path)
            self.encrypted = isinstance(meta, dict) and bool(meta.get("encryption"))
        except DamagedFile as error:
            raise self._damaged(path, error.reason, META) from None
        version = meta.get("schema_version") if isinstance(meta, dict) else None
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self._damaged(path, "it has no valid schema version", META)
        if version > migrations.SCHEMA_VERSION:
            raise NewerFormat(
                f"The records in {self.root} were written by a newer version of supervise-tui "
                f"(format {version}; this version reads up to {migrations.SCHEMA_VERSION}). "
                "Please update the app; nothing has been changed."
            )
        if version < migrations.SCHEMA_VERSION:
            self._upgrade(path, version)

    def _upgrade(self, path: Path, version: int) -> None:
        if self.read_only:
            raise ReadOnly(
                f"The records in {self.root} need upgrading to this version's format, "
                "which cannot be done read-only. Open them normally once."
            )
        if (self.root / JOURNAL).exists():
            self._replay_journal()  # finish the last save in the format it was written in
        steps = migrations.plan(version)
        if self.on_upgrade is not None:
            self.on_upgrade(
                f"Upgrading the records in {self.root} to this version's format. This "
                "happens once and can take a minute for a long history; a backup is "
                "taken first."
            )
        backups.snapshot(self.root, self.local_now(), f"before-v{migrations.SCHEMA_VERSION}")
        for step in steps:
            migrations.MIGRATIONS[step](self.root)
            write_json(path, self._meta(step + 1))

    def _meta(self, version: int) -> dict:
        meta = {
            "format": "supervise-tui-data",
            "schema_version": version,
            "written_by": __version__,
            "created_at": to_data(self.clock()),
        }
        if self.encrypted:
            meta["encryption"] = {"version": 1, "keys": KEYS}
        return meta

    def _meta_says_encrypted(self) -> bool:
        from ..backups import is_encrypted_folder

        return is_encrypted_folder(self.root)

    def _check_keys_file(self) -> None:
        """An encrypted folder without its keys is damaged: never opened as a new one.
        A keyring that does not match its checksum is named before anyone signs in."""
        if not (self.root / KEYS).exists():
            reason = "it is missing, and without it the encrypted records cannot be opened"
            raise self._damaged(self.root / KEYS, reason, KEYS)
        self._raw(KEYS, "folder")  # read (and checked) whole: DamagedFile names it


def opener(cls):
    """The ways to open a folder, for :class:`~.FolderBackend`."""

    def open_folder(
        root: Path,
        *,
        clock: Callable[[], datetime],
        read_only: bool = False,
        check: bool = True,
        backup: bool = True,
        on_upgrade: Callable[[str], None] | None = None,
    ):
        """Open a data folder. ``check`` looks over every file for damage first and
        ``backup`` takes the hourly snapshot; the app passes False for both and runs
        :meth:`~.upkeep.UpkeepRoom.upkeep` once its first screen shows."""
        store = cls(Path(root), clock=clock, read_only=read_only)
        store.on_upgrade = on_upgrade
        try:
            root = store.root
            if read_only:
                if not (root / META).exists():
                    raise NotFound(f"There are no records in {root} yet.")
                if (root / JOURNAL).exists() and not store._meta_says_encrypted():
                    store._complete_hot_journal()  # (an encrypted one: once signed in)
            else:
                if root.exists() and not root.is_dir():
                    raise NotFound(f"{root} is a file, not a folder of records.")
                ensure_dir(root)
                store._take_lock()
            store.open_locked(check=check)
            if backup and not store.locked:
                problem = store.backup_if_due()
                if problem:
                    store.notices.append(problem)
        except BaseException:
            store.close()
            raise
        return store

    def lock_folder(root: Path, *, clock: Callable[[], datetime]):
        """Hold a folder's write lock, with any interrupted save completed first, and
        read nothing else (for restore, and before a demo is rebuilt)."""
        store = cls(Path(root), clock=clock, read_only=False)
        if not store.root.is_dir():
            raise NotFound(f"There is no data folder at {store.root}.")
        store._take_lock()
        try:
            if (store.root / JOURNAL).exists():
                store._replay_journal()
            if not (store.root / JOURNAL).exists():  # (one still there owns its temps)
                clean_temps(store.root)  # left by a kill: a restore leaves none behind
        except BaseException:
            store.close()
            raise
        return store

    return open_folder, lock_folder
