"""The folder's one-writer lock: its ``.lock`` file held with ``flock`` while it is open.

This is what filelock does on Unix (so a window of an earlier version, which takes the
lock through filelock, and this one keep each other out), without importing filelock
at every start: that took about 20 ms of a start to Home. filelock itself is used where
``flock`` is missing (Windows, or a file system without it), as before.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any


class Held(Exception):
    """Another process (another window) holds the lock."""


_MISSING = {errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK}  # no flock here
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK}


class FolderLock:
    def __init__(self, path: Path, mode: int = 0o600) -> None:
        self.path = Path(path)
        self.mode = mode
        self._fd: int | None = None
        self._other: Any = None  # a filelock.FileLock, where flock is missing

    def acquire(self) -> None:
        """Hold the lock now, or raise Held (OSError when the file cannot be opened)."""
        try:
            import fcntl
        except ImportError:  # (not a Unix)
            self._acquire_elsewhere()
            return
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in _BUSY:
                raise Held from None
            if error.errno in _MISSING:
                self._acquire_elsewhere()
                return
            raise
        self._fd = fd

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            return os.open(self.path, flags, self.mode)
        except OSError as error:  # a lock file that cannot be written can still be held
            if error.errno not in (errno.EACCES, errno.EROFS) or not self.path.exists():
                raise
            return os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))

    def _acquire_elsewhere(self) -> None:
        import filelock

        lock = filelock.FileLock(str(self.path), timeout=0, mode=self.mode)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise Held from None
        self._other = lock

    def release(self) -> None:
        if self._fd is not None:
            import fcntl

            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        if self._other is not None:
            other, self._other = self._other, None
            other.release()
