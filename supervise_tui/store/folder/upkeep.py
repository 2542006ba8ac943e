"""The folder's upkeep, once the first screen shows: a look over every file for damage
and the hourly backup (a part of opening, :mod:`.opening`)."""

from __future__ import annotations

from datetime import datetime

from .. import backups
from ..errors import DamagedFile, StoreError
from ..files import clean_temps, looks_whole
from ..journal import JOURNAL
from ..layout import COPY_FILES
from .base import FolderBase

BACKUP_EVERY_SECONDS = 3600


class UpkeepRoom(FolderBase):
    def check_files(self) -> None:
        """Find a damaged file without parsing everything (first and last bytes); raises
        DamagedFile naming it and the newest backup with a good copy."""
        for rel in backups.data_files(self.root):
            if rel.name == JOURNAL or rel.as_posix() in COPY_FILES:
                continue  # (the copy of the tallies: read past when damaged, and rebuilt)
            reason = looks_whole(self.root / rel)
            if reason:
                raise self._damaged(self.root / rel, reason, str(rel))

    def sweep_temps(self) -> None:
        """Remove the temp files a kill left (never while a journal owns its temps: the
        next opening completes it, and sweeps then)."""
        if not self.read_only and not (self.root / JOURNAL).exists():
            clean_temps(self.root)
        self._temps_unswept = False

    def backup_if_due(self) -> str | None:
        """Take a snapshot when the newest is more than an hour old; return why none
        could be taken, if that matters to the person (a damaged file: no backup of it)."""
        if self.read_only:
            return None
        try:
            existing = backups.list_backups(self.root)
        except OSError:
            return None
        now = self.local_now()
        if existing:
            try:
                stamp = datetime.strptime(existing[0][:15], "%Y%m%d-%H%M%S")
                if abs((now - stamp).total_seconds()) < BACKUP_EVERY_SECONDS:
                    return None
            except ValueError:
                pass
        if not backups.data_files(self.root):
            return None
        try:
            backups.snapshot(self.root, now, codec=self.codec)
            backups.prune(self.root)
        except DamagedFile as error:
            return f"No backup was taken: {error}"  # a backup of damage would push out good ones
        except (OSError, StoreError):
            return None  # a failed backup never stops the app
        return None

    def backup(self, label: str) -> str | None:
        self._guard_write()
        if self._unit is not None:  # (an import's, before its commit): a file it could not
            self._unit.settle()  # stage is said before a backup is taken, not after
        name = backups.snapshot(self.root, self.local_now(), label, codec=self.codec)
        backups.prune(self.root)
        return name

    _temps_unswept = False  # opened without the look over every file (the app's way)
    tallies_corrected = False  # the last upkeep found Home's figures to correct

    def upkeep(self) -> list[str]:
        """The temp files a kill left swept (when opening did not), a look over every
        file (DamagedFile stops it), the copy of Home's figures held to each peer's own,
        then the hourly backup."""
        if self._temps_unswept:
            self.sweep_temps()
        self.check_files()
        self.tallies_corrected = self._verify_tally_copy()
        problem = self.backup_if_due()
        return [problem] if problem else []
