"""Safer tools on the command line (issue 19, item 6): `restore` asks first (or needs
--yes), `backups` says what each holds, `conflicts` takes a short id and shows the
difference between the two versions."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timedelta

import pytest

from supervise_tui.cli import main
from supervise_tui.store import backups
from supervise_tui.store.check import check
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
    held = backups.backup_holdings(data_dir, two_states)
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
