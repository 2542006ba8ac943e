"""Home's copy of every peer's tally (tallies/<0-f>.json): kept in the same commit as
each peer.json's, read by Home instead of one file per peer, rebuilt when missing or
damaged, held equal by `supervise check`, and never kept in an encrypted folder."""

from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from supervise_tui.cli import main
from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import PeerInput, Person
from supervise_tui.domain.serial import to_data
from supervise_tui.store import backups
from supervise_tui.store.check import check
from supervise_tui.store.errors import SaveFailed
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.store.layout import COPY_FILES, copy_file
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.sessions import finish_session

from ..conftest import fixed_clock, full_session, keep_sessions
from .test_layout import random_history

FIXTURES = Path(__file__).parent.parent / "fixtures"


def copy_of(folder: Path) -> dict:
    """The whole copy, by peer id; each in the file its id says."""
    found = {}
    for rel in COPY_FILES:
        docs = orjson.loads((folder / rel).read_bytes())["tally"]
        assert all(copy_file(peer_id) == rel for peer_id in docs)
        found.update(docs)
    return found


def copy_bytes(folder: Path) -> list[bytes]:
    return [(folder / rel).read_bytes() for rel in COPY_FILES]


def own_tallies(folder: Path) -> dict:
    """Each peer's tally as their own peer.json holds it."""
    found = {}
    for path in sorted((folder / "peers").glob("*/peer.json")):
        tally = orjson.loads(path.read_bytes()).get("tally", {}).get("tally")
        if tally is not None:
            found[path.parent.name] = tally
    return found


def session_for(team, key: str, when: datetime):
    s = full_session(team, when=when)
    s.peer_id = team[key].id
    return s


def test_every_change_to_a_tally_reaches_the_copy_in_the_same_commit(repo, team, data_dir):
    finish_session(repo, session_for(team, "peer", datetime(2026, 11, 10, 10)), clock=fixed_clock)
    assert copy_of(data_dir) == own_tallies(data_dir) and len(copy_of(data_dir)) == 1
    finish_session(repo, session_for(team, "peer2", datetime(2026, 11, 11, 10)), clock=fixed_clock)
    keep_sessions(repo, team["peer"].id, random_history(team, random.Random(3), n=30))
    new = save_person(repo, Person("Sam Okafor", Role.PEER), clock=fixed_clock)
    repo.save_peer_input(new.id, PeerInput(note="A fictional topic"))  # no tally yet
    copied = copy_of(data_dir)
    assert copied == own_tallies(data_dir)
    assert set(copied) == {team["peer"].id, team["peer2"].id}
    assert copied[team["peer"].id]["sessions"] == 31
    assert {k: to_data(v) for k, v in repo.tallies().items()} == copied
    assert check(data_dir).ok, check(data_dir).problems


def test_home_reads_the_one_copy_not_each_peer_file(repo, team, monkeypatch):
    for key in ("peer", "peer2"):
        finish_session(repo, session_for(team, key, datetime(2026, 11, 10, 10)), clock=fixed_clock)
    expected = repo.tallies()
    repo.close()
    fresh = open_folder(repo.root, clock=fixed_clock)

    def per_peer(*args, **kwargs):
        raise AssertionError("a peer's own file was read")

    monkeypatch.setattr(FolderBackend, "_peek", per_peer)
    monkeypatch.setattr(FolderBackend, "_get", per_peer)
    assert fresh.tallies() == expected
    fresh.close()


@pytest.mark.parametrize("damage", [None, b"{half a file", b'{"tally": []}'])
def test_a_missing_or_damaged_copy_is_read_past_then_made_whole_by_the_next_save(
    repo, team, data_dir, damage
):
    for key in ("peer", "peer2"):
        finish_session(repo, session_for(team, key, datetime(2026, 11, 10, 10)), clock=fixed_clock)
    expected = repo.tallies()
    repo.close()
    hit = data_dir / copy_file(team["peer2"].id)  # (not the file the next save changes)
    if damage is None:
        hit.unlink()
    else:
        hit.write_bytes(damage)
    report = check(data_dir)
    assert not report.ok and report.tally_copy
    assert any(p.startswith(copy_file(team["peer2"].id)) for p in report.problems)
    store = open_folder(data_dir, clock=fixed_clock, check=False)
    assert store.tallies() == expected  # Home is right meanwhile: from each peer's file
    later = session_for(team, "peer", datetime(2026, 11, 17, 10))
    finish_session(store, later, clock=fixed_clock)
    assert copy_of(data_dir) == own_tallies(data_dir)
    assert set(copy_of(data_dir)) == {team["peer"].id, team["peer2"].id}
    assert check(data_dir).ok
    store.close()


def test_check_names_a_copy_out_of_step_and_repair_rebuilds_it(repo, team, data_dir, capsys):
    for key in ("peer", "peer2"):
        finish_session(repo, session_for(team, key, datetime(2026, 11, 10, 10)), clock=fixed_clock)
    expected = repo.tallies()
    repo.close()

    def change(peer_id: str, doc: dict | None, into: str | None = None) -> None:
        path = data_dir / (into or copy_file(peer_id))
        data = orjson.loads(path.read_bytes())
        data["tally"][peer_id] = doc
        path.write_bytes(orjson.dumps(data))

    first = copy_of(data_dir)[team["peer"].id]
    change(team["peer"].id, {**first, "open_concerns": 7})
    change("a-peer-with-no-folder", first)
    assert main(["check", "--data-dir", str(data_dir)], clock=fixed_clock) == 1
    out = capsys.readouterr().out
    assert copy_file(team["peer"].id) in out and "--repair" in out
    assert copy_file("a-peer-with-no-folder") in out
    # A document of the wrong shape: Home reads past the copy meanwhile.
    change(team["peer2"].id, {"sessions": "many"})
    store = open_folder(data_dir, clock=fixed_clock, check=False, backup=False)
    assert store.tallies() == expected
    store.close()
    assert main(["check", "--data-dir", str(data_dir)], clock=fixed_clock) == 1
    out = capsys.readouterr().out
    assert copy_file(team["peer2"].id) in out and "--repair" in out
    assert main(["check", "--data-dir", str(data_dir), "--repair"], clock=fixed_clock) == 0
    out = capsys.readouterr().out
    assert "Rebuilt the copy of every peer's Home figures" in out and "All well" in out
    assert copy_of(data_dir) == own_tallies(data_dir)


def test_a_save_that_fails_changes_neither_the_peer_nor_the_copy(repo, team, data_dir, monkeypatch):
    finish_session(repo, session_for(team, "peer", datetime(2026, 11, 10, 10)), clock=fixed_clock)
    before = copy_bytes(data_dir), own_tallies(data_dir)
    from supervise_tui.store import journal

    def refuse(*args, **kwargs):
        raise SaveFailed("The disk is full; nothing was saved.")

    monkeypatch.setattr(journal, "write_journal", refuse)
    with pytest.raises(SaveFailed):
        later = session_for(team, "peer", datetime(2026, 11, 17, 10))
        finish_session(repo, later, clock=fixed_clock)
    assert (copy_bytes(data_dir), own_tallies(data_dir)) == before


def test_a_version_3_folder_gets_its_copy_when_upgraded(tmp_path):
    folder = tmp_path / "v3"
    shutil.copytree(FIXTURES / "v3-folder", folder)
    expected = own_tallies(folder)
    assert not (folder / "tallies").exists() and len(expected) == 2
    store = open_folder(folder, clock=fixed_clock)
    assert copy_of(folder) == expected
    assert {k: to_data(v) for k, v in store.tallies().items()} == expected
    assert orjson.loads((folder / "meta.json").read_bytes())["schema_version"] == 4
    assert any(name.endswith("before-v4") for name in backups.list_backups(folder))
    store.close()
    assert check(folder).ok, check(folder).problems


def test_an_encrypted_folder_keeps_no_copy_of_everyone_s_figures(
    repo, team, data_dir, capsys, monkeypatch
):
    from supervise_tui.usecases.security import encrypt_folder, sign_in

    for key in ("peer", "peer2"):
        finish_session(repo, session_for(team, key, datetime(2026, 11, 10, 10)), clock=fixed_clock)
    repo.backup("plain")
    assert any(backups.BACKUPS in str(p) for p in data_dir.rglob("tallies/*.json"))
    expected = repo.tallies()
    words = "a long fictional phrase"
    encrypt_folder(repo, team["sup"], words, words, clock=fixed_clock)
    assert not list(data_dir.rglob("tallies*"))  # nor in any backup
    assert repo.tallies() == expected
    later = session_for(team, "peer", datetime(2026, 11, 17, 10))
    finish_session(repo, later, clock=fixed_clock)
    assert not (data_dir / "tallies").exists()
    assert repo.tallies()[team["peer"].id].sessions == 2
    assert check(data_dir, repo.codec).ok
    repo.close()
    # One put there (by hand, or an old copy) is named, and the repair removes it.
    (data_dir / "tallies").mkdir(mode=0o700)
    (data_dir / COPY_FILES[3]).write_bytes(orjson.dumps({"tally": {}}))
    store = open_folder(data_dir, clock=fixed_clock, check=False)
    sign_in(store, team["sup"].name, words)
    report = check(data_dir, store.codec)
    assert report.tally_copy and any(p.startswith("tallies/") for p in report.problems)
    store.close()
    capsys.readouterr()
    argv = ["check", "--data-dir", str(data_dir), "--as", team["sup"].name, "--repair"]
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", words)
    assert main(argv, clock=fixed_clock) == 0, capsys.readouterr()
    assert not (data_dir / COPY_FILES[3]).exists()


def test_the_copy_follows_a_random_run_of_saves_and_imports(repo, team, data_dir):
    rng = random.Random(11)
    when = datetime(2025, 1, 6, 10)
    for _ in range(25):
        key = rng.choice(["peer", "peer2"])
        when += timedelta(days=rng.randint(1, 9))
        if rng.random() < 0.2:  # (random_history's sessions are the first peer's)
            keep_sessions(repo, team["peer"].id, random_history(team, rng, n=rng.randint(1, 8)))
        else:
            finish_session(repo, session_for(team, key, when), clock=fixed_clock)
        assert copy_of(data_dir) == own_tallies(data_dir)
    assert check(data_dir).ok


def test_a_peer_folder_removed_by_hand_is_not_shown_from_the_copy(repo, team, data_dir):
    for key in ("peer", "peer2"):
        finish_session(repo, session_for(team, key, datetime(2026, 11, 10, 10)), clock=fixed_clock)
    repo.close()
    shutil.rmtree(data_dir / "peers" / team["peer2"].id)
    store = open_folder(data_dir, clock=fixed_clock, check=False, backup=False)
    assert set(store.tallies()) == {team["peer"].id}  # as each peer's own file says
    store.close()
    report = check(data_dir)
    assert report.tally_copy and any(copy_file(team["peer2"].id) in p for p in report.problems)


@pytest.mark.parametrize("damage", [b'{"tally": {"x": {"sess', b"[]"])
def test_a_damaged_copy_file_stops_neither_opening_nor_backups_and_repair_rebuilds_it(
    repo, team, data_dir, capsys, damage
):
    """The copy is derived: a damaged file of it is left out of a backup (and so of a
    restore), never blocks the look over every file, and `check --repair` rebuilds it."""
    for key in ("peer", "peer2"):
        finish_session(repo, session_for(team, key, datetime(2026, 11, 10, 10)), clock=fixed_clock)
    repo.close()
    hit = copy_file(team["peer2"].id)
    (data_dir / hit).write_bytes(damage)
    store = open_folder(data_dir, clock=fixed_clock)  # (the command line's way: a look over all)
    assert store.upkeep() == []
    taken = store.backup("with-a-damaged-copy")
    store.close()
    assert not (data_dir / backups.BACKUPS / taken / hit).exists()
    assert all(
        (data_dir / backups.BACKUPS / taken / rel).exists() for rel in COPY_FILES if rel != hit
    )
    assert main(["check", "--data-dir", str(data_dir), "--repair"], clock=fixed_clock) == 0
    assert "All well" in capsys.readouterr().out
    assert copy_of(data_dir) == own_tallies(data_dir)
    argv = ["restore", "--from", taken, "--yes", "--data-dir", str(data_dir)]
    assert main(argv, clock=fixed_clock) == 0, capsys.readouterr()
    assert not (data_dir / hit).exists()  # left out of the backup: read past, then rebuilt
    store = open_folder(data_dir, clock=fixed_clock, check=False)
    assert {k: to_data(v) for k, v in store.tallies().items()} == own_tallies(data_dir)
    finish_session(store, session_for(team, "peer", datetime(2026, 11, 17, 10)), clock=fixed_clock)
    store.close()
    assert copy_of(data_dir) == own_tallies(data_dir) and check(data_dir).ok


def test_a_backup_from_before_encrypting_is_not_restored_over_encrypted_records(
    repo, team, data_dir, capsys, monkeypatch
):
    from supervise_tui.usecases.security import encrypt_folder

    from ..conftest import folder_state

    finish_session(repo, session_for(team, "peer", datetime(2026, 11, 10, 10)), clock=fixed_clock)
    words = "a long fictional phrase"
    encrypt_folder(repo, team["sup"], words, words, clock=fixed_clock)
    repo.close()
    (before,) = [n for n in backups.list_backups(data_dir) if n.endswith("before-encrypt")]
    state = folder_state(data_dir)
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", words)
    argv = ["restore", "--from", before, "--yes", "--data-dir", str(data_dir)]
    argv += ["--as", team["sup"].name]
    assert main(argv, clock=fixed_clock) == 1
    err = capsys.readouterr().err
    assert "before these records were encrypted" in err and "Nothing has been changed" in err
    assert folder_state(data_dir) == state
