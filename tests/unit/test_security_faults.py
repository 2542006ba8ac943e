"""An encrypted folder under faults: an interrupted save, completed at the next sign-in."""

from __future__ import annotations

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
