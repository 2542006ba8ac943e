"""Rotating backups: snapshots of the data folder that share nothing with it.

Each snapshot holds real copies, so damage to a live file (a bad sector, an
editor writing in place) can never reach a backup. To stay cheap, a file that
has not changed since the previous snapshot (same size and modification
time: the app replaces files on every save, so a change always shows) is
hard-linked to the previous *backup's* copy rather than copied again.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from .errors import DamagedFile, NotFound
from .files import DIR_MODE, atomic_write, ensure_dir, fsync_dir, looks_whole, read_json

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


def snapshot(root: Path, now: datetime, label: str = "") -> str:
    """Take a snapshot of every data file; return its name."""
    base = root / BACKUPS
    ensure_dir(base)
    name = now.strftime("%Y%m%d-%H%M%S") + (f"-{label}" if label else "")
    target = base / name
    suffix = 1
    while target.exists():
        suffix += 1
        target = base / f"{name}-{suffix}"
    partial = base / f".{target.name}.partial"
    if partial.exists():
        shutil.rmtree(partial, ignore_errors=True)
    ensure_dir(partial)
    previous = list_backups(root)
    prev_dir = base / previous[0] if previous else None
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
        shutil.copy2(source, dest)
        os.chmod(dest, 0o600)
    os.replace(partial, target)
    fsync_dir(base)
    return target.name


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


def prune(root: Path, keep: int = KEEP) -> None:
    base = root / BACKUPS
    for name in list_backups(root)[keep:]:
        shutil.rmtree(base / name, ignore_errors=True)
    if base.is_dir():
        for stale in base.glob(".*.partial"):
            shutil.rmtree(stale, ignore_errors=True)


def newest_good(root: Path, rel: Path) -> str | None:
    """The newest backup holding a readable copy of ``rel``."""
    for name in list_backups(root):
        copy = root / BACKUPS / name / rel
        if not copy.exists() or looks_whole(copy):
            continue
        try:
            data = read_json(copy)
        except DamagedFile:
            continue
        if isinstance(data, dict):
            return name
    return None


def restore(root: Path, name: str, now: datetime) -> str:
    """Make the data folder what backup ``name`` holds.

    The current state is first kept as a snapshot of its own (returned), so a
    restore never overwrites anything silently.
    """
    source = root / BACKUPS / name
    if not name or "/" in name or name.startswith(".") or not source.is_dir():
        choices = ", ".join(list_backups(root)[:5]) or "none"
        raise NotFound(f"There is no backup called {name!r}. Backups here: {choices}.")
    kept = snapshot(root, now, "before-restore")
    wanted = set()
    for path in source.rglob("*.json"):
        rel = path.relative_to(source)
        wanted.add(rel)
        dest = root / rel
        if not dest.parent.exists():
            ensure_dir(dest.parent)
        atomic_write(dest, path.read_bytes())
    for rel in data_files(root):
        if rel not in wanted:
            os.unlink(root / rel)
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        rel = folder.relative_to(root)
        if rel.parts[0] != BACKUPS and not any(folder.iterdir()):
            folder.rmdir()
    os.chmod(root, DIR_MODE)
    return kept
