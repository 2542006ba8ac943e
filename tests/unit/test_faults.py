"""Faults injected at every write point: one clear sentence, nothing lost, then it works
(in a plain folder and in an encrypted one, signed in)."""

from __future__ import annotations

import errno
import os
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervise_tui.domain import validation
from supervise_tui.domain.enums import ConcernCategory, Role
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Concern, Person, Session
from supervise_tui.domain.serial import from_data
from supervise_tui.store.check import check
from supervise_tui.store.errors import SaveFailed
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.security import sign_in
from supervise_tui.usecases.sessions import finish_session, save_draft, sign_session

from ..conftest import PASS, fixed_clock, folder_state, make_session

ERRORS = {
    "disk full": errno.ENOSPC,
    "I/O error": errno.EIO,
    "read-only folder": errno.EROFS,
    "permission denied": errno.EACCES,
}
CALLS = ["open", "write", "fsync", "replace"]


def do_save(kind: str, repo: FolderBackend, team) -> None:
    if kind == "person":
        save_person(repo, Person("Avery Sorensen", Role.PEER, "Linden Street"), clock=repo.clock)
    elif kind == "draft":
        draft = make_session(team)
        draft.checkin.arriving = "typed during a fault"
        save_draft(repo, draft, clock=repo.clock)
    elif kind == "session":
        s = make_session(team, when=datetime(2026, 11, 18, 10))
        s.concerns.append(Concern("forms", ConcernCategory.WORKLOAD))
        finish_session(repo, s, clock=repo.clock)
    else:  # sign-off of an existing session
        (session,) = repo.sessions(team["peer"].id)
        signer = repo.signed_in or team["peer"].id  # signed in: one signs as oneself
        sign_session(repo, session, signer, "ok", clock=repo.clock)


def signed_in(folder):
    """The folder opened as the app would: signed in as the lead when it is encrypted."""
    store = open_folder(folder, clock=fixed_clock)
    if store.locked:
        sign_in(store, "Dana Whitfield", PASS)
    return store


@pytest.fixture(params=["plain", "encrypted"])
def faulty(request, data_dir):
    """A folder with a session to sign off (plain, or encrypted with the lead signed in),
    and its team: (store, team)."""
    if request.param == "plain":
        repo, team = request.getfixturevalue("repo"), request.getfixturevalue("team")
        finish_session(repo, make_session(team), clock=repo.clock)
        return repo, team
    _, team, _ = request.getfixturevalue("locked_folder")  # Jordan has one session
    store = signed_in(data_dir)
    request.addfinalizer(store.close)
    return store, team


@pytest.mark.parametrize("kind", ["person", "draft", "session", "signoff"])
@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("fault", sorted(ERRORS))
def test_fault_at_each_write_point(faulty, data_dir, monkeypatch, kind, call, fault):
    repo, team = faulty
    before = folder_state(data_dir, backups=False)
    real = getattr(os, call)
    code = ERRORS[fault]

    def failing(*args, **kwargs):
        target = str(args[0]) if args else ""
        if call == "open" and not (target.endswith(".tmp") or os.path.isdir(target)):
            return real(*args, **kwargs)  # only the write path's opens fail
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, failing)
    with pytest.raises(SaveFailed) as err:
        do_save(kind, repo, team)
    message = str(err.value)
    assert message.count(". ") <= 2 and "intact" in message and "\n" not in message
    monkeypatch.setattr(os, call, real)
    # Whatever landed, the folder opens whole: the old state, or the new one completed.
    repo.close()
    again = signed_in(data_dir)
    assert check(data_dir, again.codec).ok, check(data_dir, again.codec).problems
    if kind in ("person", "draft"):
        assert (
            folder_state(data_dir, backups=False) == before
        )  # one-file saves: exactly the old state
    do_save(kind if kind != "session" else "person", again, team)  # the next save works
    assert check(data_dir, again.codec).ok
    again.close()


def test_second_writer_while_the_app_runs_changes_nothing(repo, team, data_dir, tmp_path):
    from .test_cli import run

    bundle = tmp_path / "b.json"
    out = run("export", "--format", "json", "-o", str(bundle), "--data-dir", str(data_dir))
    assert out.returncode == 0, out.stderr
    before = folder_state(data_dir, backups=False)
    out = run("import", str(bundle), "--data-dir", str(data_dir))  # the app holds the lock
    assert out.returncode == 1
    assert "Another supervise window" in out.stderr
    assert folder_state(data_dir, backups=False) == before
    out = run("--data-dir", str(data_dir))
    assert out.returncode == 1 and "--read-only" in out.stderr


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "peer_id",
                        "supervisor_ids",
                        "kind",
                        "when",
                        "status",
                        "concerns",
                        "text",
                        "category",
                        "checkin",
                        "ratings",
                        "value",
                        "id",
                        "voices",
                        "peer",
                    ]
                ),
                children,
                max_size=6,
            )
        ),
        max_leaves=25,
    )
)
def test_any_shape_is_a_session_or_a_clear_error(data):
    try:
        session = from_data(Session, data, strict=True)
        validation.validate_session(session, finishing=True)
    except ValidationError as error:
        assert error.message
    else:
        assert isinstance(session, Session)


@given(st.text(max_size=200), st.text(max_size=200))
def test_any_name_and_site_is_a_person_or_a_clear_error(name, site):
    try:
        person = validation.validate_person(Person(name, Role.PEER, site))
    except ValidationError as error:
        assert error.message and error.field in ("name", "site")
    else:
        assert person.name and person.name == person.name.strip()


def test_crash_log_never_holds_record_contents(monkeypatch, tmp_path):
    from supervise_tui import crashlog

    try:
        raise ValueError("Jordan said something very private")
    except ValueError as error:
        path = crashlog.write(error)
    with open(path) as handle:
        text = handle.read()
    assert "ValueError" in text and "private" not in text and "Jordan" not in text


def test_every_staged_file_is_on_disk_before_the_journal_names_it(repo, team, monkeypatch):
    """Staged files are written and flushed in the background (store/flushing.py), and
    every one of them has been flushed, and hashed, before the journal is written."""
    import threading
    import time

    from supervise_tui.store import journal

    real_fsync, real_write = os.fsync, journal.write_journal
    flushed: list[str] = []
    lock = threading.Lock()

    def slow_fsync(fd):
        time.sleep(0.02)  # a slow disk: the unit goes on meanwhile
        real_fsync(fd)
        with lock:
            flushed.append(os.readlink(f"/proc/self/fd/{fd}"))

    def journal_after(root, staged, codec=None):
        temps = {str(root / s.temp) for s in staged if s.temp}
        assert temps and temps <= set(flushed)
        for s in staged:  # each hash (worked out beside the writing) is of its temp's bytes
            assert s.temp is None or s.after == journal.digest((root / s.temp).read_bytes())
        return real_write(root, staged, codec)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    monkeypatch.setattr(journal, "write_journal", journal_after)
    s = make_session(team, when=datetime(2026, 11, 18, 10))
    s.concerns.append(Concern("forms", ConcernCategory.WORKLOAD))
    finish_session(repo, s, clock=repo.clock)
    assert repo.session(team["peer"].id, s.id).concerns[0].text == "forms"
