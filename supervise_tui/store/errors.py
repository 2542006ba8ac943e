"""Errors the store raises. Each carries one plain sentence for the user.

Messages name files and folders, never a record's contents.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: ``str(error)`` is a complete sentence fit to show a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class StoreLocked(StoreError):
    """Another instance holds the data folder."""


class ReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class NewerFormat(StoreError):
    """The data folder was written by a newer version of the app."""


class SaveFailed(StoreError):
    """A write did not complete; the previous state on disk is intact."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


class DamagedFile(StoreError):
    """A data file cannot be read. It is never overwritten."""

    def __init__(self, path: Path, reason: str, backup: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        hint = (
            f" The newest backup with a good copy is {backup!r}: "
            f"run `supervise restore --from {backup}` to go back to it."
            if backup
            else " No backup holds a good copy of it."
        )
        super().__init__(
            f"The data file {path} is damaged ({reason}). Nothing has been changed."
            + hint
            + " `supervise check` gives the full picture."
        )


class Refused(StoreError):
    """A change that the rules do not allow (for example deleting a person with sessions)."""


class NotFound(StoreError):
    """A record that is not in the store."""


class ChangedElsewhere(StoreError):
    """A record was changed by someone else since it was read: not overwritten."""


class NoAccess(StoreError):
    """Records the signed-in person may not read (another peer's), or a locked folder."""


class Locked(StoreError):
    """An encrypted folder that nobody has signed in to yet."""
