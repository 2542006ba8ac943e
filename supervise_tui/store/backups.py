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
from datetime import datetime
from pathlib import Path

import orjson

from . import journal
from .errors import DamagedFile, NotFound, Refused, SaveFailed
from .files import DIR_MODE, FILE_MODE, ensure_dir, explain, fsync_dir
from .layout import COPY_FILES, META

BACKUPS = "backups"
KEEP = 10


def data_files(root: Path) -> list[Path]:
    """Every data file under ``root`` (relative paths), backups and temps excluded."""
    found = []
    top = os.fspath(root)
    # (os.walk lists each folder once with what each entry is: at ten years of records,
    # thousands of files, rglob took 4× as long, on every opening of the folder)
    for where, folders, names in os.walk(top):
        here = os.path.relpath(where, top)
        if here == ".":
            folders[:] = [name for name in folders if name != BACKUPS]
        for name in names:
            if name.endswith(".json") and not name.startswith("."):
                found.append(Path(name) if here == "." else Path(here, name))
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
                problem = _problem(partial / rel, rel, codec)
                if problem and rel.as_posix() in COPY_FILES:
                    (partial / rel).unlink()  # derived: rebuilt whole after a restore
                elif problem:
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


def _problem(path: Path, rel: Path, codec) -> str | None:
    """:func:`~.records.path_problem`, imported when first asked (it loads every record
    type: not needed to start the app)."""
    from .records import path_problem

    return path_problem(path, rel, codec)


def is_encrypted_folder(folder: Path) -> bool:
    """Whether ``folder``'s meta.json (a data folder's, or a backup's) marks it encrypted."""
    try:
        meta = orjson.loads((folder / META).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(meta, dict) and bool(meta.get("encryption"))


def newest_good(root: Path, rel: Path, codec=None) -> str | None:
    """The newest backup whose copy of ``rel`` loads as the records it should hold."""
    for name in list_backups(root):
        copy = root / BACKUPS / name / rel
        if copy.exists() and _problem(copy, rel, codec) is None:
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
    if is_encrypted_folder(root) and not is_encrypted_folder(source):
        raise Refused(
            f"Backup {name!r} was taken before these records were encrypted, and restoring "
            "it would leave them unreadable, so it was not restored. Nothing has been changed."
        )
    wanted = sorted(p.relative_to(source) for p in source.rglob("*.json"))
    for rel in list(wanted):
        problem = _problem(source / rel, rel, codec)
        if problem and rel.as_posix() in COPY_FILES:
            wanted.remove(rel)  # derived: left out, and rebuilt whole after the restore
        elif problem:
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
