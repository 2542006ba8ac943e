"""Safer tools on the command line (issue 19, item 6): `restore` asks first (or needs
--yes), `backups` says what each holds, `conflicts` takes a short id and shows the
difference between the two versions."""

from __future__ import annotations

import dataclasses
import io
import sys
from datetime import datetime, timedelta

import pytest

from supervise_tui.cli import main
from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Action, Person
from supervise_tui.domain.serial import to_data
from supervise_tui.store import backups, holdings
from supervise_tui.store.backend import Conflict
from supervise_tui.store.check import check
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.imports import compare_conflict, settle_conflict
from supervise_tui.usecases.sessions import finish_session

from ..conftest import FIXED_NOW, PASS, fixed_clock, folder_state, full_session

NAMES = ("Dana Whitfield", "Marcus Oyelaran", "Jordan Ellery", "Robin Takahashi")


def run(capsys, *argv, clock=fixed_clock):
    code = main(list(argv), clock=clock)
    out = capsys.readouterr()
    return code, out.out, out.err


class Terminal(io.StringIO):
    """Typed answers, as from a person at a terminal."""

    def isatty(self) -> bool:
        return True


def at(hours: float):
    return lambda: FIXED_NOW + timedelta(hours=hours)


@pytest.fixture
def two_states(repo, team, data_dir):
    """A backup of four people and no sessions; then a session finished an hour later."""
    name = backups.snapshot(data_dir, datetime(2026, 11, 22, 15, 30))
    finish_session(repo, full_session(team), clock=at(1))
    repo.close()
    return name


# -- restore asks first ------------------------------------------------------------------


def test_restore_without_a_terminal_or_yes_changes_nothing(
    two_states, data_dir, capsys, monkeypatch
):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # a script: not a terminal
    before = folder_state(data_dir)
    code, out, err = run(capsys, "restore", "--from", two_states, "--data-dir", str(data_dir))
    assert code == 2
    assert err.count("\n") == 1 and "--yes" in err
    assert folder_state(data_dir) == before  # not a byte, backups included
    # what would be replaced is said first: counts and dates, never contents
    assert "the backup holds: 4 people, 0 sessions, 0 drafts, last change 2026-11-22 15:00" in out
    assert "here now:         4 people, 1 session, 0 drafts, last change 2026-11-22 16:00" in out
    assert not any(name in out + err for name in NAMES)


def test_restore_with_yes_goes_back(two_states, data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(
        capsys, "restore", "--from", two_states, "--data-dir", str(data_dir), "--yes"
    )
    assert code == 0, err
    assert "Replace the records" not in out + err  # not asked
    assert "kept as backup" in out
    assert not list((data_dir / "peers").rglob("sessions-*.json"))
    assert check(data_dir).ok


def test_restore_at_a_terminal_asks_and_no_changes_nothing(
    two_states, data_dir, capsys, monkeypatch
):
    for answer in ("n\n", "\n", "", "maybe\n"):
        monkeypatch.setattr(sys, "stdin", Terminal(answer))
        before = folder_state(data_dir)
        code, _, err = run(capsys, "restore", "--from", two_states, "--data-dir", str(data_dir))
        assert code == 1
        assert "Replace the records with this backup? [y/N]" in err
        assert "nothing was changed" in err
        assert folder_state(data_dir) == before


def test_restore_at_a_terminal_on_yes_goes_back(two_states, data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, out, err = run(capsys, "restore", "--from", two_states, "--data-dir", str(data_dir))
    assert code == 0, err
    assert f"Restored {data_dir} from backup {two_states}." in out
    assert not list((data_dir / "peers").rglob("sessions-*.json"))


def test_restore_of_an_unknown_backup_is_one_sentence(two_states, data_dir, capsys):
    code, _, err = run(capsys, "restore", "--from", "nope", "--data-dir", str(data_dir))
    assert code == 1 and "no backup called" in err and err.count("\n") == 1


# -- backups say what each holds ---------------------------------------------------------


def test_backups_lists_when_why_and_what_each_holds(two_states, data_dir, capsys):
    hourly = two_states
    later = backups.snapshot(data_dir, datetime(2026, 11, 22, 16, 30), "before-import")
    code, out, err = run(capsys, "backups", "--data-dir", str(data_dir))
    assert code == 0, err
    lines = out.splitlines()
    first = next(line for line in lines if later in line)
    second = next(line for line in lines if hourly in line)
    assert lines.index(first) < lines.index(second)  # newest first
    assert "2026-11-22 16:30" in first and "before an import" in first
    assert "4 people, 1 session, 0 drafts, last change 2026-11-22 16:00" in first
    assert "2026-11-22 15:30" in second and "hourly" in second
    assert "4 people, 0 sessions, 0 drafts, last change 2026-11-22 15:00" in second
    assert not any(name in out for name in NAMES)


def test_backups_of_an_empty_folder(data_dir, capsys):
    code, out, _ = run(capsys, "backups", "--data-dir", str(data_dir))
    assert code == 0 and "No backups yet" in out


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("20261122-090000", "hourly"),
        ("20261122-090000-2", "hourly"),
        ("20261122-090000-before-import", "before an import"),
        ("20261122-090000-before-import-3", "before an import"),
        ("20261122-090000-before-encrypt", "before encrypting"),
        ("20261122-090000-before-restore", "before a restore"),
        ("20261122-090000-before-v4", "before upgrading to format 4"),
        ("20261122-090000-test", "test"),
        ("my copy", "made by hand"),
    ],
)
def test_a_backups_reason_and_time_come_from_its_name(name, reason):
    assert backups.backup_reason(name) == reason
    taken = backups.backup_taken(name)
    assert taken == (None if name == "my copy" else datetime(2026, 11, 22, 9, 0))


def test_backups_count_a_damaged_file_as_not_read(two_states, data_dir):
    copy = data_dir / "backups" / two_states / "people.json"
    copy.unlink()
    copy.write_bytes(b'{"people": [1, 2')  # (a new file: the live one is not touched)
    held = holdings.backup_holdings(data_dir, two_states)
    assert held.people is None and held.unreadable == 1


def test_encrypted_backups_are_counted_only_when_signed_in(locked_folder, capsys, monkeypatch):
    folder, _, _ = locked_folder
    code, out, err = run(capsys, "backups", "--data-dir", str(folder))
    assert code == 0, err
    assert "--as NAME to count" in out
    sealed = next(line for line in out.splitlines() if "-test " in line)
    assert sealed.endswith("encrypted") and "people" not in sealed  # nothing read without keys
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", PASS)
    code, out, err = run(capsys, "backups", "--data-dir", str(folder), "--as", "Dana Whitfield")
    assert code == 0, err
    test_line = next(line for line in out.splitlines() if "-test " in line)
    assert "4 people, 2 sessions, 1 draft, last change 2026-11-22 15:00" in test_line
    assert not any(name in out for name in NAMES)
    assert "arriving" not in out


def test_a_peer_counts_only_what_is_theirs(locked_folder, capsys, monkeypatch):
    folder, _, _ = locked_folder
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", "Jordan Ellery own words here")
    code, out, err = run(capsys, "backups", "--data-dir", str(folder), "--as", "Jordan Ellery")
    assert code == 0, err
    test_line = next(line for line in out.splitlines() if "-test " in line)
    assert "4 people, 1 session, 1 draft" in test_line and "not yours to read" in test_line


# -- conflicts: a short id, and the difference shown -------------------------------------


def _conflict_of(record) -> Conflict:
    kind = "person" if isinstance(record, Person) else "session"
    return Conflict(f"{kind}-{record.id}", kind, record.id, FIXED_NOW, to_data(record))


@pytest.fixture
def conflicted(repo, team, data_dir):
    """Three records changed elsewhere too: a person and two sessions (all fictional)."""
    finish_session(repo, full_session(team), clock=at(1))
    second = full_session(team, when=datetime(2026, 11, 10, 10, 0))
    second.concerns.clear()
    second.actions.clear()
    finish_session(repo, second, clock=at(1))
    first, second = sorted(repo.sessions(team["peer"].id), key=lambda s: s.when, reverse=True)
    theirs = dataclasses.replace(first, updated_at=FIXED_NOW + timedelta(hours=3))
    theirs.concerns[0].text = "Too many forms, and a long walk-through " + "of each " * 20
    theirs.goals[0].progress = 60
    theirs.actions.append(Action("Book a room", team["peer"].id))
    other = dataclasses.replace(second, updated_at=FIXED_NOW + timedelta(hours=3))
    other.checkin.arriving = "Tired but ready"
    person = dataclasses.replace(
        team["peer"], site="Harbor House", updated_at=FIXED_NOW + timedelta(hours=3)
    )
    found = [_conflict_of(person), _conflict_of(theirs), _conflict_of(other)]
    repo.put_conflicts(found)
    repo.close()
    return {c.kind if c.record_id != second.id else "other": c for c in found}


def test_conflicts_lists_with_how_to_look_and_settle(conflicted, data_dir, capsys):
    code, out, err = run(capsys, "conflicts", "--data-dir", str(data_dir))
    assert code == 0, err
    assert "3 record(s)" in out and "--show ID" in out and "--keep local|incoming ID" in out


def test_show_prints_the_differences_field_by_field(conflicted, data_dir, capsys):
    session = conflicted["session"]
    short = session.record_id[:6]  # the record's id will do, without "session-"
    code, out, err = run(capsys, "conflicts", "--show", short, "--data-dir", str(data_dir))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"Conflict {session.id}:")
    by_path = {line.split()[0]: line for line in lines[1:] if line.startswith("  ")}
    assert "Too many forms" in by_path["concerns[0].text"] and "…" in by_path["concerns[0].text"]
    assert all(len(line) < 160 for line in lines)  # long texts shortened
    assert "20" in by_path["goals[0].progress"] and "60" in by_path["goals[0].progress"]
    added = by_path["actions[1]"]
    assert "(none)" in added and "Book a room" in added
    assert "updated_at" in by_path and "revisions" not in by_path
    assert "checkin.arriving" not in by_path  # the same on both sides: not shown
    assert f"--keep local|incoming {session.id}" in out


def test_a_positional_short_id_shows_it_too(conflicted, data_dir, capsys):
    person = conflicted["person"]
    code, out, err = run(capsys, "conflicts", person.id[:11], "--data-dir", str(data_dir))
    assert code == 0, err
    site = next(line for line in out.splitlines() if line.strip().startswith("site "))
    assert "Maple Court" in site and "Harbor House" in site
    assert len([line for line in out.splitlines() if line.startswith("  ")]) == 3  # +header


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("sess", "2 conflicts begin with 'sess'"),
        ("session-", "2 conflicts begin with"),
        ("zzzzzz", "There is no conflict 'zzzzzz'"),
        ("per", "at least 4 characters"),
    ],
)
def test_an_ambiguous_unknown_or_too_short_id_is_one_sentence(
    conflicted, data_dir, capsys, given, says
):
    before = folder_state(data_dir, backups=False)  # (--keep may take the hourly backup)
    for argv in (["--show", given], ["--keep", "incoming", given]):
        code, out, err = run(capsys, "conflicts", *argv, "--data-dir", str(data_dir))
        assert code == 1 and says in err and err.count("\n") == 1 and not out
        assert not any(name in err for name in NAMES)
    assert folder_state(data_dir, backups=False) == before


def test_keep_takes_a_short_id_and_settles_that_one(conflicted, data_dir, capsys, team):
    person = conflicted["person"]
    short = person.id[: len("person-") + 4]
    code, out, err = run(
        capsys, "conflicts", "--keep", "incoming", short, "--data-dir", str(data_dir)
    )
    assert code == 0, err
    assert out.strip() == f"Settled {person.id}: kept the incoming version."
    with open_folder(data_dir, clock=fixed_clock, read_only=True) as store:
        assert store.person(team["peer"].id).site == "Harbor House"
        assert person.id not in [c.id for c in store.conflicts()]
        assert len(store.conflicts()) == 2


def test_show_and_keep_together_is_a_usage_error(conflicted, data_dir, capsys):
    person = conflicted["person"]
    code, _, err = run(
        capsys,
        "conflicts",
        "--show",
        person.id,
        "--keep",
        "local",
        person.id,
        "--data-dir",
        str(data_dir),
    )
    assert code == 2 and err.count("\n") == 1


@pytest.mark.parametrize("keep", ["local", "incoming"])
def test_a_conflict_whose_record_is_no_longer_here_can_be_settled(repo, team, keep):
    gone = Person("Casey Morrow", Role.PEER, "Maple Court")  # in a bundle, not here
    repo.put_conflicts([_conflict_of(gone)])
    conflict, found = compare_conflict(repo, gone.id[:8])
    assert found[0].path == "(the whole record)" and found[0].local == "(none)"
    assert settle_conflict(repo, gone.id[:8], keep).id == conflict.id
    assert repo.conflicts() == []
    assert (gone.id in {p.id for p in repo.people()}) == (keep == "incoming")
