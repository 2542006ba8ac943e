"""Export and import peer by peer: the same records as reading everything at once, one
peer's records at a time, all or nothing."""

from __future__ import annotations

import dataclasses
import gc
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.domain.serial import to_data
from supervise_tui.services import bundle as bundles
from supervise_tui.services.bundle_records import may_hold_control
from supervise_tui.services.merge import report_lines
from supervise_tui.store.check import check
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.usecases.bundle_import import import_bundle
from supervise_tui.usecases.contacts import note_contact
from supervise_tui.usecases.demo import build_demo
from supervise_tui.usecases.export import export_json, with_origins
from supervise_tui.usecases.imports import apply_import, plan_import
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.sessions import finish_session

from ..conftest import FIXED_NOW, fixed_clock, folder_state, make_session
from .test_transfer import HOSTILE, bundle_bytes, filled  # noqa: F401 - a fixture

TODAY = date(2026, 11, 22)


def _contents(folder: Path) -> dict[str, object]:
    """Every data file, parsed (the order of documents in a table aside)."""
    return {
        str(p.relative_to(folder)): orjson.loads(p.read_bytes())
        for p in sorted(folder.rglob("*.json"))
        if "backups" not in p.parts
    }


def _old_import(folder: Path, raw: bytes):
    with open_folder(folder, clock=fixed_clock) as repo:
        plan = plan_import(repo, bundles.parse_bundle(raw))
        apply_import(repo, plan, clock=repo.clock)
    return plan


def _new_import(folder: Path, raw: bytes, **kw):
    with open_folder(folder, clock=fixed_clock) as repo:
        return import_bundle(repo, raw, clock=repo.clock, **kw)


@pytest.fixture
def demo(repo):
    build_demo(repo, peers=4, weeks=6, today=TODAY)
    sup = repo.people(role=Role.SUPERVISOR)[0]
    for n, peer in enumerate(repo.people(role=Role.PEER)[:3]):
        note_contact(
            repo,
            peer_id=peer.id,
            by=sup.id,
            kind="call",
            when=datetime(2026, 11, 12 + n, 16),
            minutes=10 + n,
            about="a quick call",
            clock=fixed_clock,
        )
    return repo


def test_a_streamed_import_keeps_what_the_whole_import_keeps(demo, tmp_path):
    raw = bundle_bytes(demo)
    old, new = tmp_path / "old", tmp_path / "new"
    old_plan = _old_import(old, raw)
    new_plan, backup = _new_import(new, raw)
    assert _contents(new) == _contents(old)
    assert report_lines(new_plan, dry_run=False) == report_lines(old_plan, dry_run=False)
    assert backup is not None and check(new).ok
    assert new_plan.count("contact", "added") == len(orjson.loads(raw)["contacts"]) >= 3
    assert "session" not in {d.kind for d in new_plan.decisions}  # only counted


def test_a_streamed_merge_with_changes_on_both_sides_keeps_what_the_whole_one_keeps(demo, tmp_path):
    raw = bundle_bytes(demo)
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        _old_import(folder, raw)
    # here: a peer renamed and a session changed; there: the same ones changed otherwise
    peer = demo.people(role=Role.PEER)[0]
    save_person(demo, dataclasses.replace(peer, name="Renamed There"), clock=fixed_clock)
    sup = demo.people(role=Role.SUPERVISOR)[0]
    finish_session(demo, make_session({"peer": peer, "sup": sup}), clock=fixed_clock)
    theirs = bundle_bytes(demo)
    for folder in (old, new):
        with open_folder(folder, clock=fixed_clock) as repo:
            mine = repo.person(peer.id)
            later = lambda: FIXED_NOW + timedelta(hours=1)  # noqa: E731
            save_person(repo, dataclasses.replace(mine, name="Renamed Here"), clock=later)
    old_plan = _old_import(old, theirs)
    new_plan, _ = _new_import(new, theirs)
    assert _contents(new) == _contents(old)
    assert report_lines(new_plan, dry_run=False) == report_lines(old_plan, dry_run=False)
    assert new_plan.count("session", "added") == 1
    assert new_plan.count("person", "conflict") == 1


def test_a_dry_run_reads_peer_by_peer_and_changes_nothing(demo, tmp_path):
    raw = bundle_bytes(demo)
    target = tmp_path / "target"
    open_folder(target, clock=fixed_clock).close()
    before = folder_state(target)
    seen = []
    plan, backup = _new_import(target, raw, dry_run=True, progress=lambda *a: seen.append(a))
    assert backup is None and folder_state(target) == before
    assert plan.count("session", "added") == len(orjson.loads(raw)["sessions"])
    assert seen[-1] == (4, 4) and [done for done, _ in seen] == [1, 2, 3, 4]
    plan, _ = import_bundle(None, raw, clock=fixed_clock, dry_run=True)
    assert plan.count("person", "added") == len(orjson.loads(raw)["people"])


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_bundles_are_refused_read_part_by_part(filled, case):  # noqa: F811
    raw = HOSTILE[case](bundle_bytes(filled))
    with pytest.raises(bundles.BundleError) as caught:
        import_bundle(None, raw, clock=fixed_clock, dry_run=True)
    assert "PRIVATE" not in str(caught.value)
    assert len(str(caught.value)) < 300


def test_a_problem_in_a_later_peer_changes_nothing_and_takes_no_backup(demo, tmp_path):
    data = orjson.loads(bundle_bytes(demo))
    last_peer = max(s["peer_id"] for s in data["sessions"])
    bad = next(s for s in data["sessions"] if s["peer_id"] == last_peer)
    bad["kind"] = "a kind nobody knows"
    target = tmp_path / "target"
    open_folder(target, clock=fixed_clock).close()
    before = folder_state(target)
    written = []
    real = FolderBackend.replace_history

    def spy(self, history, sessions):
        written.append(history.peer_id)
        return real(self, history, sessions)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FolderBackend, "replace_history", spy)
        with pytest.raises(bundles.BundleError) as caught:
            _new_import(target, orjson.dumps(data))
    index = data["sessions"].index(bad)
    assert f"sessions[{index}].kind" in str(caught.value)
    assert len(written) == 3  # the first peers were worked out, then all was dropped
    assert folder_state(target) == before  # no backup either
    assert check(target).ok


def test_the_cycle_collector_is_left_as_it_was_after_an_import_taken_or_refused(demo, tmp_path):
    raw = bundle_bytes(demo)
    _new_import(tmp_path / "taken", raw)
    assert gc.isenabled()
    refused = raw.replace(b'"format_version"', b'"format_versio"', 1)
    with pytest.raises(bundles.BundleError):
        import_bundle(None, refused, clock=fixed_clock, dry_run=True)
    assert gc.isenabled()
    gc.disable()  # (a caller that had it off keeps it off)
    try:
        _new_import(tmp_path / "again", raw)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_temp_file_that_cannot_be_made_in_the_background_changes_nothing(demo, tmp_path):
    """The import's files are made on the staging threads; the disk filling up there is
    said (one sentence, naming no record) before anything is written, and nothing is left."""
    import errno
    import os
    import threading

    from supervise_tui.store.errors import SaveFailed

    raw = bundle_bytes(demo)
    target = tmp_path / "target"
    open_folder(target, clock=fixed_clock).close()
    before = folder_state(target)
    real_open, made = os.open, []

    def full_after_five(path, flags, *args):
        if threading.current_thread().name.startswith("stage") and flags & os.O_CREAT:
            made.append(path)
            if len(made) > 5:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, flags, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", full_after_five)
        with pytest.raises(SaveFailed) as caught:
            _new_import(target, raw)
    assert len(made) > 5 and "full" in str(caught.value).lower()
    assert folder_state(target) == before
    assert check(target).ok


def test_the_files_of_a_folder_the_import_made_are_not_looked_for(demo, tmp_path, monkeypatch):
    """A new peer's folder holds none of its files until the commit: only its first file
    is looked for (which finds no folder), not every file, one by one."""
    from collections import Counter

    from supervise_tui.store import journal

    looked, real = [], journal.file_digest
    monkeypatch.setattr(journal, "file_digest", lambda path: looked.append(path) or real(path))
    target = tmp_path / "target"
    _new_import(target, bundle_bytes(demo))
    per_folder = Counter(path.parent for path in looked if "peers" in path.parts)
    assert len(per_folder) == 4 and set(per_folder.values()) == {1}
    assert check(target).ok


def test_an_interrupted_streamed_import_changes_nothing(demo, tmp_path, monkeypatch):
    raw = bundle_bytes(demo)
    target = tmp_path / "target"
    open_folder(target, clock=fixed_clock).close()
    before = folder_state(target)
    real = FolderBackend.replace_history
    calls = []

    def die_after_two(self, history, sessions):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as if the power went
        return real(self, history, sessions)

    monkeypatch.setattr(FolderBackend, "replace_history", die_after_two)
    with pytest.raises(KeyboardInterrupt):
        _new_import(target, raw)
    assert folder_state(target) == before
    monkeypatch.setattr(FolderBackend, "replace_history", real)
    plan, _ = _new_import(target, raw)
    assert plan.count("session", "added") == len(orjson.loads(raw)["sessions"])
    assert check(target).ok


def test_the_streamed_export_holds_the_records_the_whole_one_did(demo):
    out = bytearray()
    count = export_json(demo, out.extend, today=TODAY, now=FIXED_NOW)
    streamed = orjson.loads(bytes(out))
    peers = demo.people(role=Role.PEER)
    sessions = [s for p in peers for s in demo.sessions(p.id)]
    assert count == len(sessions)
    groups = [g for p in peers for g in demo.groups(p.id)]
    ids = {p.id for p in peers} | {i for s in sessions for i in s.supervisor_ids}
    ids |= {i for g in groups for i in g.present}
    people = sorted((p for p in demo.people() if p.id in ids), key=lambda p: p.id)
    contacts = [c for p in peers for c in demo.contacts(p.id)]
    whole = orjson.loads(
        bundles.dumps(
            bundles.build_bundle(
                people, sessions, site="", now=FIXED_NOW, contacts=contacts, groups=groups
            )
        )
    )
    assert len(streamed["contacts"]) >= 3 and streamed["contacts"] == whole["contacts"]
    assert len(streamed["group_sessions"]) >= 4
    assert streamed["group_sessions"] == whole["group_sessions"]
    assert streamed["people"] == whole["people"]
    key = lambda s: s["id"]  # noqa: E731
    assert sorted(streamed["sessions"], key=key) == sorted(whole["sessions"], key=key)
    assert {k: v for k, v in streamed.items() if k not in ("people", "sessions")} == {
        k: v for k, v in whole.items() if k not in ("people", "sessions")
    }


def test_over_a_period_the_export_still_brings_the_origins(demo):
    out = bytearray()
    export_json(demo, out.extend, today=TODAY, now=FIXED_NOW, period_text="last 14 days")
    streamed = orjson.loads(bytes(out))["sessions"]
    expected = []
    for peer in demo.people(role=Role.PEER):
        held = demo.sessions(peer.id)
        chosen = [s for s in held if s.day >= date(2026, 11, 8)]
        expected += [to_data(s) for s in with_origins(held, chosen)]
    assert sorted(streamed, key=lambda s: s["id"]) == sorted(expected, key=lambda s: s["id"])


def test_the_export_writes_each_peer_before_reading_the_next(demo, monkeypatch):
    events = []
    real = FolderBackend.session_data

    def reading(self, peer_id):
        events.append("read")
        return real(self, peer_id)

    monkeypatch.setattr(FolderBackend, "session_data", reading)
    export_json(
        demo, lambda chunk: events.append("write"), today=TODAY, now=FIXED_NOW, progress=None
    )
    reads = [i for i, e in enumerate(events) if e == "read"]
    assert len(reads) == 4
    assert all("write" in events[a:b] for a, b in zip(reads, reads[1:], strict=False))


def test_an_export_with_a_new_person_lists_only_the_people_it_names(demo):
    save_person(demo, Person("Nobody Named", Role.SUPERVISOR, "Elsewhere"), clock=fixed_clock)
    out = bytearray()
    export_json(demo, out.extend, today=TODAY, now=FIXED_NOW)
    names = {p["name"] for p in orjson.loads(bytes(out))["people"]}
    assert "Nobody Named" not in names


@pytest.mark.parametrize("where", [150, 600, -400])
def test_bytes_that_are_not_text_are_refused_in_one_sentence(demo, where):
    raw = bundle_bytes(demo)
    bad = raw[:where] + b"\xff\xfe\xc3\x28" + raw[where:]
    with pytest.raises(bundles.BundleError) as caught:
        import_bundle(None, bad, clock=fixed_clock, dry_run=True)
    assert "valid JSON" in str(caught.value)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=16), st.text(max_size=4))
def test_a_record_that_holds_a_control_character_is_always_looked_at(text, other):
    """The quick look at a record's bytes never misses a control character the walk
    over its values finds (only then are its values walked)."""
    raw = orjson.dumps({"note": other + text, "ticked": {text: [other, text]}})
    if bundles._find_control(orjson.loads(raw), "sessions[0]", 2):
        assert may_hold_control(raw) and may_hold_control(memoryview(raw))
