"""Nothing lost, nothing corrupted, at the edges (issue 11): each class of failure.

Backups only of records that load; journals that prove they belong to the files;
import and restore all or nothing; refused input that changes not a byte; missing
and damaged files named, never written over; plain sentences, never tracebacks.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from supervise_tui.cli import main
from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.services import bundle as bundles
from supervise_tui.store import backups, journal
from supervise_tui.store.check import check
from supervise_tui.store.errors import DamagedFile, SaveFailed, StoreLocked
from supervise_tui.store.folder import lock_folder, open_folder
from supervise_tui.store.journal import JOURNAL
from supervise_tui.usecases.demo import build_demo
from supervise_tui.usecases.export import export_bytes
from supervise_tui.usecases.imports import apply_import
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.sessions import finish_session, sign_session

from ..conftest import FIXED_NOW, fixed_clock, folder_state, full_session, make_session

MARKER = "ZQXMARKERZQX"  # planted in bad input: must never be echoed back


def run(capsys, *argv, clock=fixed_clock):
    code = main(list(argv), clock=clock)
    out = capsys.readouterr()
    return code, out.out, out.err


def later(hours: float):
    return lambda: FIXED_NOW + timedelta(hours=hours)


# -- 1. backups hold only records that load ----------------------------------------


class TestBackupsOfDamage:
    def test_no_backup_is_taken_of_a_file_that_does_not_load(self, repo, team, data_dir):
        good = backups.snapshot(data_dir, datetime(2026, 11, 22, 14, 0))
        repo.close()
        (data_dir / "people.json").write_bytes(b'{"people": {"x": {"name": 5}}}')
        taken = backups.list_backups(data_dir)
        # an hour and more later, as on the next working day: a backup is due
        again = open_folder(data_dir, clock=later(2), check=False)
        assert backups.list_backups(data_dir) == taken
        assert any("people.json" in notice for notice in again.notices)
        with pytest.raises(DamagedFile) as err:
            again.people()
        assert f"restore --from {good}" in str(err.value)
        again.close()

    def test_a_backup_recommended_holds_a_copy_that_loads(self, repo, team, data_dir):
        good = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
        damaged = data_dir / "people.json"
        damaged.write_bytes(b'{"people": {"x": {"name": 5}}}')
        # a newer backup of the same damage, made by hand or by an older version
        bad_copy = data_dir / "backups" / "20261122-120000"
        shutil.copytree(data_dir / "backups" / good, bad_copy)
        (bad_copy / "people.json").write_bytes(damaged.read_bytes())
        assert backups.newest_good(data_dir, Path("people.json")) == good

    def test_check_repair_takes_no_backup_of_damage(self, repo, team, data_dir, capsys):
        finish_session(repo, make_session(team), clock=repo.clock)
        backups.snapshot(data_dir, datetime(2026, 11, 22, 14, 0))
        repo.close()
        index = next((data_dir / "peers").rglob("index-*.json"))
        index.write_bytes(b'{"sessions": {"x": {"when": 5}}}')
        taken = backups.list_backups(data_dir)
        code, out, _ = run(capsys, "check", "--repair", "--data-dir", str(data_dir), clock=later(3))
        assert backups.list_backups(data_dir) == taken
        assert code == 0, out  # the light rows are rebuilt from the full records


# -- 2. journals ---------------------------------------------------------------------


def interrupted(repo, monkeypatch, action, *, applied: int = 0):
    """Run ``action`` and 'kill' it after the journal, with ``applied`` files in place."""
    real = journal._apply

    def die(root, staged):
        real(root, staged[:applied])
        raise KeyboardInterrupt

    monkeypatch.setattr(journal, "_apply", die)
    with pytest.raises(KeyboardInterrupt):
        action()
    monkeypatch.setattr(journal, "_apply", real)
    repo._lock.release()  # the kill takes the lock with it
    repo._lock = None


class TestJournals:
    @pytest.mark.parametrize("command", [["check"], ["history", "--peer", "Jordan Ellery"]])
    def test_the_next_command_completes_a_hot_journal(
        self, repo, team, data_dir, monkeypatch, capsys, command
    ):
        done = finish_session(repo, full_session(team), clock=repo.clock)
        interrupted(
            repo,
            monkeypatch,
            lambda: sign_session(repo, done, team["peer"].id, clock=repo.clock),
            applied=1,
        )
        code, out, err = run(capsys, *command, "--data-dir", str(data_dir))
        assert code == 0, err
        assert not (data_dir / JOURNAL).exists()
        assert check(data_dir).ok
        with open_folder(data_dir, read_only=True, clock=fixed_clock) as viewer:
            assert viewer.session(team["peer"].id, done.id).signoffs

    def test_a_stale_journal_is_refused_and_set_aside(self, repo, team, data_dir, monkeypatch):
        first = finish_session(repo, full_session(team), clock=repo.clock)
        interrupted(
            repo, monkeypatch, lambda: sign_session(repo, first, team["peer"].id, clock=repo.clock)
        )
        stale = (data_dir / JOURNAL).read_bytes()
        temps = {p: p.read_bytes() for p in data_dir.rglob(".*.tmp")}
        again = open_folder(data_dir, clock=fixed_clock)  # completes it
        signed = again.session(team["peer"].id, first.id)
        sign_session(
            again, signed, team["sup"].id, clock=again.clock
        )  # a later save over the same files
        again.close()
        before = folder_state(data_dir)
        (data_dir / JOURNAL).write_bytes(stale)  # an old copy put back, with its temps
        for path, raw in temps.items():
            path.write_bytes(raw)
        third = open_folder(data_dir, clock=fixed_clock)
        assert not third.recovered_journal
        assert third.notices and "set aside" in third.notices[0]
        after = folder_state(data_dir)
        aside = [k for k in after if k.startswith("journal.refused-")]
        assert len(aside) == 1
        assert {k: v for k, v in after.items() if k not in aside} == before
        assert len(third.session(team["peer"].id, first.id).signoffs) == 2  # nothing rolled back
        third.close()
        assert check(data_dir).ok

    def test_a_refused_save_leaves_no_journal_to_apply_later(self, repo, team, data_dir):
        finish_session(repo, full_session(team), clock=repo.clock)
        shard = next((data_dir / "peers").rglob("sessions-2026.json"))
        good = shard.read_bytes()
        shard.write_bytes(b'{"sessions": ')  # damaged under the open app
        repo._dbs.clear()
        with pytest.raises(DamagedFile) as err:
            finish_session(
                repo, make_session(team, when=datetime(2026, 11, 19, 10)), clock=repo.clock
            )
        assert "Nothing has been changed" in str(err.value)
        assert not (data_dir / JOURNAL).exists()
        assert not list(data_dir.rglob(".*.tmp"))
        shard.write_bytes(good)  # restored
        repo._dbs.clear()
        save_person(repo, Person("Avery Sorensen", Role.PEER), clock=repo.clock)  # the next writer
        assert len(repo.sessions(team["peer"].id)) == 1  # the refused session never appears

    def test_an_old_format_journal_is_never_replayed_blindly(self, repo, team, data_dir):
        repo.close()
        old = {"changes": [{"file": "people.json", "table": "people", "doc_id": "x", "doc": {}}]}
        (data_dir / JOURNAL).write_bytes(orjson.dumps(old))
        before = (data_dir / "people.json").read_bytes()
        again = open_folder(data_dir, clock=fixed_clock)
        assert (data_dir / "people.json").read_bytes() == before
        assert again.notices
        again.close()


# -- 2b. restore is one commit ------------------------------------------------------


@pytest.mark.parametrize("applied", [0, 1, 3])
def test_restore_killed_part_way_is_completed_or_never_started(
    repo, team, data_dir, monkeypatch, applied
):
    name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
    in_backup = folder_state(data_dir / "backups" / name)
    finish_session(repo, full_session(team), clock=repo.clock)
    repo.close()
    locked = lock_folder(data_dir, clock=fixed_clock)
    interrupted(
        locked,
        monkeypatch,
        lambda: backups.restore(data_dir, name, datetime(2026, 11, 22, 10, 0)),
        applied=applied,
    )
    open_folder(data_dir, clock=fixed_clock, backup=False).close()  # the next start
    now = {k: v for k, v in folder_state(data_dir).items() if not k.startswith("backups/")}
    assert now == in_backup  # wholly the backup, never a mix
    assert check(data_dir).ok


def test_a_damaged_backup_is_not_restored(repo, team, data_dir, capsys):
    name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
    (data_dir / "backups" / name / "people.json").write_bytes(b'{"people": {"x": 1}}')
    repo.close()
    before = folder_state(data_dir)
    code, _, err = run(capsys, "restore", "--from", name, "--data-dir", str(data_dir))
    assert code == 1 and "damaged copy" in err and err.count("\n") == 1
    assert folder_state(data_dir) == before


# -- 3. import: all or nothing, no weaker than a save ---------------------------------


@pytest.fixture
def exported(repo, team):
    finish_session(repo, full_session(team), clock=repo.clock)
    return orjson.loads(export_bytes(repo, "json", today=FIXED_NOW.date(), now=FIXED_NOW)[0])


def hostile(exported, change) -> bytes:
    data = orjson.loads(orjson.dumps(exported))
    change(data)
    return orjson.dumps(data)


def _no_id(d):
    del d["sessions"][0]["id"]


def _bad_id(d):
    d["sessions"][0]["id"] = f"../{MARKER}"


def _zoned(d):
    d["sessions"][0]["when"] = "2026-11-17T10:00:00+05:00"


def _year(value):
    def change(d):
        d["sessions"][0]["when"] = f"{value}-11-17T10:00:00"

    return change


def _bad_enum(d):
    d["sessions"][0]["kind"] = MARKER


def _unknown_field(d):
    d["sessions"][0][MARKER] = 1


def _bad_date(d):
    d["sessions"][0]["concerns"][0]["follow_up"] = MARKER


CASES = {
    "no id": _no_id,
    "bad id": _bad_id,
    "time zone": _zoned,
    "year 1": _year("0001"),
    "year 9999": _year("9999"),
    "bad choice": _bad_enum,
    "unknown field": _unknown_field,
    "bad date": _bad_date,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_bundle_changes_nothing_and_quotes_nothing(tmp_path, exported, capsys, case):
    target = tmp_path / "target"
    open_folder(target, clock=fixed_clock).close()
    bundle = tmp_path / "bundle.json"
    bundle.write_bytes(hostile(exported, CASES[case]))
    before = folder_state(target)
    code, _, err = run(capsys, "import", str(bundle), "--data-dir", str(target))
    assert code == 1, err
    assert err.count("\n") == 1 and "sessions[0]" in err
    assert MARKER not in err
    assert folder_state(target) == before


def test_a_session_id_of_another_local_peer_is_refused(repo, team, tmp_path, capsys, data_dir):
    mine = finish_session(repo, full_session(team), clock=repo.clock)
    other = make_session(team, when=datetime(2026, 11, 18, 10))
    other.peer_id = team["peer2"].id
    data = orjson.loads(export_bytes(repo, "json", today=FIXED_NOW.date(), now=FIXED_NOW)[0])
    session = orjson.loads(orjson.dumps(data["sessions"][0]))
    session.update(id=mine.id, peer_id=team["peer2"].id, concerns=[], goals=[], actions=[])
    data["sessions"] = [session]
    repo.close()
    bundle = tmp_path / "b.json"
    bundle.write_bytes(orjson.dumps(data))
    before = folder_state(data_dir)
    code, _, err = run(capsys, "import", str(bundle), "--data-dir", str(data_dir))
    assert code == 1 and "another peer" in err
    assert folder_state(data_dir) == before


def test_an_update_dated_before_its_item_is_refused(repo, team, tmp_path, capsys):
    from supervise_tui.domain.enums import ConcernStatus
    from supervise_tui.domain.models import ConcernUpdate

    first = finish_session(repo, full_session(team), clock=repo.clock)
    second = make_session(team, when=datetime(2026, 11, 20, 10))
    second.concern_updates.append(ConcernUpdate(first.concerns[0].id, ConcernStatus.IN_PROGRESS))
    finish_session(repo, second, clock=repo.clock)
    data = orjson.loads(export_bytes(repo, "json", today=FIXED_NOW.date(), now=FIXED_NOW)[0])
    data["sessions"][1]["when"] = "2026-01-05T10:00:00"  # now before the concern was raised
    bundle = tmp_path / "b.json"
    bundle.write_bytes(orjson.dumps(data))
    target = tmp_path / "t"
    code, _, err = run(capsys, "import", str(bundle), "--data-dir", str(target))
    assert code == 1 and "dated before" in err
    assert not (target / "people.json").exists()


@pytest.mark.parametrize("what", ["/dev/zero", "fifo", "folder"])
def test_import_refuses_what_is_not_a_regular_file(tmp_path, capsys, what):
    path = Path(what)
    if what == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif what == "folder":
        path = tmp_path
    code, _, err = run(capsys, "import", str(path), "--data-dir", str(tmp_path / "t"))
    assert code == 1 and err.count("\n") == 1
    assert not (tmp_path / "t").exists()


def test_importing_twice_adds_nothing_and_the_folders_own_export_imports(
    tmp_path, exported, capsys
):
    bundle = tmp_path / "b.json"
    bundle.write_bytes(orjson.dumps(exported))
    target = tmp_path / "t"
    assert run(capsys, "import", str(bundle), "--data-dir", str(target))[0] == 0
    once = {k: v for k, v in folder_state(target).items() if not k.startswith("backups/")}
    code, out, _ = run(capsys, "import", str(bundle), "--data-dir", str(target))
    assert code == 0 and "1 unchanged" in out
    twice = {k: v for k, v in folder_state(target).items() if not k.startswith("backups/")}
    assert once == twice
    again = tmp_path / "again.json"
    assert (
        run(capsys, "export", "--format", "json", "-o", str(again), "--data-dir", str(target))[0]
        == 0
    )
    assert run(capsys, "import", str(again), "--data-dir", str(tmp_path / "u"))[0] == 0
    assert check(tmp_path / "u").ok


def test_a_bundle_fault_on_a_full_disk_leaves_no_half_made_backup(
    repo, team, tmp_path, exported, monkeypatch, data_dir
):
    repo.close()
    exported["people"][0]["name"] = "Dana Whitfield-Moss"
    exported["people"][0]["revisions"].append(exported["people"][0]["updated_at"])
    exported["people"][0]["updated_at"] = "2026-11-23T10:00:00Z"
    bundle = bundles.parse_bundle(orjson.dumps(exported))
    real = shutil.copyfileobj  # how a backup copies each file

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before = folder_state(data_dir)
    from supervise_tui.usecases.imports import plan_import

    with open_folder(data_dir, clock=fixed_clock, backup=False) as again:
        plan = plan_import(again, bundle)
        monkeypatch.setattr(shutil, "copyfileobj", full)
        with pytest.raises(SaveFailed) as err:
            apply_import(again, plan, clock=again.clock)
        monkeypatch.setattr(shutil, "copyfileobj", real)
    assert "disk is full" in str(err.value)
    assert folder_state(data_dir) == before
    assert not list((data_dir / "backups").glob(".*"))


# -- 4. missing and damaged files, locks, modes --------------------------------------


class TestMissingPeople:
    @pytest.mark.parametrize(
        "argv",
        [
            ["team"],
            ["export", "--format", "json"],
            ["history", "--peer", "Jordan Ellery"],
            ["check"],
        ],
    )
    def test_records_without_people_json_are_damaged_not_empty(
        self, repo, team, data_dir, capsys, argv
    ):
        finish_session(repo, full_session(team), clock=repo.clock)
        backups.snapshot(data_dir, datetime(2026, 11, 22, 14, 0))
        repo.close()
        (data_dir / "people.json").unlink()
        before = folder_state(data_dir)
        code, out, err = run(capsys, *argv, "--data-dir", str(data_dir))
        assert code == 1
        assert "people.json" in out + err
        assert folder_state(data_dir) == before

    def test_a_save_never_writes_a_new_people_json_over_the_peers(self, repo, team, data_dir):
        finish_session(repo, full_session(team), clock=repo.clock)
        repo.close()
        (data_dir / "people.json").unlink()
        with pytest.raises(DamagedFile):
            open_folder(data_dir, clock=fixed_clock)
        assert not (data_dir / "people.json").exists()


def test_demo_fresh_refuses_a_folder_another_window_has_open(tmp_path, capsys):
    folder = tmp_path / "demo"
    assert run(capsys, "demo", "--no-tui", "--weeks", "2", "--data-dir", str(folder))[0] == 0
    before = folder_state(folder)
    with open_folder(folder, clock=fixed_clock, backup=False):
        code, _, err = run(capsys, "demo", "--fresh", "--no-tui", "--data-dir", str(folder))
    assert code == 1 and "Another supervise window" in err
    assert folder_state(folder) == before


def test_a_read_only_folder_gets_a_plain_sentence(repo, team, data_dir, capsys):
    repo.close()
    if os.geteuid() == 0:
        # root may write anywhere: make the folder's writes fail as a read-only disk would
        import supervise_tui.store.journal as journal_mod

        real = journal_mod.stage_bytes

        def refuse(*args, **kwargs):
            raise SaveFailed("Could not save: the disk is read-only. Your records are intact.")

        journal_mod.stage_bytes = refuse
        try:
            code, _, err = run(
                capsys, "conflicts", "--keep", "local", "x", "--data-dir", str(data_dir)
            )
        finally:
            journal_mod.stage_bytes = real
        assert code == 1 and "went wrong" not in err
        return
    data_dir.chmod(0o500)  # pragma: no cover - when tests run as a normal user
    try:
        code, _, err = run(capsys, "demo", "--no-tui", "--data-dir", str(data_dir / "x"))
        assert code == 1 and "--read-only" in err and "went wrong" not in err
    finally:
        data_dir.chmod(0o700)


def test_a_file_ending_in_a_newline_is_whole(repo, team, data_dir):
    repo.close()
    path = data_dir / "people.json"
    path.write_bytes(path.read_bytes() + b"\n")
    again = open_folder(data_dir, clock=fixed_clock)
    assert len(again.people()) == 4
    again.close()
    assert check(data_dir).ok


def test_export_never_writes_into_the_data_folder(repo, team, data_dir, capsys):
    repo.close()
    before = folder_state(data_dir)
    target = data_dir / "people.json"
    code, _, err = run(
        capsys,
        "export",
        "--format",
        "json",
        "-o",
        str(target),
        "--force",
        "--data-dir",
        str(data_dir),
    )
    assert code == 1 and "inside the data folder" in err
    assert folder_state(data_dir) == before


def test_an_empty_data_dir_is_a_usage_error(capsys):
    code, _, err = run(capsys, "--data-dir", "", "team")
    assert code == 2 and "folder" in err


@pytest.mark.parametrize("kind", ["nested", "fifo", "zero", "binary"])
def test_a_bad_user_pack_is_skipped_with_its_message(tmp_path, capsys, kind):
    folder = Path(os.environ["SUPERVISE_CONFIG_DIR"]) / "prompts"
    folder.mkdir(parents=True)
    path = folder / "bad.toml"
    if kind == "nested":
        path.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(bytes(range(256)) * 10)
    code, out, err = run(capsys, "prompts")
    assert code == 0 and "weekly" in out
    assert "bad.toml" in err and "skipped" in err


def test_every_file_and_folder_the_demo_makes_is_private_whatever_the_umask(tmp_path, capsys):
    old = os.umask(0)
    try:
        folder = tmp_path / "a" / "b" / "demo"
        assert run(capsys, "demo", "--no-tui", "--weeks", "2", "--data-dir", str(folder))[0] == 0
    finally:
        os.umask(old)
    for path in [tmp_path / "a", tmp_path / "a" / "b", *folder.rglob("*"), folder]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_the_demo_date_follows_the_clock(tmp_path, capsys):
    """No wall clock: a demo made 'a year later' has its sessions a year later."""
    folder = tmp_path / "demo"
    a_year_on = lambda: datetime(2027, 11, 22, 15, 0, tzinfo=UTC)  # noqa: E731
    assert (
        run(capsys, "demo", "--no-tui", "--weeks", "2", "--data-dir", str(folder), clock=a_year_on)[
            0
        ]
        == 0
    )
    with open_folder(folder, read_only=True, clock=a_year_on) as repo:
        peer = repo.people(role=Role.PEER)[0]
        assert repo.rows(peer.id)[-1].when.year == 2027


def test_build_demo_is_a_function_of_its_inputs(tmp_path):
    folders = []
    for name in ("one", "two"):
        with open_folder(tmp_path / name, clock=fixed_clock, backup=False) as repo:
            build_demo(repo, peers=2, weeks=3, today=FIXED_NOW.date())
        folders.append(tmp_path / name)
    with (
        open_folder(folders[0], read_only=True, clock=fixed_clock) as a,
        open_folder(folders[1], read_only=True, clock=fixed_clock) as b,
    ):
        assert [p.name for p in a.people()] == [p.name for p in b.people()]


def test_second_writer_on_restore_is_refused(repo, data_dir, capsys):
    name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
    with pytest.raises(StoreLocked):
        lock_folder(data_dir, clock=fixed_clock)
    code, _, err = run(capsys, "restore", "--from", name, "--data-dir", str(data_dir), "--yes")
    assert code == 1 and "Another supervise window" in err


def test_check_reads_one_peer_at_a_time(tmp_path, monkeypatch):
    """`supervise check` holds one peer's files at a time (at ten years of records it
    held them all: 885 MB): each peer is checked from their own files alone, and the
    files read before are let go."""
    from supervise_tui.store import check as checking

    with open_folder(tmp_path / "d", backup=False, clock=fixed_clock) as repo:
        build_demo(repo, peers=3, weeks=3, today=fixed_clock().date())
        peers = {p.name for p in (repo.root / "peers").iterdir()}
    assert len(peers) >= 3
    held: list[set[str]] = []
    check_peer = checking._check_peer

    def one_peer(root, peer_id, parsed, *rest):
        held.append({rel.parts[1] for rel in parsed})
        return check_peer(root, peer_id, parsed, *rest)

    monkeypatch.setattr(checking, "_check_peer", one_peer)
    report = check(tmp_path / "d")
    assert report.ok and report.sessions > 0
    assert len(held) == len(peers) and all(len(names) == 1 for names in held)
    assert set().union(*held) == peers


def test_the_data_files_are_every_json_file_but_backups_and_temps(tmp_path):
    """What a check, a backup and every opening look over (backups.data_files)."""
    for rel in (
        "meta.json",
        "people.json",
        "peers/p1/peer.json",
        "peers/p1/drafts/s1.json",
        "peers/p1/.tmp-peer.json",  # a temp file a kill left: swept, not data
        "backups/20261122-150000/people.json",
        "peers/p1/backups/x.json",  # only the folder's own backups are left out
        "notes.txt",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    assert backups.data_files(tmp_path) == [
        Path("meta.json"),
        Path("peers/p1/backups/x.json"),
        Path("peers/p1/drafts/s1.json"),
        Path("peers/p1/peer.json"),
        Path("people.json"),
    ]


def test_a_refused_unit_waits_for_its_staging_threads_before_removing_their_files(
    repo, team, monkeypatch
):
    """A unit of work hands its files to threads that make and flush them (the import
    stages thousands). When it is refused, it waits for those threads before it removes
    what they made: a file made after the clean-up would be left behind."""
    import time

    from supervise_tui.store import flushing
    from supervise_tui.store.unit import Change

    finish_session(repo, make_session(team), clock=fixed_clock)
    before = folder_state(repo.root)
    real, made = flushing.write_file, []

    def slow(path, data):  # a busy disk: each file is made a moment later
        time.sleep(0.05)
        real(path, data)
        made.append(path)

    monkeypatch.setattr(flushing, "write_file", slow)
    with pytest.raises(RuntimeError, match="refused"), repo._work() as uow:
        peer = team["peer"].id  # (into a folder that is there: it is not removed)
        uow.apply(Change(f"peers/{peer}/x{n}.json", None, None, {"t": {}}) for n in range(12))
        raise RuntimeError("refused")
    for _ in range(200):  # (every thread has made its file by now, or the test waits)
        if len(made) == 12:
            break
        time.sleep(0.05)
    assert len(made) == 12 and folder_state(repo.root) == before
