"""An encrypted folder under faults: an interrupted save, completed at the next sign-in."""

from __future__ import annotations

import errno

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.store import journal
from supervise_tui.store.check import check
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.security import sign_in
from supervise_tui.usecases.sessions import finish_session

from ..conftest import PASS, fixed_clock, make_session


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs (not even an except Exception)."""


def test_a_save_cut_after_its_journal_is_read_back_at_once_after_sign_in(
    locked_folder, monkeypatch
):
    """A new peer and their first session, cut after the journal: the next sign-in
    completes it, and the peer's records read at once (the keyring read to open the
    sealed journal is read again, not kept from before the replay)."""
    folder, team, _ = locked_folder
    store = open_folder(folder, clock=fixed_clock)
    sign_in(store, "Dana Whitfield", PASS)
    avery = save_person(
        store,
        Person("Avery Sorensen", Role.PEER, supervisor_ids=[team["sup"].id]),
        clock=fixed_clock,
    )
    store.close()
    store = open_folder(folder, clock=fixed_clock)
    sign_in(store, "Dana Whitfield", PASS)

    def cut(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(journal, "finish", cut)
    newcomer = Person("Sam Quill", Role.PEER, supervisor_ids=[team["sup"].id])
    with pytest.raises(Killed):
        save_person(store, newcomer, clock=fixed_clock)
    store._lock.release()  # the process "died": its lock goes with it
    monkeypatch.undo()
    assert (folder / journal.JOURNAL).exists()
    again = open_folder(folder, clock=fixed_clock)
    sign_in(again, "Dana Whitfield", PASS)
    assert again.recovered_journal
    (sam,) = [p for p in again.people() if p.name == "Sam Quill"]
    assert sam.id in again.readable_peers()
    team2 = {**team, "peer": sam}
    finish_session(again, make_session(team2), clock=fixed_clock)
    assert len(again.rows(sam.id)) == 1 and again.rows(avery.id) == []
    report = check(folder, again.codec)
    assert report.ok and not report.unreadable, report.problems
    again.close()


def test_a_bundle_imports_into_an_encrypted_folder(locked_folder, tmp_path):
    """New peers from a bundle get their key (and readers) in the import's commit."""
    from datetime import date

    from supervise_tui.services import bundle as bundles
    from supervise_tui.usecases.demo import build_demo
    from supervise_tui.usecases.export import export_bytes
    from supervise_tui.usecases.imports import apply_import, plan_import

    with open_folder(tmp_path / "elsewhere", backup=False, clock=fixed_clock) as source:
        build_demo(source, peers=1, weeks=4, today=date(2026, 11, 1), seed=3)
        data, _ = export_bytes(source, "json", today=date(2026, 11, 1), now=fixed_clock())
    folder, _, _ = locked_folder
    store = open_folder(folder, clock=fixed_clock)
    sign_in(store, "Dana Whitfield", PASS)
    bundle = bundles.parse_bundle(data)
    apply_import(store, plan_import(store, bundle), clock=fixed_clock)
    (peer,) = {s.peer_id for s in bundle.sessions}
    assert peer in store.readable_peers() and len(store.rows(peer)) == len(bundle.sessions)
    report = check(folder, store.codec)
    assert report.ok and not report.unreadable, report.problems
    store.close()


def _census(store) -> dict[str, int]:
    found = {p.id: 0 for p in store.people()}
    for peer_id in store.peers_with_records():
        found[peer_id] = len(store.sessions(peer_id))
    return found


def _sealed_files(folder) -> set[str]:
    from supervise_tui.store import backups
    from supervise_tui.store.crypto import sealing

    return {
        rel.as_posix()
        for rel in backups.data_files(folder)
        if sealing.is_sealed((folder / rel).read_bytes())
    }


@pytest.mark.parametrize("cut_at", range(28))
def test_encrypting_cut_at_any_rename_opens_plain_or_encrypted_whole(
    repo, data_dir, monkeypatch, cut_at
):
    """A kill after ``cut_at`` renames of encrypt_folder (its seal commit and the backups
    sealed after it): the folder opens plain (nothing sealed) or encrypted (everything),
    every record there, and check passes."""
    import os

    from supervise_tui.usecases.demo import build_demo
    from supervise_tui.usecases.security import encrypt_folder

    build_demo(repo, peers=2, weeks=3, today=fixed_clock().date())
    expected = _census(repo)
    dana = next(p for p in repo.people() if p.name == "Dana Whitfield")
    real, calls = os.replace, []

    def replace(*args, **kwargs):
        calls.append(args)
        if len(calls) > cut_at:
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    try:
        encrypt_folder(repo, dana, PASS, PASS, clock=fixed_clock)
    except Killed:
        pass
    else:
        pytest.skip(f"encrypting takes fewer than {cut_at} renames")
    monkeypatch.undo()
    repo._lock.release()  # the process "died"
    store = open_folder(data_dir, clock=fixed_clock)
    if store.locked:
        sign_in(store, "Dana Whitfield", PASS)
        from supervise_tui.store.crypto.sealer import PLAIN

        plain = []
        for path in data_dir.rglob("*.json"):
            rel = path.relative_to(data_dir).parts
            inner = "/".join(rel[2:] if rel[0] == "backups" else rel)
            if inner not in PLAIN and not path.read_bytes().startswith(b"SVTE"):
                plain.append("/".join(rel))
        assert not [p for p in plain if not p.startswith("backups/")], "a mix"
        assert not plain, f"{len(plain)} backup copies left plain"
    else:
        assert not _sealed_files(data_dir) and not (data_dir / "keys.json").exists()
    assert _census(store) == expected
    report = check(data_dir, store.codec)
    assert report.ok, report.problems
    store.close()


FAULT_CALLS = ["open", "write", "fsync", "replace"]
FAULTS = [errno.ENOSPC, errno.EIO, errno.EROFS, errno.EACCES]


@pytest.mark.parametrize("call", FAULT_CALLS)
def test_a_fault_at_any_write_point_while_encrypting_leaves_it_plain_or_encrypted(
    tmp_path, monkeypatch, call
):
    """Disk full, EIO, EROFS or EACCES at the n-th open/write/fsync/replace of encrypting
    a plain folder, for every n: one sentence, and the folder opens wholly plain (every
    record there, without signing in) or wholly encrypted (signed in), never a mix;
    check passes; once the fault clears, encrypting (again, if need be) works."""
    import os
    import shutil

    from supervise_tui.store.errors import SaveFailed
    from supervise_tui.usecases.demo import build_demo
    from supervise_tui.usecases.security import encrypt_folder

    template = tmp_path / "template"
    with open_folder(template, clock=fixed_clock) as repo:
        build_demo(repo, peers=2, weeks=3, today=fixed_clock().date())
        expected = _census(repo)
    real = getattr(os, call)
    seen = {"plain": 0, "encrypted": 0}
    for nth in range(1, 200):
        data = tmp_path / f"data-{nth}"
        shutil.copytree(template, data)
        store = open_folder(data, clock=fixed_clock)
        dana = next(p for p in store.people() if p.name == "Dana Whitfield")
        calls, code = [], FAULTS[nth % len(FAULTS)]

        def failing(*args, _calls=calls, _nth=nth, _code=code, **kwargs):
            target = str(args[0]) if args else ""
            if call == "open" and not (target.endswith(".tmp") or os.path.isdir(target)):
                return real(*args, **kwargs)  # only the write path's opens
            _calls.append(1)
            if len(_calls) == _nth:
                raise OSError(_code, os.strerror(_code))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, call, failing)
        try:
            encrypt_folder(store, dana, PASS, PASS, clock=fixed_clock)
        except SaveFailed as error:
            message = str(error)
            assert "\\n" not in message and message.count(". ") <= 2, message
        else:
            monkeypatch.setattr(os, call, real)
            store.close()
            shutil.rmtree(data)
            break  # encrypting needs fewer than nth of these calls: every point was tried
        finally:
            monkeypatch.setattr(os, call, real)
        store.close()
        again = open_folder(data, clock=fixed_clock)
        state = "encrypted" if again.locked else "plain"
        seen[state] += 1
        if again.locked:
            sign_in(again, "Dana Whitfield", PASS)
            plain = [rel for rel in _data_files(data) if rel not in _sealed_files(data)]
            assert not plain, (nth, "opened encrypted, but some files are plain")
            assert not _plain_backup_copies(data), (nth, "backup copies left plain")
        else:
            assert not _sealed_files(data) and not (data / "keys.json").exists(), (nth, "a mix")
        assert _census(again) == expected, nth
        report = check(data, again.codec)
        assert report.ok, (nth, report.problems)
        if state == "plain":  # the fault has cleared: encrypting now works
            dana = next(p for p in again.people() if p.name == "Dana Whitfield")
            encrypt_folder(again, dana, PASS, PASS, clock=fixed_clock)
            assert check(data, again.codec).ok
        again.close()
        shutil.rmtree(data)
    else:
        pytest.fail("encrypting never finished")
    assert nth > 10 and seen["plain"], seen  # (faults sealing the backups: retried later)


def _data_files(folder) -> set[str]:
    from supervise_tui.store import backups
    from supervise_tui.store.crypto.sealer import PLAIN

    return {r.as_posix() for r in backups.data_files(folder)} - PLAIN


def _plain_backup_copies(folder) -> list[str]:
    from supervise_tui.store.crypto.sealer import PLAIN

    found = []
    for path in (folder / "backups").rglob("*.json"):
        inner = "/".join(path.relative_to(folder).parts[2:])
        if inner not in PLAIN and not path.read_bytes().startswith(b"SVTE"):
            found.append(inner)
    return found
