"""The unit of work: a change to several files, all or nothing, through a journal.

A commit goes in four steps:

1. **Stage.** The new contents of every file are worked out in memory (every file
   they come from has been read and checked by then, so a damaged file stops the
   commit before anything is written) and written to a temp file beside the file it
   will replace, flushed to disk.
2. **Journal.** ``journal.json`` lists, for each file, the hash of what is there now
   (``before``, or none when the file is new), the hash of what will be there
   (``after``, or none when it is removed) and the temp file that holds it. It is
   written atomically.
3. **Apply.** Each temp file is renamed over its file (or the file removed).
4. **Done.** The journal is removed.

A kill before step 2 leaves the old files and some temps (swept at the next open); a
kill after it leaves a journal that the next writer to open the folder completes
(:func:`replay`). The journal *proves* it belongs to the files: a file is replaced
only while it still holds exactly ``before``. A journal that does not match what is
on disk (an old copy put back, files changed since) is refused whole and set aside,
so it can never roll later saves back.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from .errors import SaveFailed
from .files import TEMP_SUFFIX, atomic_write, explain, fsync_dir, remove
from .flushing import Flusher, write_file

if TYPE_CHECKING:
    from concurrent.futures import Future

JOURNAL = "journal.json"
SEALED = b"SVTE"  # how a sealed file starts (crypto/sealing.py)
JOURNAL_FORMAT = 2


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    """The hash of a file's bytes, or None when there is no file."""
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Staged:
    """One file of a commit: what it holds now, what it will hold, and where that is."""

    file: str  # relative to the data folder, with forward slashes
    before: str | None  # hash of the current bytes; None: the file does not exist
    after: str | None  # hash of the new bytes; None: the file is removed
    temp: str | None = None  # relative path of the staged new bytes
    hashing: Future | None = field(default=None, compare=False)  # ``after``, being worked out

    def settled(self) -> Staged:
        """This file with ``after`` worked out (once its temp file is written)."""
        if self.hashing is None:
            return self
        return Staged(self.file, self.before, self.hashing.result(), self.temp)


def temp_name(rel: str) -> str:
    folder, _, name = rel.rpartition("/")
    temp = f".{name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    return f"{folder}/{temp}" if folder else temp


def stage_bytes(
    root: Path, rel: str, data: bytes, before: str | None, flusher: Flusher | None = None
) -> Staged:
    """Write ``data`` to a temp file beside ``rel`` and flush it to disk (with a
    ``flusher``, in the background: its ``wait()`` before the journal names it, and a
    failure is said then; the entry is :meth:`Staged.settled` after it)."""
    temp = temp_name(rel)
    path = root / temp
    if flusher is not None:  # (hashed there too: ``after`` is known by its ``wait()``)
        return Staged(rel, before, None, temp, flusher.write(path, data, digest))
    try:
        write_file(path, data)
    except OSError as error:
        raise SaveFailed(explain(error, path), error.errno) from None
    return Staged(rel, before, digest(data), temp)


def stage_removal(rel: str, before: str | None) -> Staged:
    return Staged(rel, before, None, None)


def discard(root: Path, staged: Iterable[Staged]) -> None:
    """Remove the temp files of a commit that will not go ahead."""
    for entry in staged:
        if entry.temp:
            _unlink(root / entry.temp)


def commit(root: Path, staged: list[Staged], codec=None) -> None:
    """Journal, apply and finish ``staged`` (see the module's docstring)."""
    staged = write_journal(root, staged, codec)
    if staged:
        finish(root, staged)


def write_journal(root: Path, staged: list[Staged], codec=None) -> list[Staged]:
    """Step 2: the journal for ``staged`` (files whose bytes do not change are left
    out, their temps removed). Returns what it lists; nothing when nothing changes.
    Once this has returned, the temps belong to the journal: only :func:`finish` or a
    :func:`replay` may use them."""
    discard(root, [s for s in staged if s.before == s.after])  # nothing to change there
    staged = [s for s in staged if s.before != s.after]
    if not staged:
        return []
    doc = {
        "format": JOURNAL_FORMAT,
        "files": [
            {"file": s.file, "before": s.before, "after": s.after, "temp": s.temp} for s in staged
        ],
    }
    raw = orjson.dumps(doc)
    try:
        atomic_write(root / JOURNAL, raw if codec is None else codec.encode(JOURNAL, raw))
    except BaseException:
        discard(root, staged)
        raise
    return staged


def finish(root: Path, staged: list[Staged]) -> None:
    """Steps 3 and 4: put every file in place, then remove the journal."""
    _apply(root, staged)
    remove(root / JOURNAL)


def _apply(root: Path, staged: list[Staged]) -> None:
    folders: set[Path] = set()
    for entry in staged:
        target = root / entry.file
        try:
            if entry.temp is None:
                if target.exists():
                    os.unlink(target)
            else:
                os.replace(root / entry.temp, target)
        except FileNotFoundError:
            pass  # already applied (a replay after a kill between two renames)
        except OSError as error:
            raise SaveFailed(explain(error, target), error.errno) from None
        folders.add(target.parent)
    for folder in sorted(folders):
        try:
            fsync_dir(folder)
        except FileNotFoundError:
            pass
        except OSError as error:  # the renames are made; a replay finishes the rest
            raise SaveFailed(explain(error, folder / "x"), error.errno) from None


@dataclass
class Replayed:
    """What became of a journal found on opening."""

    completed: bool = False  # an interrupted save was finished
    set_aside: str | None = None  # the name a refused journal was kept under
    reason: str = ""
    waiting: bool = False  # a sealed journal, and nobody signed in to open it: left as it is


def replay(root: Path, now: datetime, codec=None) -> Replayed:
    """Complete the interrupted commit in ``root``'s journal, if it still fits the files.

    Call only while holding the folder's write lock. A journal that does not prove
    it belongs to the files on disk is set aside (never applied), with the reason. A
    sealed journal (an encrypted folder's) is opened with ``codec``; without one it is
    left waiting, untouched, for someone to sign in (never set aside for that). A plain
    one is read as it is, whether or not the folder is encrypted (encrypting a folder
    writes a plain journal, so a kill part way is completed before anyone signs in).
    """
    path = root / JOURNAL
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Replayed()
    except OSError as error:
        raise SaveFailed(explain(error, path), error.errno) from None
    sealed = raw.startswith(SEALED)
    if sealed and codec is None:
        return Replayed(waiting=True)  # only someone signed in can open it: left for them
    try:
        entries = _parse(codec.decode(JOURNAL, raw) if sealed else raw)
    except ValueError as error:  # (a seal that does not open is a ValueError too)
        return _set_aside(root, [], now, str(error))
    ready: list[Staged] = []
    for entry in entries:
        current = file_digest(root / entry.file)
        if current == entry.after:
            continue  # this file was replaced before the interruption
        if current != entry.before:
            return _set_aside(root, entries, now, f"{entry.file} has changed since it was written")
        if entry.after is not None:
            staged = root / entry.temp if entry.temp else None
            if staged is None or file_digest(staged) != entry.after:
                return _set_aside(
                    root, entries, now, f"the new copy of {entry.file} is missing or damaged"
                )
        ready.append(entry)
    _apply(root, ready)
    remove(path)
    return Replayed(completed=True)


def _parse(raw: bytes) -> list[Staged]:
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ValueError("it cannot be read") from None
    if not isinstance(doc, dict) or doc.get("format") != JOURNAL_FORMAT:
        raise ValueError("it was written in an older or unknown form and cannot prove itself")
    files = doc.get("files")
    if not isinstance(files, list):
        raise ValueError("it does not have the expected shape")
    entries = []
    for item in files:
        if not isinstance(item, dict):
            raise ValueError("it does not have the expected shape")
        rel, temp = item.get("file"), item.get("temp")
        before, after = item.get("before"), item.get("after")
        if not _safe_rel(rel) or (temp is not None and not _safe_rel(temp)):
            raise ValueError("it names a file outside the data folder")
        if not all(h is None or isinstance(h, str) for h in (before, after)):
            raise ValueError("it does not have the expected shape")
        if after is not None and temp is None:
            raise ValueError("it does not have the expected shape")
        entries.append(Staged(rel, before, after, temp))
    return entries


def _safe_rel(rel: object) -> bool:
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\\" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


def _set_aside(root: Path, entries: list[Staged], now: datetime, reason: str) -> Replayed:
    name = f"journal.refused-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}.json.txt"
    os.replace(root / JOURNAL, root / name)
    fsync_dir(root)
    discard(root, entries)
    return Replayed(set_aside=name, reason=reason)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
