"""What a copy of the records holds, counted from its files: the numbers `supervise
backups` shows beside each backup and beside the folder as it is now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .backups import check_name, data_files
from .errors import DamagedFile
from .files import parse_json
from .records import kind_of


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
