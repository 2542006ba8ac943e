"""The store: round trips, the journal, locks, damage, permissions, backups, migrations."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import stat
from datetime import datetime
from pathlib import Path

import orjson
import pytest

from supervise_tui.domain.enums import ConcernCategory, ConcernStatus, Role, SessionStatus
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Concern, ConcernUpdate, Person
from supervise_tui.domain.serial import to_data
from supervise_tui.store import backups, journal, migrations
from supervise_tui.store.check import check
from supervise_tui.store.errors import (
    DamagedFile,
    NewerFormat,
    ReadOnly,
    Refused,
    SaveFailed,
    StoreLocked,
)
from supervise_tui.store.folder import lock_folder, open_folder
from supervise_tui.store.journal import JOURNAL
from supervise_tui.store.unit import Change
from supervise_tui.usecases.people import delete_person, find_people, save_person
from supervise_tui.usecases.sessions import finish_session, review_for, save_draft, sign_session

from ..conftest import fixed_clock, full_session, make_session, on_both_backends, reopen

FIXTURES = Path(__file__).parent.parent / "fixtures"


@on_both_backends
class TestRoundTrip:
    def test_people_round_trip(self, repo, team):
        repo.close()
        again = reopen(repo)
        names = [p.name for p in again.people()]
        assert names == ["Dana Whitfield", "Jordan Ellery", "Marcus Oyelaran", "Robin Takahashi"]
        assert again.person(team["peer"].id) == team["peer"]
        again.close()

    def test_session_round_trip_is_exact(self, repo, team):
        s = full_session(team)
        done = finish_session(repo, s, clock=repo.clock)
        repo.close()
        again = reopen(repo)
        assert again.session(team["peer"].id, s.id) == done
        assert again.sessions(team["peer"].id) == [done]
        again.close()

    def test_half_filled_draft_is_kept_exactly(self, repo, team):
        s = make_session(team)
        s.concerns.append(Concern("half a thou"))  # no category yet: fine in a draft
        s.feedback.text = "שלום 👋 — مرحبا"
        save_draft(repo, s, clock=repo.clock)
        (back,) = repo.drafts()
        assert back.concerns[0].text == "half a thou"
        assert back.feedback.text == "שלום 👋 — مرحبا"

    def test_summary_and_carry_forward(self, repo, team):
        finish_session(repo, full_session(team), clock=repo.clock)
        summary = repo.tallies()[team["peer"].id]
        assert (
            summary.sessions,
            summary.open_concerns,
            summary.active_goals,
            summary.open_actions,
            summary.awaiting_signoff,
        ) == (1, 1, 1, 1, 1)
        carried = review_for(repo, team["peer"].id)
        assert len(carried.concerns) == len(carried.goals) == len(carried.actions) == 1

    def test_second_session_updates_the_first_ones_concern(self, repo, team):
        first = finish_session(repo, full_session(team), clock=repo.clock)
        (track,) = review_for(repo, team["peer"].id).concerns
        second = make_session(team, when=datetime(2026, 11, 20, 10))
        second.concern_updates.append(
            ConcernUpdate(track.id, ConcernStatus.RESOLVED, resolution_note="admin helps now")
        )
        finish_session(repo, second, clock=repo.clock)
        tracks = repo.tracks(team["peer"].id)
        assert tracks.concerns[track.id].current.status == ConcernStatus.RESOLVED
        assert tracks.concerns[track.id].raised_in == first.id
        assert repo.tallies()[team["peer"].id].open_concerns == 0

    def test_a_session_cannot_update_an_item_raised_after_its_date(self, repo, team):
        later = full_session(team)  # 17 Nov
        finish_session(repo, later, clock=repo.clock)
        (track,) = review_for(repo, team["peer"].id).concerns
        earlier = make_session(team, when=datetime(2026, 11, 3, 10))
        assert review_for(repo, team["peer"].id, earlier.day).empty
        earlier.concern_updates.append(ConcernUpdate(track.id, ConcernStatus.RESOLVED, "x"))
        with pytest.raises(ValidationError) as err:
            finish_session(repo, earlier, clock=repo.clock)
        assert "dated before" in err.value.message

    def test_update_to_unknown_item_is_refused(self, repo, team):
        s = make_session(team)
        s.concern_updates.append(ConcernUpdate("not-there", ConcernStatus.OPEN))
        with pytest.raises(ValidationError):
            finish_session(repo, s, clock=repo.clock)

    def test_sign_off_by_both(self, repo, team):
        done = finish_session(repo, full_session(team), clock=repo.clock)
        done = sign_session(repo, done, team["peer"].id, "Agreed", clock=repo.clock)
        done = sign_session(repo, done, team["sup"].id, clock=repo.clock)
        assert done.status == SessionStatus.ACKNOWLEDGED
        assert repo.session(team["peer"].id, done.id).status == SessionStatus.ACKNOWLEDGED
        assert repo.tallies()[team["peer"].id].awaiting_signoff == 0
        # signing off kept the items
        assert repo.tallies()[team["peer"].id].open_concerns == 1


class TestFolderFiles:
    def test_uuid_is_the_document_key(self, repo, team, data_dir):
        raw = orjson.loads((data_dir / "people.json").read_bytes())
        assert set(raw["people"]) == {p.id for p in team.values()}

    def test_drafts_are_saved_apart_and_removed_on_completion(self, repo, team, data_dir):
        s = full_session(team)
        save_draft(repo, s, clock=repo.clock)
        draft = data_dir / "peers" / team["peer"].id / "drafts" / f"{s.id}.json"
        assert draft.exists()  # with the peer's own records
        assert [d.id for d in repo.drafts()] == [s.id]
        finish_session(repo, s, clock=repo.clock)
        assert repo.drafts() == []
        assert not draft.exists()

    def test_sessions_are_sharded_by_year(self, repo, team, data_dir):
        finish_session(repo, make_session(team, when=datetime(2025, 12, 30, 10)), clock=repo.clock)
        finish_session(repo, make_session(team, when=datetime(2026, 1, 6, 10)), clock=repo.clock)
        folder = data_dir / "peers" / team["peer"].id
        assert sorted(p.name for p in folder.glob("sessions-*.json")) == [
            "sessions-2025.json",
            "sessions-2026.json",
        ]
        assert len(repo.sessions(team["peer"].id)) == 2
        only_2026 = repo.sessions(team["peer"].id, start=datetime(2026, 1, 1).date())
        assert len(only_2026) == 1

    def test_check_passes_on_a_healthy_folder(self, repo, team, data_dir):
        done = finish_session(repo, full_session(team), clock=repo.clock)
        sign_session(repo, done, team["peer"].id, clock=repo.clock)
        report = check(data_dir)
        assert report.ok, report.problems
        assert (report.people, report.sessions) == (4, 1)


@on_both_backends
class TestPeople:
    def test_duplicate_name_same_site_refused(self, repo, team):
        with pytest.raises(ValidationError):
            save_person(repo, Person("Jordan Ellery", Role.PEER, "Maple Court"), clock=repo.clock)
        other = save_person(
            repo, Person("Jordan Ellery", Role.PEER, "Linden Street"), clock=repo.clock
        )
        assert len(find_people(repo, "jordan ellery")) == 2
        assert other.site == "Linden Street"

    def test_delete_person_with_sessions_is_refused(self, repo, team):
        finish_session(repo, make_session(team), clock=repo.clock)
        with pytest.raises(Refused) as err:
            delete_person(repo, team["peer"].id)
        assert "inactive" in str(err.value)
        with pytest.raises(Refused):
            delete_person(repo, team["sup"].id)
        delete_person(repo, team["peer2"].id)  # no sessions: allowed
        assert team["peer2"].id not in {p.id for p in repo.people()}

    def test_deactivate_keeps_history(self, repo, team):
        finish_session(repo, make_session(team), clock=repo.clock)
        person = dataclasses.replace(repo.person(team["peer"].id), active=False)
        save_person(repo, person, clock=repo.clock)
        assert team["peer"].id not in {p.id for p in repo.people(include_inactive=False)}
        assert len(repo.sessions(team["peer"].id)) == 1


class TestOneWriter:
    def test_second_instance_gets_a_clear_message(self, repo, data_dir):
        with pytest.raises(StoreLocked) as err:
            open_folder(data_dir, clock=fixed_clock)
        assert "--read-only" in str(err.value)

    def test_the_lock_keeps_out_and_is_kept_out_by_filelock(self, data_dir, repo):
        """An earlier version took the lock through filelock: a window of it and one of
        this version keep each other out, both ways."""
        import filelock

        from supervise_tui.store.layout import LOCK

        with pytest.raises(filelock.Timeout):
            filelock.FileLock(str(data_dir / LOCK), timeout=0).acquire()
        repo.close()
        older = filelock.FileLock(str(data_dir / LOCK), timeout=0)
        older.acquire()
        try:
            with pytest.raises(StoreLocked):
                open_folder(data_dir, clock=fixed_clock)
        finally:
            older.release()
        open_folder(data_dir, clock=fixed_clock).close()

    def test_read_only_can_look_but_not_save(self, repo, team, data_dir):
        viewer = open_folder(data_dir, read_only=True, clock=fixed_clock)
        assert len(viewer.people()) == 4
        with pytest.raises(ReadOnly):
            save_person(viewer, Person("New Person", Role.PEER), clock=viewer.clock)
        viewer.close()

    def test_lock_is_released_on_close(self, repo, data_dir):
        repo.close()
        open_folder(data_dir, clock=fixed_clock).close()


class TestPermissions:
    def test_folder_0700_files_0600(self, repo, team, data_dir):
        finish_session(repo, full_session(team), clock=repo.clock)
        save_draft(repo, make_session(team), clock=repo.clock)
        for path in [data_dir, *data_dir.rglob("*")]:
            mode = stat.S_IMODE(path.stat().st_mode)
            if path.is_dir():
                assert mode == 0o700, path
            else:
                assert mode == 0o600, path


class TestDamage:
    @pytest.mark.parametrize(
        "content, reason",
        [
            (b"", "empty"),
            (b'{"people": {"a": {"name": "x"', "cut short"),
            (bytes(range(256)), "does not start like one"),
            (b'["not", "an", "object"]', "does not start like one"),
        ],
    )
    def test_damaged_people_file_is_detected_and_never_overwritten(
        self, repo, team, data_dir, content, reason
    ):
        repo.close()
        path = data_dir / "people.json"
        path.write_bytes(content)
        with pytest.raises(DamagedFile) as err:
            open_folder(data_dir, clock=fixed_clock)
        assert reason in str(err.value)
        assert "people.json" in str(err.value)
        assert path.read_bytes() == content

    def test_wrong_shape_names_the_file_and_backup(self, repo, team, data_dir):
        backup = backups.snapshot(data_dir, datetime(2026, 11, 22, 23, 0))
        repo.close()
        path = data_dir / "people.json"
        path.write_bytes(b'{"people": {"x": {"name": 5}}}')
        again = open_folder(data_dir, clock=fixed_clock)
        with pytest.raises(DamagedFile) as err:
            again.people()
        assert backup in str(err.value)
        assert path.read_bytes() == b'{"people": {"x": {"name": 5}}}'
        again.close()

    def test_check_reports_damage_with_backup(self, repo, team, data_dir):
        finish_session(repo, make_session(team), clock=repo.clock)
        name = backups.snapshot(data_dir, datetime(2026, 11, 22, 23, 0))
        repo.close()
        shard = next((data_dir / "peers").rglob("sessions-*.json"))
        shard.write_bytes(shard.read_bytes()[:-20])
        report = check(data_dir)
        assert not report.ok
        assert any("cut short" in p and name in p for p in report.problems)

    def test_restore_goes_back_and_keeps_the_current_state(self, repo, team, data_dir):
        name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
        finish_session(repo, make_session(team), clock=repo.clock)
        repo.close()
        (data_dir / "people.json").write_bytes(b"garbage")
        with lock_folder(data_dir, clock=fixed_clock):
            kept = backups.restore(data_dir, name, datetime(2026, 11, 22, 10, 0))
        assert kept in backups.list_backups(data_dir)
        assert (data_dir / "backups" / kept / "people.json").read_bytes() == b"garbage"
        again = open_folder(data_dir, clock=fixed_clock)
        assert len(again.people()) == 4
        assert again.rows(team["peer"].id) == []  # the session came after the backup
        again.close()

    def test_damage_to_a_live_file_never_reaches_a_backup(self, repo, team, data_dir):
        first = backups.snapshot(data_dir, datetime(2026, 11, 22, 22, 0))
        second = backups.snapshot(data_dir, datetime(2026, 11, 22, 23, 0))
        live = data_dir / "people.json"
        good = live.read_bytes()
        with live.open("r+b") as handle:  # damage in place, as a bad editor would
            handle.write(b"XXXX")
        for name in (first, second):
            assert (data_dir / "backups" / name / "people.json").read_bytes() == good
        assert backups.newest_good(data_dir, Path("people.json")) == second

    def test_backup_snapshot_is_unchanged_by_later_saves(self, repo, team, data_dir):
        name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
        before = (data_dir / "backups" / name / "people.json").read_bytes()
        save_person(repo, Person("Avery Sorensen", Role.PEER), clock=repo.clock)
        assert (data_dir / "backups" / name / "people.json").read_bytes() == before

    def test_a_backup_copy_is_private_from_its_first_byte(self, repo, team, data_dir, monkeypatch):
        # Found by the outside kill harness: a restore killed while it snapshotted left
        # copies of records that were 0644 (created with the umask, made 0600 after).
        seen = []
        real = shutil.copyfileobj

        def watch(src, out, *args):
            seen.append(stat.S_IMODE(os.fstat(out.fileno()).st_mode))
            return real(src, out, *args)

        monkeypatch.setattr(backups.shutil, "copyfileobj", watch)
        old = os.umask(0o022)
        try:
            name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
        finally:
            os.umask(old)
        assert seen and set(seen) == {0o600}
        live = (data_dir / "people.json").stat()
        copy = (data_dir / "backups" / name / "people.json").stat()
        assert copy.st_mtime_ns == live.st_mtime_ns  # the next snapshot can link to it

    def test_a_snapshot_killed_part_way_is_swept_by_the_next_restore(self, repo, team, data_dir):
        # Found by the outside kill harness: `supervise restore` killed while it kept the
        # current state left backups/.NAME.partial behind for good.
        name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
        half = data_dir / "backups" / ".20261122-095900-before-restore.partial"
        shutil.copytree(data_dir / "backups" / name, half)
        repo.close()
        with lock_folder(data_dir, clock=fixed_clock):
            backups.restore(data_dir, name, datetime(2026, 11, 22, 10, 0))
        assert not half.exists()
        assert not list((data_dir / "backups").glob(".*"))

    def test_backups_rotate(self, data_dir, repo, team):
        for minute in range(13):
            backups.snapshot(data_dir, datetime(2026, 11, 22, 9, minute))
        backups.prune(data_dir)
        assert len(backups.list_backups(data_dir)) == backups.KEEP

    def test_newer_format_is_left_alone(self, repo, data_dir):
        repo.close()
        meta = data_dir / "meta.json"
        meta.write_bytes(orjson.dumps({"schema_version": 99}))
        with pytest.raises(NewerFormat):
            open_folder(data_dir, clock=fixed_clock)
        assert orjson.loads(meta.read_bytes()) == {"schema_version": 99}


class TestCrashSafety:
    def test_stale_temp_files_are_cleaned_at_start(self, repo, data_dir):
        repo.close()
        stale = data_dir / ".people.json.dead.tmp"
        stale.write_bytes(b"half")
        open_folder(data_dir, clock=fixed_clock).close()
        assert not stale.exists()

    def test_stale_temp_files_are_cleaned_by_restore(self, repo, team, data_dir):
        # Found by the outside kill harness: `supervise restore` killed while it staged
        # its files left .tmp files that a second restore (and check) never swept.
        name = backups.snapshot(data_dir, datetime(2026, 11, 22, 9, 0))
        repo.close()
        stale = [data_dir / ".journal.json.dead.tmp", data_dir / ".people.json.dead.tmp"]
        for path in stale:
            path.write_bytes(b"half")
        with lock_folder(data_dir, clock=fixed_clock):
            backups.restore(data_dir, name, datetime(2026, 11, 22, 10, 0))
        assert not any(path.exists() for path in stale)

    def test_interrupted_save_is_completed_from_the_journal(
        self, repo, team, data_dir, monkeypatch
    ):
        s = full_session(team)
        finished = finish_session(repo, s, clock=repo.clock)

        def die(root, staged):  # the process dies after the journal, before any rename
            raise KeyboardInterrupt

        monkeypatch.setattr(journal, "_apply", die)
        with pytest.raises(KeyboardInterrupt):
            sign_session(repo, finished, team["peer"].id, clock=repo.clock)
        monkeypatch.undo()
        repo._lock.release()  # as the kill would
        assert (data_dir / JOURNAL).exists()
        again = open_folder(data_dir, clock=fixed_clock)
        assert again.recovered_journal and not again.notices
        assert not (data_dir / JOURNAL).exists()
        assert again.session(team["peer"].id, s.id).signoffs[0].person_id == team["peer"].id
        again.close()
        assert check(data_dir).ok
        assert not list(data_dir.rglob(".*.tmp"))

    @pytest.mark.parametrize("call", ["write", "fsync", "replace"])
    @pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EACCES])
    def test_failed_save_leaves_the_old_state(self, repo, team, data_dir, monkeypatch, call, code):
        before = (data_dir / "people.json").read_bytes()
        real = getattr(os, call)

        def broken(*args, **kwargs):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, call, broken)
        with pytest.raises(SaveFailed) as err:
            save_person(repo, Person("Avery Sorensen", Role.PEER), clock=repo.clock)
        assert "intact" in str(err.value)
        monkeypatch.setattr(os, call, real)
        assert (data_dir / "people.json").read_bytes() == before
        assert "Avery Sorensen" not in {p.name for p in repo.people()}
        assert not list(data_dir.glob(".*.tmp"))
        save_person(
            repo, Person("Avery Sorensen", Role.PEER), clock=repo.clock
        )  # after the fault clears
        assert "Avery Sorensen" in {p.name for p in repo.people()}

    def test_fault_while_applying_is_completed_by_the_next_save(
        self, repo, team, data_dir, monkeypatch
    ):
        s = full_session(team)
        real_apply = journal._apply
        calls = {"n": 0}

        def apply_then_die(root, staged):
            calls["n"] += 1
            if calls["n"] == 1:
                real_apply(root, staged[:1])
                raise SaveFailed("Could not save: the disk is full.")
            return real_apply(root, staged)

        monkeypatch.setattr(journal, "_apply", apply_then_die)
        with pytest.raises(SaveFailed):
            finish_session(repo, s, clock=repo.clock)
        assert (data_dir / JOURNAL).exists()
        monkeypatch.setattr(journal, "_apply", real_apply)
        save_person(
            repo, Person("Avery Sorensen", Role.PEER), clock=repo.clock
        )  # replays the journal first
        assert not (data_dir / JOURNAL).exists()
        assert [x.id for x in repo.sessions(team["peer"].id)] == [s.id]
        repo.close()
        assert check(data_dir).ok

    def test_commit_groups_writes_per_file(self, repo, data_dir, monkeypatch):
        writes = []
        real = os.replace
        monkeypatch.setattr(os, "replace", lambda a, b: (writes.append(Path(b).name), real(a, b)))
        repo.commit(
            [Change("people.json", "people", f"id-{i}", {"name": str(i)}) for i in range(5)]
        )
        assert writes.count("people.json") == 1


class TestMigrations:
    def test_opens_a_folder_written_by_version_1(self, tmp_path):
        folder = tmp_path / "v1"
        shutil.copytree(FIXTURES / "v1-folder", folder)
        repo = open_folder(folder, clock=fixed_clock)
        (peer,) = repo.people(role=Role.PEER)
        (session,) = repo.sessions(peer.id)
        assert session.concerns[0].category == ConcernCategory.WORKLOAD
        assert repo.tallies()[peer.id].open_concerns == 1
        repo.close()
        assert check(folder).ok

    def test_opens_a_folder_written_by_version_2(self, tmp_path):
        """Format 3 moves a peer's drafts, tally and session conflicts into their folder."""
        folder = tmp_path / "v2"
        shutil.copytree(FIXTURES / "v2-folder", folder)
        tallies_before = orjson.loads((folder / "people.json").read_bytes())["summaries"]
        repo = open_folder(folder, clock=fixed_clock)
        (draft,) = repo.drafts()
        assert draft.checkin.arriving == "A fictional draft"
        assert (folder / "peers" / draft.peer_id / "drafts" / f"{draft.id}.json").exists()
        assert not (folder / "drafts").exists()
        assert {k: to_data(v) for k, v in repo.tallies().items()} == tallies_before
        (conflict,) = repo.conflicts()
        assert conflict.incoming["checkin"]["arriving"] == "Changed elsewhere"
        assert (folder / "peers" / conflict.incoming["peer_id"] / "conflicts.json").exists()
        assert not (folder / "conflicts.json").exists()
        assert "summaries" not in orjson.loads((folder / "people.json").read_bytes())
        repo.close()
        assert check(folder).ok, check(folder).problems

    def test_registered_migration_runs_once_after_a_backup(self, tmp_path, monkeypatch):
        folder = tmp_path / "v1"
        shutil.copytree(FIXTURES / "v1-folder", folder)
        ran = []

        def v1_to_v2(root: Path) -> None:
            ran.append(root)

        monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
        monkeypatch.setitem(migrations.MIGRATIONS, 1, v1_to_v2)
        open_folder(folder, clock=fixed_clock).close()
        open_folder(folder, clock=fixed_clock).close()
        assert ran == [folder]
        assert orjson.loads((folder / "meta.json").read_bytes())["schema_version"] == 2
        assert any(name.endswith("before-v2") for name in backups.list_backups(folder))

    def test_missing_migration_is_a_plan_error(self):
        with pytest.raises(KeyError):
            migrations.plan(1, migrations.SCHEMA_VERSION + 1)
