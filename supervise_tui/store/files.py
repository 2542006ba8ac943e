"""Crash-safe file writing: temp file, fsync, rename, fsync the folder.

A file is never written in place, so a kill at any moment leaves either the
old file or the new one, whole. Files are created 0600 and folders 0700.
"""

from __future__ import annotations

import errno as errno_mod
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from .errors import DamagedFile, SaveFailed

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_dir(path: Path) -> None:
    """Create ``path`` (and parents) if missing; make it private (0700)."""
    try:
        if not path.parent.exists():
            ensure_dir(path.parent)
        path.mkdir(exist_ok=True, mode=DIR_MODE)
        if (path.stat().st_mode & 0o777) != DIR_MODE:
            path.chmod(DIR_MODE)
    except OSError as error:
        raise SaveFailed(explain(error, path), error.errno) from None


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves old or new, never half."""
    with atomic_writer(path) as write:
        write(data)


@contextmanager
def atomic_writer(path: Path) -> Iterator[Callable[[bytes], None]]:
    """Replace ``path`` with what is written in the block, piece by piece (a large
    export never held whole), so that a crash or an error leaves old or new, never half."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")

    def write(data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    done = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            yield write
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        done = True
        fsync_dir(path.parent)
    except OSError as error:
        raise SaveFailed(explain(error, path), error.errno) from None
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise SaveFailed(explain(error, path), error.errno) from None
    try:
        fsync_dir(path.parent)
    except OSError as error:
        raise SaveFailed(explain(error, path), error.errno) from None


def write_json(path: Path, value: object) -> None:
    atomic_write(path, orjson.dumps(value))


def read_json(path: Path) -> object:
    """Parse a data file; a file that cannot be parsed raises DamagedFile."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise DamagedFile(path, f"it cannot be read: {error.strerror or error}") from None
    return parse_json(path, raw)


def parse_json(path: Path, raw: bytes) -> object:
    """A data file's bytes parsed; DamagedFile (naming ``path``) when they cannot be."""
    if not raw.strip():
        raise DamagedFile(path, "it is empty")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if raw.rstrip()[-1:] not in (b"}", b"]"):
            raise DamagedFile(path, "it is cut short") from None
        raise DamagedFile(path, f"it is not valid JSON (at byte {error.pos})") from None


def looks_whole(path: Path) -> str | None:
    """A cheap check without parsing: None if the file looks whole, else why not.

    White space around the JSON (a newline an editor added) is fine."""
    try:
        fd = os.open(path, os.O_RDONLY)  # (each folder opening looks at every file)
        try:
            size = os.fstat(fd).st_size
            head = os.pread(fd, 64, 0).lstrip()
            tail = os.pread(fd, 64, max(0, size - 64)).rstrip()
        finally:
            os.close(fd)
    except OSError as error:
        return f"it cannot be read: {error.strerror or error}"
    if not head:
        return "it is empty"
    if head.startswith(b"SVTE"):  # sealed (store/crypto/sealing.py): its seal says the rest
        return None if size > 48 else "it is cut short"
    if head[:1] != b"{":
        return "it is not a data file (it does not start like one)"
    if tail[-1:] != b"}":
        return "it is cut short"
    return None


def read_limited(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Refuses what is not a regular file (a FIFO would hang a reader, a device like
    /dev/zero never ends) and never reads more than the limit, whatever the file
    claims to be. Raises ValueError with a plain sentence."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ValueError(f"There is no {what} at {path}.") from None
    except IsADirectoryError:
        raise ValueError(f"{path} is a folder, not a {what}.") from None
    except OSError as error:
        raise ValueError(f"{path} cannot be read ({error.strerror or error}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{path} is a folder, not a {what}.")
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{path} is not a regular file, so it cannot be a {what}.")
        if info.st_size > limit:
            raise ValueError(f"{path} is too large to be a {what}.")
        chunks, total = [], 0
        want = info.st_size + 1  # all of it at once (a large bundle is not held twice)
        while True:
            chunk = os.read(fd, min(max(want, 1 << 20), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 0
            if total > limit:
                raise ValueError(f"{path} is too large to be a {what}.")
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as error:
        raise ValueError(f"{path} cannot be read ({error.strerror or error}).") from None
    finally:
        os.close(fd)


def clean_temps(root: Path) -> int:
    """Remove temp files left by an interrupted write. Returns how many.

    Looks only where the app writes (the folder, tallies/, peers/*/ and their drafts/), never
    into backups/, which can hold many thousands of files. Each folder is listed once,
    with what each entry is (no stat per entry: this runs at every start)."""
    try:
        with os.scandir(root / "peers") as entries:
            peers = [e.path for e in entries if e.is_dir()]  # (no Path each: 700 peers)
    except OSError:
        peers = []
    count = _clean_temps_in(root) + _clean_temps_in(os.path.join(root, "tallies"))
    for folder in peers:
        count += _clean_temps_in(folder, then="drafts")
    return count


def _clean_temps_in(folder: Path | str, then: str | None = None) -> int:
    """The temps in ``folder`` removed; then those in its subfolder ``then``, if any."""
    count = 0
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return 0
    for entry in found:
        name = entry.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX):
            try:
                os.unlink(entry.path)
                count += 1
            except OSError:
                pass
        elif name == then and entry.is_dir():
            count += _clean_temps_in(entry.path)
    return count


def explain(error: OSError, path: Path) -> str:
    code = error.errno
    if code == errno_mod.ENOSPC:
        what = "the disk is full"
    elif code == errno_mod.EDQUOT:
        what = "the disk quota is used up"
    elif code in (errno_mod.EACCES, errno_mod.EPERM):
        what = "permission was denied (to look at the records without changing them, "
        what += "start with --read-only)"
    elif code == errno_mod.EROFS:
        what = "the disk is read-only (to look at the records without changing them, "
        what += "start with --read-only)"
    elif code == errno_mod.EIO:
        what = "the disk reported an input/output error"
    else:
        what = error.strerror or "the system refused"
    return f"Could not save to {path.parent}: {what}. Your previous records are intact."
