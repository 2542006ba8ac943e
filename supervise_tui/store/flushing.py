"""Staged files flushed to disk in the background, all of them before the journal.

A commit stages each file's new bytes in a temp file that must be on disk before the
journal names it (:mod:`.journal`, step 1). Waiting for each flush in turn made a long
unit of work (an import of years of records: thousands of files) wait on the disk a
few milliseconds per file; here the flushes run on a few threads while the unit goes
on working out the next files, and :meth:`Flusher.wait` waits for every one of them
(and says the first that failed) before the journal is written. Several flushes at
once also let the file system put them in one of its own commits.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SaveFailed
from .files import explain

if TYPE_CHECKING:  # (concurrent.futures is loaded at the first flush, not at start)
    from concurrent.futures import Future

WORKERS = 4
AT_MOST = 64  # files flushing at once (each holds a descriptor open until flushed)


def _flush(fd: int) -> None:
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Flusher:
    def __init__(self) -> None:
        self._pool = None  # a ThreadPoolExecutor, made at the first flush
        self._pending: deque[tuple[Future, Path]] = deque()
        self._failed: tuple[OSError, Path] | None = None

    def flush(self, fd: int, path: Path) -> None:
        """Flush ``fd`` (the written temp file ``path``) to disk, then close it."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="flush")
        while len(self._pending) >= AT_MOST:
            self._settle(*self._pending.popleft())
        self._pending.append((self._pool.submit(_flush, fd), path))

    def _settle(self, future: Future, path: Path) -> None:
        try:
            future.result()
        except OSError as error:
            if self._failed is None:
                self._failed = (error, path)

    def wait(self) -> None:
        """Every file handed over is on disk; SaveFailed, naming the first that could
        not be flushed, when one was not."""
        while self._pending:
            self._settle(*self._pending.popleft())
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self._failed is not None:
            error, path = self._failed
            self._failed = None
            raise SaveFailed(explain(error, path), error.errno)

    def close(self) -> None:
        """Wait for what is under way (its temp files are about to be removed) without
        saying what failed: the unit of work is being dropped anyway."""
        try:
            self.wait()
        except SaveFailed:
            pass
