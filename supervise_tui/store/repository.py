"""The repository: the only way into the records. Takes and returns domain objects.

Layout of a data folder (see docs/storage.md for the reasoning)::

    meta.json                       schema version, when created
    people.json                     people, and one summary per peer (for Home)
    peers/<peer-id>/peer.json       that peer's open items, yearly counts, agenda
    peers/<peer-id>/sessions-YYYY.json   that peer's full session records, by year
    peers/<peer-id>/index-YYYY.json      one light row per session of that year
    peers/<peer-id>/closed-YYYY.json     settled items raised that year
    drafts/<session-id>.json        one unfinished session each (autosave)
    journal.json                    present only while a multi-file save is applied
    backups/<timestamp>/            snapshots (real copies)
    .lock                           held by the one writer

A save that touches several files first writes the whole change to
``journal.json`` (atomically), then applies it file by file, then removes the
journal. If the process dies part way, the next open (or the next save)
applies the journal again; applying is idempotent. So every session is either
wholly saved or not saved at all.
"""

from __future__ import annotations

import dataclasses
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain import lifecycle, links, tallies, validation
from ..domain.enums import Role, SessionStatus
from ..domain.errors import ValidationError
from ..domain.models import PeerInput, Person, Session, next_revisions
from ..domain.rows import SessionRow, row_of, row_to_data
from ..domain.serial import from_data, to_data
from ..domain.tallies import PeerTally, YearCount
from ..domain.tracks import Tracks, apply_session
from . import backups, journal, migrations
from .errors import (
    DamagedFile,
    NewerFormat,
    NotFound,
    ReadOnly,
    Refused,
    SaveFailed,
    StoreError,
    StoreLocked,
)
from .files import clean_temps, ensure_dir, explain, looks_whole, read_json, remove, write_json
from .layout import (
    DERIVED_PEER_TABLES,
    TRACK_TABLES,
    closed_file,
    derived_docs,
    index_file,
    is_derived_file,
    item_file,
    peer_file,
    shard_file,
)
from .storage import Db, open_db
from .unit import Change, UnitOfWork

META = "meta.json"
CONFLICTS = "conflicts.json"
PEOPLE = "people.json"
JOURNAL = journal.JOURNAL
LOCK = ".lock"
BACKUP_EVERY_SECONDS = 3600
OPEN_DB_LIMIT = 64


def draft_file(session_id: str) -> str:
    return f"drafts/{session_id}.json"


_safe_id = validation.check_id  # ids become file names: only plain tokens


class Repository:
    """One open data folder. Use :meth:`open`; call :meth:`close` when done."""

    def __init__(
        self,
        root: Path,
        *,
        clock: Callable[[], datetime],
        read_only: bool = False,
    ) -> None:
        self.root = Path(root)
        self.read_only = read_only
        self.clock = clock
        self._lock: Any = None  # a filelock.FileLock while held
        self._dbs: OrderedDict[str, Db] = OrderedDict()
        self._unit: UnitOfWork | None = None
        self.recovered_journal = False
        # Said once to the person opening the folder: an interrupted save that was
        # refused (set aside), or one that is waiting and could not be completed.
        self.notices: list[str] = []
        self.last_backup: str | None = None
        self.backup_problem: str | None = None
        self._people: tuple[object, list[Person]] | None = None
        self._on_upgrade: Callable[[str], None] | None = None

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(
        cls,
        root: Path,
        *,
        clock: Callable[[], datetime],
        read_only: bool = False,
        backup: bool = True,
        check: bool = True,
        on_upgrade: Callable[[str], None] | None = None,
    ) -> Repository:
        """Open a data folder. ``check`` looks over every file for damage first and
        ``backup`` takes the hourly snapshot; the TUI passes False for both and does
        them right after its first screen shows (:meth:`check_files`,
        :meth:`backup_if_due`), so a large history does not delay the start."""
        repo = cls(Path(root), read_only=read_only, clock=clock)
        repo._on_upgrade = on_upgrade  # told before a format upgrade (it can take a while)
        try:
            repo._open(backup=backup, check=check)
        except BaseException:
            repo.close()
            raise
        return repo

    def _open(self, backup: bool, check: bool) -> None:
        root = self.root
        if self.read_only:
            if not (root / META).exists():
                raise NotFound(f"There are no records in {root} yet.")
            if (root / JOURNAL).exists():
                self._complete_hot_journal()
        else:
            if root.exists() and not root.is_dir():
                raise NotFound(f"{root} is a file, not a folder of records.")
            ensure_dir(root)
            self._take_lock()
        self.open_locked(backup=backup, check=check)

    def open_locked(self, *, backup: bool = True, check: bool = True) -> None:
        """The rest of opening, once the lock is held (or not needed: read-only)."""
        root = self.root
        self._check_meta()
        if not self.read_only:
            if (root / JOURNAL).exists():
                self._replay_journal()
            clean_temps(root)  # after the journal: its staged files are temps until applied
        self._require_people()
        if check:
            self.check_files()
        self._db(PEOPLE).atomic.read()  # people.json is small and Home needs it: parse it now
        if backup:
            self.backup_if_due()

    @classmethod
    def lock_only(cls, root: Path, *, clock: Callable[[], datetime]) -> Repository:
        """Hold the folder's write lock, with any interrupted save completed first, and
        read nothing else (for restore)."""
        repo = cls(Path(root), clock=clock)
        if not repo.root.is_dir():
            raise NotFound(f"There is no data folder at {repo.root}.")
        repo._take_lock()
        try:
            if (repo.root / JOURNAL).exists():
                repo._replay_journal()
        except BaseException:
            repo.close()
            raise
        return repo

    def _take_lock(self) -> None:
        import filelock  # here, not at the top: it is slow to import

        self._lock = filelock.FileLock(str(self.root / LOCK), timeout=0, mode=0o600)
        try:
            self._lock.acquire()
        except filelock.Timeout:
            self._lock = None
            raise StoreLocked(
                f"Another supervise window is already using {self.root}. "
                "Close it first, or open this one read-only with --read-only."
            ) from None
        except OSError as error:
            self._lock = None
            raise SaveFailed(explain(error, self.root / LOCK), error.errno) from None

    def _complete_hot_journal(self) -> None:
        """Opening read-only over an interrupted save: like SQLite's hot journal, complete
        it first when nobody holds the folder; when a window does, it is saving right
        now, so wait a moment for it to finish."""
        import time

        for _ in range(50):
            try:
                self._take_lock()
            except StoreLocked:
                if not (self.root / JOURNAL).exists():
                    return  # the other window finished its save
                time.sleep(0.1)
                continue
            except SaveFailed:
                self.notices.append(
                    "An interrupted save is waiting in this folder, and it cannot be completed "
                    "here (the folder cannot be written). What is shown is from before it."
                )
                return
            try:
                self._replay_journal()
            finally:
                self._lock.release()
                self._lock = None
            return
        self.notices.append(
            "Another window is in the middle of saving; what is shown may be a moment old."
        )

    def _require_people(self) -> None:
        """A folder with records but no people.json is damaged: reading it as 'nobody'
        would hide every peer, and writing a new one would orphan them."""
        if (self.root / PEOPLE).exists():
            return
        others = (self.root / "peers").is_dir() and any((self.root / "peers").iterdir())
        others = others or any((self.root / "drafts").glob("*.json"))
        others = others or (self.root / CONFLICTS).exists()
        if others:
            raise DamagedFile(
                self.root / PEOPLE,
                "it is missing, but other data files are there",
                backups.newest_good(self.root, Path(PEOPLE)),
            )

    def _stamp_after(self, previous: datetime | None) -> datetime:
        """Now, but always later than ``previous``: versions of a record never share a
        timestamp, which the merge rules rely on (docs/format.md)."""
        now = self.clock()
        if previous is not None and now <= previous:
            now = previous + timedelta(milliseconds=1)
        return now

    def local_now(self) -> datetime:
        return self.clock().astimezone().replace(tzinfo=None)

    def close(self) -> None:
        self._dbs.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_meta(self) -> None:
        path = self.root / META
        if not path.exists():
            if self.read_only:
                raise NotFound(f"There are no records in {self.root} yet.")
            if any(self.root.glob("*.json")) or (self.root / "peers").exists():
                raise DamagedFile(
                    path,
                    "it is missing, but other data files are there",
                    backups.newest_good(self.root, Path(META)),
                )
            write_json(path, self._meta(migrations.SCHEMA_VERSION))
            return
        try:
            meta = read_json(path)
        except DamagedFile as error:
            raise DamagedFile(
                path, error.reason, backups.newest_good(self.root, Path(META))
            ) from None
        version = meta.get("schema_version") if isinstance(meta, dict) else None
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise DamagedFile(
                path, "it has no valid schema version", backups.newest_good(self.root, Path(META))
            )
        if version > migrations.SCHEMA_VERSION:
            raise NewerFormat(
                f"The records in {self.root} were written by a newer version of supervise-tui "
                f"(format {version}; this version reads up to {migrations.SCHEMA_VERSION}). "
                "Please update the app; nothing has been changed."
            )
        if version < migrations.SCHEMA_VERSION:
            if self.read_only:
                raise ReadOnly(
                    f"The records in {self.root} need upgrading to this version's format, "
                    "which cannot be done read-only. Open them normally once."
                )
            if (self.root / JOURNAL).exists():
                self._replay_journal()  # finish the last save in the format it was written in
            steps = migrations.plan(version)
            if self._on_upgrade is not None:
                self._on_upgrade(
                    f"Upgrading the records in {self.root} to this version's format. This "
                    "happens once and can take a minute for a long history; a backup is "
                    "taken first."
                )
            backups.snapshot(self.root, self.local_now(), f"before-v{migrations.SCHEMA_VERSION}")
            for step in steps:
                migrations.MIGRATIONS[step](self.root)
                write_json(path, self._meta(step + 1))

    def _meta(self, version: int) -> dict:
        return {
            "format": "supervise-tui-data",
            "schema_version": version,
            "written_by": __version__,
            "created_at": to_data(self.clock()),
        }

    def check_files(self) -> None:
        """Find a damaged file without parsing everything (first and last bytes); raises
        DamagedFile naming it and the newest backup with a good copy."""
        for rel in backups.data_files(self.root):
            if rel.name == JOURNAL:
                continue
            reason = looks_whole(self.root / rel)
            if reason:
                raise DamagedFile(self.root / rel, reason, backups.newest_good(self.root, rel))

    def backup_if_due(self) -> None:
        """Take a snapshot when the newest is more than an hour old. Never raises: a
        backup refused because a file is damaged is kept in ``backup_problem``."""
        if self.read_only:
            return
        try:
            existing = backups.list_backups(self.root)
        except OSError:
            return
        now = self.local_now()
        if existing:
            try:
                stamp = datetime.strptime(existing[0][:15], "%Y%m%d-%H%M%S")
                if abs((now - stamp).total_seconds()) < BACKUP_EVERY_SECONDS:
                    self.last_backup = existing[0]
                    return
            except ValueError:
                pass
        if not backups.data_files(self.root):
            return
        try:
            self.last_backup = backups.snapshot(self.root, now)
            backups.prune(self.root)
        except DamagedFile as error:
            self.last_backup = None  # no backup of damage: it would push out good copies
            self.backup_problem = str(error)
        except (OSError, StoreError):
            self.last_backup = None  # a failed backup never stops the app from opening

    # -- files ---------------------------------------------------------------

    def _db(self, rel: str) -> Db:
        if self._unit is not None:
            held = self._unit.db(rel)
            if held is not None:
                return held
        db = self._dbs.get(rel)
        if db is None:
            path = self.root / rel
            db = open_db(path, read_only=self.read_only)
            self._dbs[rel] = db
            while len(self._dbs) > OPEN_DB_LIMIT:
                self._dbs.popitem(last=False)
        else:
            self._dbs.move_to_end(rel)
        return db

    def _table(self, rel: str, table: str):
        return self._db(rel).table(table)

    def _raw(self, rel: str, table: str) -> list[tuple[str, dict]]:
        try:
            return self._table(rel, table).raw_items()
        except DamagedFile as error:
            raise DamagedFile(
                error.path,
                error.reason,
                backups.newest_good(self.root, Path(rel)),
            ) from None

    def _load(self, cls: type, rel: str, doc: dict, doc_id: str) -> Any:
        try:
            return from_data(cls, doc)
        except ValidationError as error:
            path = self.root / rel
            raise DamagedFile(
                path,
                f"record {doc_id} does not have the expected shape ({error.field})",
                backups.newest_good(self.root, Path(rel)),
            ) from None

    # -- the journal -----------------------------------------------------------

    def _guard_write(self) -> None:
        if self.read_only:
            raise ReadOnly("This data folder is open read-only; nothing can be saved.")

    def commit(self, changes: Iterable[Change]) -> None:
        """Apply ``changes`` all or nothing, via the journal."""
        with self.unit() as uow:
            uow.apply(changes)

    @contextmanager
    def unit(self) -> Iterator[UnitOfWork]:
        """A unit of work: everything applied to it is committed at the end, in one
        journaled commit, or nothing is when the block raises."""
        self._guard_write()
        if self._unit is not None:  # already inside one: the outer one commits
            yield self._unit
            return
        if (self.root / JOURNAL).exists():
            self._replay_journal()
        self._unit = uow = UnitOfWork(self.root, self._db)
        try:
            yield uow
            uow.commit()
        except BaseException:
            uow.abort()
            raise
        finally:
            self._unit = None

    def _replay_journal(self) -> None:
        """Complete an interrupted save (or set aside a journal that does not fit)."""
        for db in self._dbs.values():
            db.atomic.forget()
        result = journal.replay(self.root, self.local_now())
        if result.completed:
            self.recovered_journal = True
        elif result.set_aside:
            self.notices.append(
                f"An interrupted save could not be completed because {result.reason}; it "
                f"was set aside as {result.set_aside} and the records are as they were "
                "before it. `supervise check` looks them over."
            )

    # -- people ----------------------------------------------------------------

    def people(self, *, include_inactive: bool = True, role: Role | None = None) -> list[Person]:
        return [  # Person is frozen, so the parsed ones can be shared
            p
            for p in self._all_people()
            if (include_inactive or p.active) and (role is None or p.role == role)
        ]

    def _all_people(self) -> list[Person]:
        """Everyone, sorted by name: parsed once per version of people.json (screens ask
        for names often, and an agency's list can be long)."""
        raw = self._raw(PEOPLE, "people")
        storage = self._db(PEOPLE).atomic
        if self._people is not None and self._people[0] is storage.current():
            return self._people[1]
        found = [self._load(Person, PEOPLE, doc, i) for i, doc in raw]
        found.sort(key=lambda p: (p.name.casefold(), p.site.casefold()))
        self._people = (storage.current(), found)
        return found

    def person(self, person_id: str) -> Person:
        doc = self._table(PEOPLE, "people").get_raw(person_id)
        if doc is None:
            raise NotFound("That person is not in the records.")
        return self._load(Person, PEOPLE, doc, person_id)

    def save_person(self, person: Person) -> Person:
        """Add or change a person. Raises ValidationError for a confusing duplicate."""
        self._guard_write()
        _safe_id(person.id)
        others = self.people()
        previous = next((p for p in others if p.id == person.id), None)
        person = validation.validate_person(person, others)
        if previous is not None and previous.role != person.role and self._has_sessions(person.id):
            raise ValidationError(
                f"{previous.name} already has sessions as a {previous.role.label.lower()}, "
                "so their role cannot change. Add them again with the other role instead.",
                "role",
            )
        person = dataclasses.replace(
            person,
            created_at=previous.created_at if previous else self.clock(),
            updated_at=self._stamp_after(previous.updated_at if previous else None),
            revisions=next_revisions(previous.revisions, previous.updated_at) if previous else [],
        )
        self.commit([Change(PEOPLE, "people", person.id, to_data(person))])
        return person

    def delete_person(self, person_id: str) -> None:
        """Delete someone with no sessions; anyone with sessions is refused."""
        person = self.person(person_id)
        if self._has_sessions(person_id):
            raise Refused(
                f"{person.name} has supervision records, so they cannot be deleted: "
                "their history would be lost. Mark them inactive instead."
            )
        self.commit(
            [
                Change(PEOPLE, "people", person_id, None),
                Change(PEOPLE, "summaries", person_id, None),
            ]
        )

    def _has_sessions(self, person_id: str) -> bool:
        if (self.root / peer_file(person_id)).exists() and self.years(person_id):
            return True
        for draft in self.drafts():
            if person_id in draft.participants:
                return True
        for peer in self.people(role=Role.PEER):
            for ref in self.facts(peer.id):
                if person_id in ref.supervisor_ids:
                    return True
        return False

    def find_people(self, name: str, role: Role | None = None) -> list[Person]:
        """People whose name matches exactly (ignoring case), e.g. for --peer NAME."""
        wanted = " ".join(name.split()).casefold()
        return [p for p in self.people(role=role) if p.name.casefold() == wanted]

    # -- summaries -----------------------------------------------------------------

    def summaries(self) -> dict[str, PeerTally]:
        return {
            i: self._load(PeerTally, PEOPLE, doc, i) for i, doc in self._raw(PEOPLE, "summaries")
        }

    # -- drafts --------------------------------------------------------------------

    def save_draft(self, session: Session) -> Session:
        """Autosave: one small file, written atomically. No validation: it is a draft."""
        self._guard_write()
        _safe_id(session.id)
        if session.status != SessionStatus.DRAFT:
            raise ValidationError("Only a draft can be autosaved.", "status")
        if self._is_filed(session):
            return session  # already finished: a late autosave must not revive the draft
        session = dataclasses.replace(session, updated_at=self.clock())
        rel = draft_file(session.id)
        path = self.root / rel
        if not path.parent.exists():
            ensure_dir(path.parent)
        db = self._db(rel)
        db.table("draft").put(session.id, to_data(session))
        return session

    def _is_filed(self, session: Session) -> bool:
        """Whether a session is already among the held ones (its year's index says)."""
        rel = index_file(_safe_id(session.peer_id), session.when.year)
        if not (self.root / rel).exists():
            return False
        return self._table(rel, "sessions").get_raw(session.id) is not None

    def drafts(self) -> list[Session]:
        folder = self.root / "drafts"
        if not folder.is_dir():
            return []
        found = []
        for path in sorted(folder.glob("*.json")):
            rel = f"drafts/{path.name}"
            for doc_id, doc in self._raw(rel, "draft"):
                found.append(self._load(Session, rel, doc, doc_id))
        return sorted(found, key=lambda s: s.updated_at, reverse=True)

    def discard_draft(self, session_id: str) -> None:
        self._guard_write()
        rel = draft_file(_safe_id(session_id))
        self._dbs.pop(rel, None)
        remove(self.root / rel)

    # -- sessions ------------------------------------------------------------------

    def years(self, peer_id: str) -> dict[int, YearCount]:
        """The peer's held sessions counted per year (the years that have any)."""
        rel = peer_file(_safe_id(peer_id))
        found = {}
        for key, doc in self._raw(rel, "years"):
            count = self._load(YearCount, rel, doc, key)
            if not key.isdigit():
                raise DamagedFile(self.root / rel, f"year {key!r} is not a year")
            found[int(key)] = count
        return found

    def facts(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[SessionRow]:
        """The light rows of a peer's held sessions (between ``start`` and ``end``),
        oldest first: only the index files of the years asked for are read."""
        peer_id = _safe_id(peer_id)
        found: list[SessionRow] = []
        for year in self._index_years(peer_id):
            if (start is not None and year < start.year) or (end is not None and year > end.year):
                continue
            for f in self._rows(index_file(peer_id, year)):
                day = f.day
                if (start is None or day >= start) and (end is None or day <= end):
                    found.append(f)
        found.sort(key=attrgetter("when", "id"))
        return found

    def _index_years(self, peer_id: str) -> list[int]:
        """The years a peer has files for (every year with a session has its index file;
        listed, not read). ``years()`` is for the counts."""
        folder = self.root / "peers" / peer_id
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        years = []
        for name in names:
            if name.startswith("index-") and name.endswith(".json") and name[6:-5].isdigit():
                years.append(int(name[6:-5]))
        return sorted(years)

    def _rows(self, rel: str) -> list[SessionRow]:
        """An index file's rows, decoded and checked straight from its bytes (the
        bulk read trends and History make; see store/rows.py)."""
        try:  # saves always reach the disk before anything reads, so the file is current
            data = (self.root / rel).read_bytes()
        except FileNotFoundError:
            return []
        except OSError as error:
            raise DamagedFile(self.root / rel, f"it cannot be read ({error.strerror})") from None
        from .rows import decode_rows  # msgspec: imported when rows are first read

        try:
            return decode_rows(data)
        except ValidationError as error:
            raise DamagedFile(
                self.root / rel,
                f"a session row does not have the expected shape ({error.field})",
                backups.newest_good(self.root, Path(rel)),
            ) from None

    def _facts(self, rel: str, doc_id: str, doc: dict) -> SessionRow:
        try:
            from .rows import row_from_doc

            return row_from_doc(doc_id, doc)
        except ValidationError:
            raise DamagedFile(
                self.root / rel,
                f"row {doc_id} does not have the expected shape",
                backups.newest_good(self.root, Path(rel)),
            ) from None

    def awaiting_signoff(self, peer_id: str) -> list[SessionRow]:
        """Finished sessions not yet acknowledged by everyone, oldest first."""
        refs: list[SessionRow] = []
        for year, count in sorted(self.years(peer_id).items()):
            if count.awaiting:
                start, end = date(year, 1, 1), date(year, 12, 31)
                refs += [
                    f
                    for f in self.facts(peer_id, start=start, end=end)
                    if f.status == SessionStatus.COMPLETED
                ]
        return refs

    def open_tracks(self, peer_id: str) -> Tracks:
        """The peer's open concerns, active or paused goals and unfinished actions."""
        return self._tracks_in([peer_file(_safe_id(peer_id))])

    def tracks(self, peer_id: str) -> Tracks:
        """All of the peer's items, open and settled."""
        peer_id = _safe_id(peer_id)
        rels = [peer_file(peer_id)]
        rels += [closed_file(peer_id, year) for year in self._index_years(peer_id)]
        return self._tracks_in([rel for rel in rels if (self.root / rel).exists()])

    def _tracks_in(self, rels: list[str], wanted: set[str] | None = None) -> Tracks:
        tracks = Tracks()
        for rel in rels:
            for name, cls in TRACK_TABLES.items():
                table = getattr(tracks, name)
                for doc_id, doc in self._raw(rel, name):
                    if wanted is None or doc_id in wanted:
                        table[doc_id] = self._load(cls, rel, doc, doc_id)
        return tracks

    def _tracks_for(self, peer_id: str, ids: set[str]) -> Tracks:
        """The open items, and the settled ones among ``ids`` (what a save may touch)."""
        tracks = self.open_tracks(peer_id)
        known = set(tracks.concerns) | set(tracks.goals) | set(tracks.actions)
        missing = ids - known
        if missing:
            for year in reversed(self._index_years(peer_id)):
                rel = closed_file(peer_id, year)
                if not (self.root / rel).exists():
                    continue
                found = self._tracks_in([rel], missing)
                for name in TRACK_TABLES:
                    getattr(tracks, name).update(getattr(found, name))
                    missing -= set(getattr(found, name))
                if not missing:
                    break
        return tracks

    def sessions(
        self, peer_id: str, *, start: date | None = None, end: date | None = None
    ) -> list[Session]:
        """A peer's held sessions (completed or acknowledged), oldest first."""
        peer_id = _safe_id(peer_id)
        found: list[Session] = []
        for year in self._index_years(peer_id):
            if (start is not None and year < start.year) or (end is not None and year > end.year):
                continue
            rel = shard_file(peer_id, year)
            for doc_id, doc in self._raw(rel, "sessions"):
                session = self._load(Session, rel, doc, doc_id)
                if (start is None or session.day >= start) and (end is None or session.day <= end):
                    found.append(session)
        return sorted(found, key=lambda s: (s.when, s.id))

    def session(self, peer_id: str, session_id: str, year: int | None = None) -> Session:
        """One held session; ``year`` (when known) saves looking through the others."""
        peer_id = _safe_id(peer_id)
        years = self._index_years(peer_id)[::-1]
        if year in years:
            years.remove(year)
            years.insert(0, year)
        for y in years:
            if self._table(index_file(peer_id, y), "sessions").get_raw(session_id) is None:
                continue
            rel = shard_file(peer_id, y)
            doc = self._table(rel, "sessions").get_raw(session_id)
            if doc is not None:
                return self._load(Session, rel, doc, session_id)
        raise NotFound("That session is not in the records.")

    def _stored_year(self, peer_id: str, session_id: str, year: int, everywhere: bool):
        """The year a session is filed under, with its light row, or None when new."""
        years = [year] + (
            [y for y in reversed(self._index_years(peer_id)) if y != year] if everywhere else []
        )
        for y in years:
            rel = index_file(peer_id, y)
            if not (self.root / rel).exists():
                continue
            doc = self._table(rel, "sessions").get_raw(session_id)
            if doc is not None:
                return y, self._facts(rel, session_id, doc)
        return None

    def complete(self, session: Session) -> Session:
        """Finish a draft: validate, store it and fold it into the peer's items."""
        self._guard_write()
        self._check_participants(session)
        tracks = self._tracks_for(session.peer_id, row_of(session).item_ids())
        session = lifecycle.drop_noop_updates(session, tracks)
        finished = lifecycle.finish(session, self.clock())
        self._check_links(finished, tracks)
        self.commit(self._session_changes(finished, drop_draft=True))
        return finished

    def sign_off(self, session: Session, person_id: str, comment: str = "") -> Session:
        """Record one participant's acknowledgement of a finished session."""
        self._guard_write()
        stored = self.session(session.peer_id, session.id, session.when.year)
        signed = lifecycle.sign_off(
            stored, person_id, comment, self._stamp_after(stored.updated_at)
        )
        signed = dataclasses.replace(
            signed, revisions=next_revisions(stored.revisions, stored.updated_at)
        )
        self.commit(self._session_changes(signed, drop_draft=False))
        return signed

    def _check_participants(self, session: Session) -> None:
        validation.validate_session(session)
        peer = self.person(session.peer_id)
        if peer.role != Role.PEER:
            raise ValidationError(f"{peer.name} is not a peer specialist.", "peer_id")
        for sup_id in session.supervisor_ids:
            sup = self.person(sup_id)
            if sup.role != Role.SUPERVISOR:
                raise ValidationError(f"{sup.name} is not a supervisor.", "supervisor_ids")

    def _check_links(self, session: Session, tracks: Tracks) -> None:
        problem = links.link_problem(session, tracks)
        if problem is not None:
            raise problem

    def _session_changes(self, session: Session, *, drop_draft: bool) -> list[Change]:
        """The files a save changes: the year's record and row, the items it touched,
        the yearly counts and the summary. Never the rest of the history."""
        peer_id = _safe_id(session.peer_id)
        _safe_id(session.id)
        prel = peer_file(peer_id)
        year = session.when.year
        facts = row_of(session)
        stored = self._stored_year(peer_id, session.id, year, everywhere=bool(session.revisions))
        wanted = facts.item_ids() | (stored[1].item_ids() if stored else set())
        tracks = self._tracks_for(peer_id, wanted)
        before = {
            (name, item_id): item_file(peer_id, track)
            for name in TRACK_TABLES
            for item_id, track in getattr(tracks, name).items()
        }
        changes: list[Change] = []
        rows = {year: dict(self._raw(index_file(peer_id, year), "sessions"))}
        if stored is not None and stored[0] != year:
            old_year = stored[0]
            changes.append(Change(shard_file(peer_id, old_year), "sessions", session.id, None))
            changes.append(Change(index_file(peer_id, old_year), "sessions", session.id, None))
            rows[old_year] = dict(self._raw(index_file(peer_id, old_year), "sessions"))
            rows[old_year].pop(session.id, None)
        row = row_to_data(facts)
        rows[year][session.id] = row
        changes.append(Change(shard_file(peer_id, year), "sessions", session.id, to_data(session)))
        changes.append(Change(index_file(peer_id, year), "sessions", session.id, row))
        touched = apply_session(tracks, session)
        for name in TRACK_TABLES:
            table = getattr(tracks, name)
            for item_id in sorted(touched):
                was = before.get((name, item_id))
                track = table.get(item_id)
                now = item_file(peer_id, track) if track is not None else None
                if was is not None and was != now:
                    changes.append(Change(was, name, item_id, None))
                if track is not None:
                    changes.append(Change(now, name, item_id, to_data(track)))
        counts = self.years(peer_id)
        for y, docs in rows.items():
            rel = index_file(peer_id, y)
            counted = tallies.year_counts(self._facts(rel, i, d) for i, d in docs.items())
            if y in counted:
                counts[y] = counted[y]
                changes.append(Change(prel, "years", str(y), to_data(counted[y])))
            else:
                counts.pop(y, None)
                changes.append(Change(prel, "years", str(y), None))
        summary = tallies.tally_from_counts(peer_id, counts, tracks)
        changes.append(Change(PEOPLE, "summaries", peer_id, to_data(summary)))
        if drop_draft and (session.agenda or session.peer_note.strip()):
            # What the peer brought was discussed: take it off their list for next time.
            waiting = self.peer_input(peer_id)
            used = {item.id for item in session.agenda}
            left = PeerInput(
                items=[item for item in waiting.items if item.id not in used],
                note="" if waiting.note.strip() == session.peer_note.strip() else waiting.note,
                updated_at=self.clock(),
            )
            changes.append(Change(prel, "input", "next", to_data(left)))
        if drop_draft and (self.root / draft_file(session.id)).exists():
            changes.append(Change(draft_file(session.id), None, session.id, None))
        return changes

    # -- peer input ---------------------------------------------------------------

    def peer_input(self, peer_id: str) -> PeerInput:
        """Agenda items and a note the peer added for their next session."""
        rel = peer_file(_safe_id(peer_id))
        doc = self._table(rel, "input").get_raw("next")
        return PeerInput() if doc is None else self._load(PeerInput, rel, doc, "next")

    def save_peer_input(self, peer_id: str, peer_input: PeerInput) -> PeerInput:
        self._guard_write()
        from ..domain.text import NOTE_MAX, SHORT_MAX, check_text

        for i, item in enumerate(peer_input.items):
            item.text = check_text(
                item.text, f"items[{i}]", limit=SHORT_MAX, required=True, label="agenda item"
            )
        peer_input.note = check_text(peer_input.note, "note", limit=NOTE_MAX)
        peer_input = dataclasses.replace(peer_input, updated_at=self.clock())
        self.commit([Change(peer_file(_safe_id(peer_id)), "input", "next", to_data(peer_input))])
        return peer_input

    def carry_forward(self, peer_id: str, before: date | None = None) -> links.CarryForward:
        """What a session (on ``before``, if given) reviews: items raised by then."""
        return links.carry_forward(self.open_tracks(peer_id), before)

    def peers_with_records(self) -> list[str]:
        folder = self.root / "peers"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if (p / "peer.json").exists())

    def _derived_changes(self, peer_id: str, sessions: list[Session]) -> list[Change]:
        """Replace a peer's derived files (rows, items, counts) and summary with what
        ``sessions`` say; the peer's own agenda in peer.json is kept."""
        docs, summary = derived_docs(peer_id, sessions)
        prel = peer_file(peer_id)
        changes: list[Change] = []
        folder = self.root / "peers" / peer_id
        existing = sorted(p.name for p in folder.glob("*.json")) if folder.is_dir() else []
        for name in existing:
            rel = f"peers/{peer_id}/{name}"
            if is_derived_file(name) and rel not in docs:
                changes.append(Change(rel, None, "", None))
        for rel, tables in docs.items():
            names = DERIVED_PEER_TABLES if rel == prel else ("sessions", *TRACK_TABLES)
            on_disk = (self.root / rel).exists()
            if on_disk and rel != prel and not self._loads(rel):
                changes.append(Change(rel, None, "", tables))  # damaged: written afresh
                continue
            for table in names:
                expected = tables.get(table, {})
                current = dict(self._raw(rel, table)) if on_disk else {}
                for doc_id in current.keys() - expected.keys():
                    changes.append(Change(rel, table, doc_id, None))
                for doc_id, doc in expected.items():
                    if current.get(doc_id) != doc:
                        changes.append(Change(rel, table, doc_id, doc))
        if (self.root / prel).exists():
            for doc_id, _ in self._raw(prel, "sessions"):  # the index before format 2
                changes.append(Change(prel, "sessions", doc_id, None))
        changes.append(Change(PEOPLE, "summaries", peer_id, to_data(summary)))
        return changes

    def _loads(self, rel: str) -> bool:
        """Whether a file reads as tables (a derived one that does not is rebuilt whole)."""
        try:
            self._db(rel).atomic.read()
        except DamagedFile:
            self._dbs.pop(rel, None)
            return False
        if rel.rsplit("/", 1)[-1].startswith("index-"):
            try:
                self._rows(rel)
            except DamagedFile:
                return False
        return True

    def rebuild_peer(self, peer_id: str) -> None:
        """Recompute a peer's derived files and summary from their session records."""
        self._guard_write()
        peer_id = _safe_id(peer_id)
        folder = self.root / "peers" / peer_id
        sessions: list[Session] = []
        for path in sorted(folder.glob("sessions-*.json")):
            rel = f"peers/{peer_id}/{path.name}"
            for doc_id, doc in self._raw(rel, "sessions"):
                sessions.append(self._load(Session, rel, doc, doc_id))
        self.commit(self._derived_changes(peer_id, sessions))

    # -- importing and conflicts ------------------------------------------------------

    def apply_import(self, plan, *, progress=None) -> str | None:
        """Apply a checked merge plan (see services.bundle) in one journaled commit:
        every record of the bundle, or none of them. Returns the name of the backup
        taken first (after everything was checked, so a refused bundle takes none)."""
        self._guard_write()
        if not plan.changes_anything:
            return None
        by_peer: dict[str, list[Session]] = {}
        for decision in plan.of("session", "added", "updated"):
            by_peer.setdefault(_safe_id(decision.incoming.peer_id), []).append(decision.incoming)
        people = [d.incoming for d in plan.of("person", "added", "updated")]
        for person in people:
            _safe_id(person.id)
        for sessions in by_peer.values():
            for session in sessions:
                _safe_id(session.id)
        backup = backups.snapshot(self.root, self.local_now(), "before-import")
        backups.prune(self.root)
        with self.unit() as uow:
            uow.apply(Change(PEOPLE, "people", p.id, to_data(p)) for p in people)
            for done, (peer_id, incoming) in enumerate(sorted(by_peer.items()), 1):
                uow.apply(self._stored_sessions_changes(peer_id, incoming))
                uow.spill(keep={PEOPLE, CONFLICTS})  # this peer's files are done
                if progress is not None:
                    progress(done, len(by_peer))
            uow.apply(self._conflict_changes(plan))
        return backup

    def _conflict_changes(self, plan) -> list[Change]:
        changes = []
        for decision in plan.of("person", "conflict") + plan.of("session", "conflict"):
            record = decision.incoming
            doc = {
                "kind": decision.kind,
                "record_id": record.id,
                "found_at": to_data(self.clock()),
                "incoming": to_data(record),
            }
            changes.append(Change(CONFLICTS, "conflicts", f"{decision.kind}-{record.id}", doc))
        return changes

    def _store_sessions(self, peer_id: str, incoming: list[Session]) -> None:
        """Store held sessions as they are (imports, tests, benchmarks), one commit."""
        self.commit(self._stored_sessions_changes(_safe_id(peer_id), incoming))

    def _stored_sessions_changes(self, peer_id: str, incoming: list[Session]) -> list[Change]:
        current = {s.id: s for s in self.sessions(peer_id)}
        changes: list[Change] = []
        for session in incoming:
            _safe_id(session.id)
            old = current.get(session.id)
            if old is not None and old.when.year != session.when.year:
                changes.append(
                    Change(shard_file(peer_id, old.when.year), "sessions", session.id, None)
                )
            changes.append(
                Change(
                    shard_file(peer_id, session.when.year), "sessions", session.id, to_data(session)
                )
            )
            current[session.id] = session
        changes += self._derived_changes(peer_id, list(current.values()))
        return changes

    def all_sessions_by_id(self, peer_ids) -> dict[str, Session]:
        found: dict[str, Session] = {}
        for peer_id in peer_ids:
            if (self.root / peer_file(_safe_id(peer_id))).exists():
                for session in self.sessions(peer_id):
                    found[session.id] = session
        return found

    def session_owners(self) -> dict[str, str]:
        """Every held session's id, with the peer it is filed under (from the light rows)."""
        owners: dict[str, str] = {}
        for peer_id in self.peers_with_records():
            for row in self.facts(peer_id):
                owners[row.id] = peer_id
        return owners

    def item_ids(self, peer_ids) -> dict[str, dict[str, date]]:
        """For each peer, their item ids with the day each was raised."""
        known: dict[str, dict[str, date]] = {}
        for peer_id in peer_ids:
            if (self.root / peer_file(_safe_id(peer_id))).exists():
                known[peer_id] = links.items_before(self.tracks(peer_id), date.max)
        return known

    def conflicts(self) -> list[dict]:
        if not (self.root / CONFLICTS).exists():
            return []
        found = [dict(doc, id=i) for i, doc in self._raw(CONFLICTS, "conflicts")]
        return sorted(found, key=lambda c: (c.get("found_at", ""), c["id"]))

    def settle_conflict(self, conflict_id: str, keep: str) -> None:
        """Keep the local or the incoming version; both sides' histories are remembered."""
        self._guard_write()
        conflict = next((c for c in self.conflicts() if c["id"] == conflict_id), None)
        if conflict is None:
            raise NotFound(
                f"There is no conflict {conflict_id!r}; `supervise conflicts` lists them."
            )
        cls = Person if conflict["kind"] == "person" else Session
        incoming = self._load(cls, CONFLICTS, conflict["incoming"], conflict_id)
        if cls is Person:
            local = self.person(incoming.id)
        else:
            local = self.session(incoming.peer_id, incoming.id)
        if keep == "incoming":
            merged = sorted({*incoming.revisions, *local.revisions, local.updated_at})
            chosen = dataclasses.replace(incoming, revisions=merged[-50:])
        elif keep == "local":
            merged = sorted({*local.revisions, *incoming.revisions, incoming.updated_at})
            chosen = dataclasses.replace(local, revisions=merged[-50:])
        else:
            raise ValidationError("Choose which version to keep: local or incoming.", "keep")
        forget = Change(CONFLICTS, "conflicts", conflict_id, None)
        if cls is Person:
            self.commit([Change(PEOPLE, "people", chosen.id, to_data(chosen)), forget])
        else:
            changes = self._stored_sessions_changes(_safe_id(chosen.peer_id), [chosen])
            self.commit([*changes, forget])
