"""Staged files written and flushed to disk in the background, all of them before the
journal.

A commit stages each file's new bytes in a temp file that must be on disk before the
journal names it (:mod:`.journal`, step 1). Waiting for each in turn made a long unit
of work (an import of years of records: thousands of files) wait on the disk for every
file: making a file takes 0.5–0.9 ms on this kind of disk even before its flush, and
the flush a few more. Here each temp file is made, written and flushed on one of a few
threads while the unit goes on working out the next files (several at once also let
the file system put them in one of its own commits), and :meth:`Flusher.wait` waits for
every one of them (and says the first that failed) before the journal is written.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SaveFailed
from .files import FILE_MODE, explain

if TYPE_CHECKING:  # (concurrent.futures is loaded at the first flush, not at start)
    from concurrent.futures import Future

WORKERS = 8  # (making files is slow on some disks but does not load the processor)
AT_MOST = 64  # files under way at once (their bytes are held until written)


def write_file(path: Path, data: bytes) -> None:
    """Make ``path`` (it must not be there yet), write ``data`` into it and flush it to
    disk; a file that could not be written whole is removed again."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    os.close(fd)


def _write_and_hash(path: Path, data: bytes, digest: Callable[[bytes], str]) -> str:
    write_file(path, data)
    return digest(data)


class Flusher:
    def __init__(self) -> None:
        self._pool = None  # a ThreadPoolExecutor, made at the first flush
        self._pending: deque[tuple[Future, Path]] = deque()
        self._failed: tuple[OSError, Path] | None = None

    def write(self, path: Path, data: bytes, digest: Callable[[bytes], str]) -> Future:
        """Make the temp file ``path`` holding ``data``, on disk by :meth:`wait`; the
        future's result is ``digest(data)`` (worked out there too: hashing every file
        took the main thread 1.5 s of a large import)."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="stage")
        while len(self._pending) >= AT_MOST:
            self._settle(*self._pending.popleft())
        future = self._pool.submit(_write_and_hash, path, data, digest)
        self._pending.append((future, path))
        return future

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
