"""`supervise check`: verify every file and every reference.

Messages name files and record ids, never a record's contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain import links, validation
from ..domain.contacts import Contact, contact_problem
from ..domain.derived import history_of
from ..domain.errors import ValidationError
from ..domain.ideas import fields_with_names, team_words
from ..domain.models import Person, Session
from ..domain.serial import from_data
from . import backups, migrations
from .check_reading import FileReader
from .check_tallies import check_tally_copy
from .journal import JOURNAL
from .layout import (
    DERIVED_PEER_TABLES,
    META,
    PEOPLE,
    TALLY,
    TEAM,
    TRACK_TABLES,
    derived_docs,
    is_derived_file,
    peer_tally,
)
from .records import kind_of


@dataclass
class CheckReport:
    files: int = 0
    people: int = 0
    sessions: int = 0
    drafts: int = 0
    contacts: int = 0  # informal contacts
    groups: int = 0  # copies of group sessions
    problems: list[str] = field(default_factory=list)
    repairable: list[str] = field(default_factory=list)  # peer ids whose derived data differ
    tally_copy: bool = False  # tallies/ is to be rebuilt (or, encrypted, removed)
    unreadable: int = 0  # files of an encrypted folder the signed-in person holds no key to
    warnings: list[str] = field(default_factory=list)  # worth a look, never wrong as such

    @property
    def ok(self) -> bool:
        return not self.problems


def check(root: Path, codec=None) -> CheckReport:
    """Read every file without changing anything and report what is wrong.

    An encrypted folder is checked through ``codec`` (the signed-in person's sealer):
    a file whose seal does not open is damaged, and the files of peers this person
    holds no key to are left out (``unreadable`` counts them). Without a codec, sealed
    files cannot be looked into and are reported as such.

    The folder's own files are read first, then each peer's files, checked, and let go
    before the next peer's are read: the memory it takes follows one peer's records,
    not the whole history."""
    report = CheckReport()
    root = Path(root)
    reader = FileReader(root, codec, report)
    files = backups.data_files(root)
    report.files = len(files)
    by_peer: dict[str, list[Path]] = {}
    parsed: dict[Path, dict] = {}
    for rel in files:
        if rel.parts[0] == "peers" and len(rel.parts) >= 3:
            by_peer.setdefault(rel.parts[1], []).append(rel)
        else:
            reader.read(rel, parsed)
    if codec is None and (
        reader.sealed_unread or any(reader.sealed(rels) for rels in by_peer.values())
    ):
        for rels in by_peer.values():  # (what else is damaged is said too)
            reader.read_all(rels, {})
    if reader.sealed_unread:
        report.problems.append(
            f"{reader.sealed_unread} file(s) are encrypted: sign in (--as NAME) to check them"
        )
        return report
    if (root / JOURNAL).exists():
        report.problems.append(
            f"{JOURNAL}: an interrupted save is waiting, and another window holds the folder"
        )
    if not (root / META).exists():  # a damaged one is already reported above
        report.problems.append(f"{META}: missing")
    version = parsed.get(Path(META), {}).get("schema_version")
    if type(version) is int and version < migrations.SCHEMA_VERSION:
        report.problems.append(
            f"{META}: the records are in an older format ({version}); opening them with "
            "supervise upgrades them (after a backup), then check them again"
        )
        for rels in by_peer.values():  # each damaged file is still named
            reader.read_all(rels, {})
        return report
    people_doc = parsed.get(Path(PEOPLE), {})
    people: dict[str, Person] = {}
    for doc_id, doc in _table(people_doc, "people", PEOPLE, report).items():
        person = _load(Person, doc, f"{PEOPLE} person {doc_id}", report)
        if person is not None:
            if person.id != doc_id:
                report.problems.append(f"{PEOPLE}: person {doc_id} carries another id")
            people[doc_id] = person
    report.people = len(people)

    peers_dir = root / "peers"
    peer_ids = sorted(p.name for p in peers_dir.iterdir()) if peers_dir.is_dir() else []
    seen: dict[str, str] = {}  # session id -> the peer it is filed under
    words = team_words(people.values())  # (once: it was worked out for every session)
    tallies: dict[str, dict] = {}  # each peer's own, to hold the folder's copy to
    for peer_id in peer_ids:
        mine: dict[Path, dict] = {}
        reader.read_all(by_peer.get(peer_id, []), mine)
        _check_drafts(mine, people, report)
        if peer_id in reader.hidden:
            continue  # not this person's to read: left out, not a problem
        tally = peer_tally(mine.get(Path("peers", peer_id, "peer.json")))
        if tally is not None:
            tallies[peer_id] = tally
        if not any((peers_dir / peer_id).glob("*.json")):
            continue  # an empty folder (a write that never happened) holds nothing
        _check_peer(root, peer_id, mine, people, report, seen, words)
    encrypted = bool(parsed.get(Path(META), {}).get("encryption"))
    check_tally_copy(root, parsed, tallies, encrypted, report)
    return report


def _check_drafts(parsed: dict[Path, dict], people, report: CheckReport) -> None:
    for rel, data in parsed.items():
        if kind_of(rel) == "draft":
            for doc_id, doc in _table(data, "draft", str(rel), report).items():
                draft = _load(Session, doc, f"{rel} draft {doc_id}", report)
                if draft is not None:
                    report.drafts += 1
                    _check_people(draft, people, f"{rel}", report)


def _check_peer(root, peer_id, parsed, people, report, seen, words) -> None:
    """One peer's files (``parsed``: theirs alone); ``words``: the team's own names and
    sites, never taken for a client's name."""
    base = Path("peers") / peer_id
    index_rel = base / "peer.json"
    index = parsed.get(index_rel)
    if index is None:
        if (root / index_rel).exists():
            return  # already reported as damaged
        if all(p.name.startswith(("contacts-", "groups-")) for p in (root / base).glob("*.json")):
            _check_contacts(base, peer_id, parsed, people, report)  # no session yet
            if peer_id not in people:
                report.problems.append(f"{base}: belongs to a person who is not in {PEOPLE}")
            return
        report.problems.append(f"{base}: has no peer.json")
        return
    if peer_id not in people:
        report.problems.append(f"{base}: belongs to a person who is not in {PEOPLE}")
    sessions: dict[str, Session] = {}
    for rel, data in parsed.items():
        if rel.parent != base or not rel.name.startswith("sessions-"):
            continue
        year = rel.stem.removeprefix("sessions-")
        for doc_id, doc in _table(data, "sessions", str(rel), report).items():
            session = _load(Session, doc, f"{rel} session {doc_id}", report)
            if session is None:
                continue
            where = f"{rel} session {doc_id}"
            _check_filed(session, doc_id, peer_id, year, where, report)
            if doc_id in sessions:
                report.problems.append(f"{where}: appears in two files")
            elif seen.get(doc_id, peer_id) != peer_id:
                report.problems.append(f"{where}: the same session id is filed under another peer")
            seen.setdefault(doc_id, peer_id)
            try:
                validation.validate_session(session)
            except ValidationError as error:
                report.problems.append(f"{where}: invalid ({error.field})")
            report.warnings += [
                f"{where}: {name} has a word that may be a client's name "
                "(never write a client's name)"
                for name in fields_with_names(session, words)
            ]
            _check_people(session, people, where, report)
            sessions[doc_id] = session
    report.sessions += len(sessions)
    _check_contacts(base, peer_id, parsed, people, report)
    ordered = sorted(sessions.values(), key=lambda s: (s.when, s.id))
    for session, problem in links.history_problems(ordered):
        report.problems.append(
            f"session {session.id}: {problem.field} updates an item that is not in this "
            "peer's record on that date"
        )
    # Derived files (light rows, items, yearly counts) and the tallies (Home's, the team
    # view's) must equal what the full records say.
    expected = derived_docs(history_of(peer_id, ordered))
    out_of_step: list[str] = []
    for rel, data in parsed.items():
        stray = rel.parent == base and is_derived_file(rel.name) and str(rel) not in expected
        if stray and any(_table(data, name, str(rel), report) for name in data):
            out_of_step.append(rel.name)
    for path in (root / base).glob("*.json"):
        if is_derived_file(path.name) and base / path.name not in parsed:
            out_of_step.append(path.name)  # damaged: rebuilt whole from the sessions
    for rel, tables in expected.items():
        path = Path(rel)
        data = parsed.get(path)
        if data is None:
            if (root / path).exists():
                continue  # damaged: reported above (and rebuilt, when derived)
            data = {}
        names = DERIVED_PEER_TABLES if path == index_rel else ("sessions", *TRACK_TABLES)
        for name in names:
            if name == TEAM and name not in data:
                continue  # not kept yet (records from before it): the view counts the rows
            if name == TALLY and name not in data and not sessions:
                continue  # an agenda written before the first session: nothing to count yet
            if _table(data, name, rel, report) != tables.get(name, {}):
                out_of_step.append(path.name)
                break
    if index.get("sessions"):
        out_of_step.append("peer.json")
    if out_of_step:
        files = ", ".join(sorted(set(out_of_step)))
        report.problems.append(
            f"{base}: the session rows, item lists or summary ({files}) are out of step with "
            "the sessions (`supervise check --repair` rebuilds them from the sessions)"
        )
        report.repairable.append(peer_id)


def _check_contacts(base: Path, peer_id: str, parsed, people, report) -> None:
    """Each informal contact: the right shape, filed under its peer and year, noted by
    someone in the roster (and each group session, :mod:`.check_groups`)."""
    from .check_groups import check_groups, filed

    check_groups(base, peer_id, parsed, people, report)
    for where, contact in filed(base, peer_id, ("contacts", Contact, "contact"), parsed, report):
        problem = contact_problem(contact)
        if problem is not None:
            report.problems.append(f"{where}: invalid ({problem.field})")
        if contact.by not in people:
            report.problems.append(f"{where}: refers to a person who is not in {PEOPLE}")
        report.contacts += 1


def _check_filed(record, doc_id: str, peer_id: str, year: str, where: str, report) -> None:
    """A session or a contact is kept under its own id, its peer and its year."""
    if record.id != doc_id:
        report.problems.append(f"{where}: carries another id")
    if record.peer_id != peer_id:
        report.problems.append(f"{where}: is filed under another peer")
    if str(record.when.year) != year:
        report.problems.append(f"{where}: is filed under the wrong year")


def _check_people(session: Session, people, where, report) -> None:
    for person_id in session.participants:
        if person_id not in people:
            report.problems.append(f"{where}: refers to a person who is not in {PEOPLE}")


def _table(data: dict, name: str, where: str, report: CheckReport) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        report.problems.append(f"{where}: table {name!r} does not have the expected shape")
        return {}
    return table


def _load(cls, doc, where: str, report: CheckReport):
    try:
        return from_data(cls, doc)
    except ValidationError as error:
        report.problems.append(f"{where}: does not have the expected shape ({error.field})")
        return None
