"""Rotating backups: snapshots of the data folder that share nothing with it.

Each snapshot holds real copies, so damage to a live file (a bad sector, an editor
writing in place) can never reach a backup. To stay cheap, a file that has not
changed since the previous snapshot (same size and modification time: the app
replaces files on every save, so a change always shows) is hard-linked to the
previous *backup's* copy rather than copied again.

A snapshot is kept only when every copy in it loads as the records it should hold
(:mod:`.records`): a backup of a damaged file would be a copy of the damage, and
could push the last good copies out of the ten that are kept. Restoring one is a
single journaled commit (:mod:`.journal`): a kill part way leaves the folder as it
was or wholly as the backup, never a mix.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import journal
from .errors import DamagedFile, NotFound, Refused, SaveFailed
from .files import DIR_MODE, FILE_MODE, ensure_dir, explain, fsync_dir, parse_json
from .records import kind_of, path_problem

BACKUPS = "backups"
KEEP = 10


def data_files(root: Path) -> list[Path]:
    """Every data file under ``root`` (relative paths), backups and temps excluded."""
    found = []
    for path in root.rglob("*.json"):
        rel = path.relative_to(root)
        if rel.parts[0] == BACKUPS or path.name.startswith("."):
            continue
        found.append(rel)
    return sorted(found)


def snapshot(
    root: Path, now: datetime, label: str = "", *, validate: bool = True, codec=None
) -> str:
    """Take a snapshot of every data file; return its name.

    With ``validate`` (the default) a snapshot is kept only if every file it copied
    loads as records; otherwise nothing is kept and DamagedFile names the file.
    ``validate=False`` keeps the folder as it is, damage and all (before a restore:
    what was there is never thrown away). Any failure leaves no half-made snapshot.
    """
    base = root / BACKUPS
    name = now.strftime("%Y%m%d-%H%M%S") + (f"-{label}" if label else "")
    partial = base / f".{name}.partial"
    try:
        ensure_dir(base)
        target = base / name
        suffix = 1
        while target.exists():
            suffix += 1
            target = base / f"{name}-{suffix}"
        partial = base / f".{target.name}.partial"
        sweep_partials(root)  # a snapshot killed part way (the caller holds the lock)
        ensure_dir(partial)
        copied = _copy_into(root, partial)
        if validate:
            for rel in copied:
                problem = path_problem(partial / rel, rel, codec)
                if problem:
                    raise DamagedFile(root / rel, problem, newest_good(root, rel, codec))
        os.replace(partial, target)
        fsync_dir(base)
        return target.name
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise SaveFailed(
            explain(error, base / "x").replace("Could not save to", "Could not take a backup in"),
            error.errno,
        ) from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def _copy_into(root: Path, partial: Path) -> list[Path]:
    """Copy (or link, when unchanged since the last backup) every data file; return
    the ones really copied (the linked ones were checked when first backed up)."""
    previous = list_backups(root)
    prev_dir = root / BACKUPS / previous[0] if previous else None
    copied = []
    for rel in data_files(root):
        dest = partial / rel
        if not dest.parent.exists():
            ensure_dir(dest.parent)
        source = root / rel
        try:
            live = source.stat()
        except FileNotFoundError:
            continue
        if prev_dir is not None and _same(prev_dir / rel, live):
            try:
                os.link(prev_dir / rel, dest)
                continue
            except OSError:
                pass
        private_copy(source, dest, live)
        copied.append(rel)
    return copied


def private_copy(source: Path, dest: Path, live: os.stat_result) -> None:
    """Copy a file's bytes and modification time into a new file that is 0600 from its
    first moment (a kill part way must not leave a copy of records anyone may read)."""
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb", closefd=False) as out:
            shutil.copyfileobj(src, out, 1 << 20)
    finally:
        os.close(fd)
    os.utime(dest, ns=(live.st_atime_ns, live.st_mtime_ns))


def _same(copy: Path, live: os.stat_result) -> bool:
    try:
        st = copy.stat()
    except OSError:
        return False
    return st.st_size == live.st_size and st.st_mtime_ns == live.st_mtime_ns


def list_backups(root: Path) -> list[str]:
    """Backup names, newest first."""
    base = root / BACKUPS
    if not base.is_dir():
        return []
    names = [p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(names, reverse=True)


_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(.*?))?(?:-\d+)?$")
_REASONS = {
    "": "hourly",
    "before-import": "before an import",
    "before-encrypt": "before encrypting",
    "before-restore": "before a restore",
}


def backup_taken(name: str) -> datetime | None:
    """When backup ``name`` was taken (local wall-clock time, from its name)."""
    match = _NAME.match(name)
    try:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None
    except ValueError:
        return None


def backup_reason(name: str) -> str:
    """Why backup ``name`` was taken, in words, from the label in its name."""
    match = _NAME.match(name)
    if match is None:
        return "made by hand"
    label = match.group(2) or ""
    if label.isdigit():
        label = ""  # a second backup in the same second: "-2"
    if label in _REASONS:
        return _REASONS[label]
    if label.startswith("before-v") and label[8:].isdigit():
        return f"before upgrading to format {label[8:]}"
    return label


@dataclass(frozen=True)
class Holdings:
    """What a copy of the records holds, counted from its files: numbers and a date,
    never a record's contents.

    People come from ``people.json`` and held sessions from the light rows of the
    yearly indexes (no full record is opened); drafts are counted by their files. The
    last change is the newest ``updated_at`` of a person or a held session (UTC)."""

    people: int | None = 0  # None: people.json could not be read (sealed, or damaged)
    sessions: int = 0
    drafts: int = 0
    last_change: datetime | None = None
    sealed: int = 0  # encrypted files no key here opens (not signed in, or another's)
    unreadable: int = 0  # files that do not read (damaged)


def current_holdings(root: Path, codec=None) -> Holdings:
    """What the data folder holds now."""
    return _holdings(root, data_files(root), codec, None)


def backup_holdings(root: Path, name: str, codec=None, cache: dict | None = None) -> Holdings:
    """What backup ``name`` holds (NotFound when there is none by that name). Files a
    backup shares with the one before it (hard links) are counted once per ``cache``."""
    source = check_name(root, name)
    files = sorted(p.relative_to(source) for p in source.rglob("*.json"))
    return _holdings(source, files, codec, cache)


def _holdings(base: Path, files: list[Path], codec, cache: dict | None) -> Holdings:
    people: int | None = 0  # (no people.json: nobody yet)
    sessions = drafts = sealed = unreadable = 0
    newest: datetime | None = None
    for rel in files:
        kind = _kind(rel)
        if kind == "draft":
            drafts += 1
            continue
        if kind is None:
            continue
        counted = _count(base, rel, kind, codec, cache)
        if isinstance(counted, str):
            if kind == "people":
                people = None
            sealed += counted == "sealed"
            unreadable += counted == "unreadable"
            continue
        count, last = counted
        if kind == "people":
            people = count
        else:
            sessions += count
        if last is not None and (newest is None or last > newest):
            newest = last
    return Holdings(people, sessions, drafts, newest, sealed, unreadable)


def _kind(rel: Path) -> str | None:
    kind = kind_of(rel)
    return kind if kind in ("people", "index", "draft") else None


def _count(base: Path, rel: Path, kind: str, codec, cache: dict | None):
    """(records, newest updated_at) of one people or index file, or why not: "sealed",
    "unreadable"."""
    path = base / rel
    try:
        info = path.stat()
        key = (rel.as_posix(), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        if cache is not None and key in cache:
            return cache[key]
        raw = path.read_bytes()
    except OSError:
        return "unreadable"
    found = _count_bytes(rel, raw, kind, codec)
    if cache is not None:
        cache[key] = found
    return found


def _count_bytes(rel: Path, raw: bytes, kind: str, codec):
    from .crypto import sealing

    if sealing.is_sealed(raw):
        if codec is None:
            return "sealed"
        from .crypto.names import KeyringError

        try:
            raw = codec.decode(rel.as_posix(), raw)
        except KeyringError:
            return "sealed"
        except sealing.SealError:
            return "unreadable"
    try:
        data = parse_json(rel, raw)
    except DamagedFile:
        return "unreadable"
    if not isinstance(data, dict):
        return "unreadable"
    table = data.get("people" if kind == "people" else "sessions", {})
    if not isinstance(table, dict):
        return "unreadable"
    newest: datetime | None = None
    for doc in table.values():
        stamp = _stamp(doc.get("updated_at") if isinstance(doc, dict) else None)
        if stamp is not None and (newest is None or stamp > newest):
            newest = stamp
    return len(table), newest


def _stamp(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def prune(root: Path, keep: int = KEEP) -> None:
    base = root / BACKUPS
    for name in list_backups(root)[keep:]:
        shutil.rmtree(base / name, ignore_errors=True)
    sweep_partials(root)


def sweep_partials(root: Path) -> None:
    """Remove half-made snapshots (``.NAME.partial``) left by a kill."""
    base = root / BACKUPS
    if base.is_dir():
        for stale in base.glob(".*.partial"):
            shutil.rmtree(stale, ignore_errors=True)


def newest_good(root: Path, rel: Path, codec=None) -> str | None:
    """The newest backup whose copy of ``rel`` loads as the records it should hold."""
    for name in list_backups(root):
        copy = root / BACKUPS / name / rel
        if copy.exists() and path_problem(copy, rel, codec) is None:
            return name
    return None


def check_name(root: Path, name: str) -> Path:
    source = root / BACKUPS / name
    if not name or "/" in name or "\\" in name or name.startswith(".") or not source.is_dir():
        choices = ", ".join(list_backups(root)[:5]) or "none"
        raise NotFound(f"There is no backup called {name!r}. Backups here: {choices}.")
    return source


def check_backup(root: Path, name: str, codec=None) -> list[Path]:
    """Every file of backup ``name`` (relative paths) once each loads as the records it
    should hold; Refused naming the first damaged copy (and a good backup) if not."""
    source = check_name(root, name)
    wanted = sorted(p.relative_to(source) for p in source.rglob("*.json"))
    for rel in wanted:
        problem = path_problem(source / rel, rel, codec)
        if problem:
            good = newest_good(root, rel, codec)
            hint = f" The newest backup with a good copy of it is {good!r}." if good else ""
            raise Refused(
                f"Backup {name!r} holds a damaged copy of {rel} ({problem}), so it was not "
                f"restored. Nothing has been changed.{hint}"
            )
    return wanted


def restore(root: Path, name: str, now: datetime, codec=None) -> str:
    """Make the data folder what backup ``name`` holds, in one journaled commit.

    The backup is checked first (a damaged copy is refused, naming a good backup),
    and the current state is kept as a snapshot of its own (returned), so a restore
    never throws anything away. Call while holding the folder's write lock.
    """
    source = check_name(root, name)
    wanted = check_backup(root, name, codec)
    kept = snapshot(root, now, "before-restore", validate=False)
    staged: list[journal.Staged] = []
    try:
        for rel in sorted(set(wanted) | set(data_files(root))):
            before = journal.file_digest(root / rel)
            if rel not in wanted:
                staged.append(journal.stage_removal(rel.as_posix(), before))
                continue
            data = (source / rel).read_bytes()
            if journal.digest(data) == before:
                continue
            ensure_dir((root / rel).parent)
            staged.append(journal.stage_bytes(root, rel.as_posix(), data, before))
        listed = journal.write_journal(root, staged)
    except OSError as error:
        journal.discard(root, staged)
        raise SaveFailed(explain(error, root / "x"), error.errno) from None
    except BaseException:
        journal.discard(root, staged)
        raise
    if listed:  # from here on the journal owns the temps: a kill is completed at next open
        journal.finish(root, listed)
    remove_empty_folders(root)
    return kept


def remove_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        rel = folder.relative_to(root)
        if rel.parts[0] != BACKUPS and not any(folder.iterdir()):
            folder.rmdir()
    os.chmod(root, DIR_MODE)
