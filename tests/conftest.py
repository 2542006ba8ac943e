"""Shared fixtures and builders: a fixed clock, a fresh data folder, a team of people,
sessions, a fictional demo, and a fingerprint of a folder to prove nothing changed.

Tests live in unit/ (domain, services, store, use cases, command line), ui/ (screens
driven with Pilot at 80×24, snapshots) and crash/ (kill -9 harnesses)."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supervise_tui.domain.derived import history_of
from supervise_tui.domain.enums import ConcernCategory, GoalArea, Role, SessionKind
from supervise_tui.domain.models import Action, Concern, Goal, Person, Session, Strength
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.usecases.people import save_person

FIXED_NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write a real user's folders during tests."""
    monkeypatch.setenv("SUPERVISE_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("SUPERVISE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    # Passphrases are stretched with small Argon2id costs in tests (the real costs are
    # measured by benchmarks/run.py and pinned by test_security).
    from supervise_tui.store.crypto.kdf import FAST
    from supervise_tui.store.folder import FolderBackend

    monkeypatch.setattr(FolderBackend, "kdf_params", FAST)
    monkeypatch.setattr("supervise_tui.store.crypto.bundles.PARAMS", FAST)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture
def repo(request: pytest.FixtureRequest, data_dir: Path):
    """The records the test works on: a fresh data folder, or (for a test marked
    ``on_both_backends``) a fresh database on the test server as well."""
    if getattr(request, "param", "folder") == "postgres":
        from supervise_tui.store.postgres import open_server

        repository = open_server(request.getfixturevalue("server_url"), clock=fixed_clock)
    else:
        repository = open_folder(data_dir, clock=fixed_clock)
    yield repository
    repository.close()


# The Backend's contract: a test (or class, or module) marked so runs on both backends.
on_both_backends = pytest.mark.parametrize("repo", ["folder", "postgres"], indirect=True)


def reopen(store, **options):
    """The same records opened again (after ``store`` was closed), on either backend."""
    if hasattr(store, "root"):
        return open_folder(store.root, clock=fixed_clock, **options)
    from supervise_tui.store.postgres import open_server

    return open_server(store._url, clock=fixed_clock, **options)


def records_whole(store) -> bool:
    """The records pass their store's look-over: a folder's `supervise check`; on any
    backend, every peer's derived figures (rows, tracks, counts, tally) are the ones
    worked out again from their held sessions."""
    if hasattr(store, "root"):
        from supervise_tui.store.check import check

        if not check(store.root, store.codec).ok:
            return False
    tallies = store.tallies()
    for peer_id in store.peers_with_records():
        history = history_of(peer_id, store.sessions(peer_id))
        if (store.rows(peer_id), store.tracks(peer_id)) != (history.rows, history.tracks):
            return False
        if (store.years(peer_id), tallies.get(peer_id)) != (history.counts, history.tally):
            return False
    return True


TEMPLATE = "supervise_template"  # a database set up once, copied for each test


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for this test process (see tests/server.py)."""
    from supervise_tui.store.postgres.admin import init_server

    from .server import Server

    server = Server()
    try:
        init_server(server.new_database(name=TEMPLATE))
        yield server
    finally:
        server.stop()


@pytest.fixture
def server_url(pg_server) -> str:
    """The address of a fresh database on the test server, set up for supervise."""
    return pg_server.new_database(template=TEMPLATE)


@pytest.fixture
def team(repo: FolderBackend) -> dict[str, Person]:
    """One supervisor pair and two peers (all fictional)."""
    return {
        "sup": save_person(
            repo, Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court"), clock=repo.clock
        ),
        "sup2": save_person(
            repo, Person("Marcus Oyelaran", Role.SUPERVISOR, "Harbor House"), clock=repo.clock
        ),
        "peer": save_person(
            repo, Person("Jordan Ellery", Role.PEER, "Maple Court", weekday=1), clock=repo.clock
        ),
        "peer2": save_person(
            repo, Person("Robin Takahashi", Role.PEER, "Harbor House"), clock=repo.clock
        ),
    }


def make_session(team, when=datetime(2026, 11, 17, 10, 0), **kwargs) -> Session:
    return Session(team["peer"].id, [team["sup"].id], SessionKind.WEEKLY, when, **kwargs)


def keep_sessions(store, peer_id: str, sessions: list[Session]) -> None:
    """Put held sessions straight into a peer's history (with all that follows from it),
    as an import would: for building long histories quickly."""
    held = {s.id: s for s in store.sessions(peer_id)}
    held.update((s.id, s) for s in sessions)
    store.replace_history(history_of(peer_id, list(held.values())), list(held.values()))


def full_session(team, when=datetime(2026, 11, 17, 10, 0)) -> Session:
    """A session with a strength, a concern, a goal and an action."""
    s = make_session(team, when=when)
    s.strengths.append(Strength("Listening", "Stayed with a resident through a hard talk"))
    s.concerns.append(Concern("Too many forms", ConcernCategory.WORKLOAD, owner=team["sup"].id))
    s.goals.append(Goal("Lead a call", GoalArea.COP_LEAD, progress=20))
    s.actions.append(Action("Ask for admin help", team["sup"].id))
    return s


def tree_paths(tree) -> list[tuple]:
    """Every place in a JSON tree (the root first), as the keys and indexes to it."""
    paths, todo = [], [((), tree)]
    while todo:
        path, node = todo.pop()
        paths.append(path)
        if isinstance(node, dict | list):
            items = node.items() if isinstance(node, dict) else enumerate(node)
            todo += [((*path, key), value) for key, value in items]
    return sorted(paths, key=len)


def folder_state(folder: Path, *, backups: bool = True) -> dict[str, str]:
    """Every file under a folder (the lock file aside), by path, as a hash of its bytes:
    two states are equal only when not a byte changed (temp files left behind count)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock" and (backups or "backups" not in p.parts)
    }


@pytest.fixture
def demo_of(repo):
    """Fill the test folder with the fictional demo: ``demo_of(peers, weeks, seed)``."""
    from supervise_tui.usecases.demo import build_demo

    def build(peers: int, weeks: int, seed: int = 7):
        build_demo(repo, peers=peers, weeks=weeks, today=FIXED_NOW.date(), seed=seed)
        return repo

    return build


PASS = "kettle orchard blue ferry"  # Dana's passphrase in locked_folder


@pytest.fixture
def locked_folder(data_dir):
    """An encrypted folder: a lead (Dana), two peers with passphrases, a session each."""
    from supervise_tui.usecases.people import save_person
    from supervise_tui.usecases.security import give_passphrase, start_encrypted
    from supervise_tui.usecases.sessions import finish_session, save_draft

    store = open_folder(data_dir, clock=fixed_clock)
    dana, code = start_encrypted(
        store,
        Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court"),
        PASS,
        PASS,
        clock=fixed_clock,
    )
    marcus = save_person(store, Person("Marcus Oyelaran", Role.SUPERVISOR), clock=fixed_clock)
    give_passphrase(store, marcus, "marcus has a long phrase", "marcus has a long phrase")
    team = {"sup": dana, "sup2": marcus}
    for key, name, sups in (
        ("peer", "Jordan Ellery", [dana.id]),
        ("peer2", "Robin Takahashi", [marcus.id]),
    ):
        team[key] = save_person(
            store, Person(name, Role.PEER, supervisor_ids=sups), clock=fixed_clock
        )
        give_passphrase(store, team[key], f"{name} own words here", f"{name} own words here")
    a = full_session(team)
    a.checkin.arriving = "Jordan's private arriving line"
    finish_session(store, a, clock=fixed_clock)
    b = full_session(team, when=datetime(2026, 11, 18, 10))
    b.peer_id, b.supervisor_ids = team["peer2"].id, [marcus.id]
    b.concerns[0].owner = b.actions[0].owner = marcus.id
    b.checkin.arriving = "Robin's private arriving line"
    finish_session(store, b, clock=fixed_clock)
    draft = full_session(team, when=datetime(2026, 11, 19, 10))
    draft.checkin.arriving = "A draft typed by Jordan"
    save_draft(store, draft, clock=fixed_clock)
    store.backup("test")
    store.close()
    return data_dir, team, code


@pytest.fixture
def agency(server_url):
    """On the test server: a lead (Lena), two supervisors each with a peer, a held
    session, a draft and an informal contact each, a community-of-practice call both
    peers attended (a copy each), and everyone with a login of their own:
    ``agency[key] == (person, the address to connect as them)``."""
    from supervise_tui.domain.enums import ContactKind
    from supervise_tui.store.postgres import open_server
    from supervise_tui.store.postgres.admin import add_login
    from supervise_tui.usecases.contacts import note_contact
    from supervise_tui.usecases.sessions import finish_session, save_draft

    with open_server(server_url, clock=fixed_clock) as store:

        def person(*args, **kwargs):
            return save_person(store, Person(*args, **kwargs), clock=fixed_clock)

        team = {
            "lead": person("Lena Okafor", Role.SUPERVISOR, admin=True),
            "sup": person("Dana Whitfield", Role.SUPERVISOR),
            "sup2": person("Marcus Oyelaran", Role.SUPERVISOR),
        }
        team["peer"] = person("Jordan Ellery", Role.PEER, supervisor_ids=[team["sup"].id])
        team["peer2"] = person("Robin Takahashi", Role.PEER, supervisor_ids=[team["sup2"].id])
        for peer, sup in (("peer", "sup"), ("peer2", "sup2")):
            held = full_session(team)
            held.peer_id, held.supervisor_ids = team[peer].id, [team[sup].id]
            held.concerns[0].owner = held.actions[0].owner = team[sup].id
            finish_session(store, held, clock=fixed_clock)
            draft = full_session(team, when=datetime(2026, 11, 20, 10))
            draft.peer_id, draft.supervisor_ids = team[peer].id, [team[sup].id]
            save_draft(store, draft, clock=fixed_clock)
            note_contact(
                store,
                peer_id=team[peer].id,
                by=team[sup].id,
                kind=ContactKind.CALL,
                when=datetime(2026, 11, 21, 9),
                minutes=5,
                clock=fixed_clock,
            )
        _call(store, team["peer"], team["peer2"])
    database = server_url.split("?")[0].rsplit("/", 1)[-1].lower()  # (logins are the server's)
    for key in ("lead", "sup", "sup2", "peer", "peer2"):
        login = f"{team[key].name.split()[0].lower()}_{database}"
        add_login(server_url, team[key].id, login, None)
        team[key] = (team[key], server_url.replace("app@", f"{login}@"))
    return team


def _call(store, jordan: Person, robin: Person):
    """A community-of-practice call Jordan led and Robin attended, each with own words."""
    from supervise_tui.domain.enums import GroupKind
    from supervise_tui.domain.groups import GroupSession
    from supervise_tui.usecases.groups import record_group

    words = {jordan.id: {"learned": "Jordan's words"}, robin.id: {"learned": "Robin's words"}}
    when, peers = datetime(2026, 11, 20, 14), [jordan.id, robin.id]
    call = GroupSession(
        GroupKind.COP, when, 45, jordan.id, peers, case="A rota", case_by=robin.id, words=words
    )
    return record_group(store, call, clock=fixed_clock)
