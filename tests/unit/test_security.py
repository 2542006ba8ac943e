"""An encrypted folder: each person sees only what is theirs, down to the bytes.

Fast key-derivation parameters here (the real ones take a quarter of a second a try)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Person
from supervise_tui.store.crypto import keyring
from supervise_tui.store.errors import DamagedFile, Locked, NoAccess
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.demo import build_demo
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.security import (
    change_passphrase,
    choose_passphrase,
    encrypt_folder,
    give_passphrase,
    sign_in,
)

from ..conftest import FIXED_NOW, PASS, fixed_clock, folder_state


def reopen(folder, name=None, secret=None):
    store = open_folder(folder, clock=fixed_clock)
    if name:
        sign_in(store, name, secret)
    return store


def test_no_file_holds_a_name_a_text_or_an_id_in_plaintext(locked_folder):
    folder, team, _ = locked_folder
    secrets = [p.name for p in team.values()] + [p.id for p in team.values()]
    secrets += ["private arriving line", "A draft typed", "Maple Court", "Too many forms"]
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            for text in secrets:
                assert text.encode() not in raw, (path.relative_to(folder), text)


def test_nothing_is_readable_until_someone_signs_in(locked_folder):
    folder, _, _ = locked_folder
    store = reopen(folder)
    assert store.locked
    with pytest.raises(Locked):
        store.people()
    before = folder_state(folder)
    with pytest.raises(NoAccess) as err:
        sign_in(store, "Dana Whitfield", "not the passphrase")
    assert str(err.value) == "That name and passphrase do not match."
    with pytest.raises(NoAccess):
        sign_in(store, "Nobody Here", PASS)  # the same words: no hint that a name exists
    assert folder_state(folder) == before
    person, must_choose = sign_in(store, "  dana WHITFIELD ", PASS)
    assert person.name == "Dana Whitfield" and not must_choose
    assert len(store.people()) == 4
    store.close()


def test_a_peer_sees_only_their_own_records(locked_folder):
    folder, team, _ = locked_folder
    store = reopen(folder, "Jordan Ellery", "Jordan Ellery own words here")
    assert store.readable_peers() == {team["peer"].id}
    assert store.rows(team["peer"].id)[0].id
    assert [d.checkin.arriving for d in store.drafts()] == ["A draft typed by Jordan"]
    with pytest.raises(NoAccess):
        store.rows(team["peer2"].id)
    with pytest.raises(NoAccess):
        store.sessions(team["peer2"].id)
    assert set(store.tallies()) == {team["peer"].id}
    store.close()


def test_a_supervisor_sees_the_peers_they_supervise(locked_folder):
    folder, team, _ = locked_folder
    store = reopen(folder, "Marcus Oyelaran", "marcus has a long phrase")
    assert store.readable_peers() == {team["peer2"].id}
    with pytest.raises(NoAccess):
        store.sessions(team["peer"].id)
    store.close()
    lead = reopen(folder, "Dana Whitfield", PASS)
    assert lead.readable_peers() == {team["peer"].id, team["peer2"].id}  # the lead sees all
    lead.close()


def test_a_peers_key_never_opens_another_peers_key_at_the_byte_level(locked_folder):
    folder, team, _ = locked_folder
    import orjson

    tables = orjson.loads((folder / "keys.json").read_bytes())
    sid = keyring.slot_id(tables, team["peer"].id)
    private, _ = keyring.open_slot(tables["slots"][sid], sid, "Jordan Ellery own words here")
    own = keyring.unwrap(tables, keyring.peer_key_id(tables, team["peer"].id), sid, private)
    assert len(own) == 32
    other = keyring.peer_key_id(tables, team["peer2"].id)
    with pytest.raises(keyring.KeyringError):
        keyring.unwrap(tables, other, sid, private)  # no wrap for Jordan
    robin_sid = keyring.slot_id(tables, team["peer2"].id)
    tables["wraps"][other.hex()][sid] = tables["wraps"][other.hex()][robin_sid]
    with pytest.raises(keyring.KeyringError):
        keyring.unwrap(tables, other, sid, private)  # Robin's wrap, copied: does not open


def test_a_tampered_or_moved_file_is_named_damaged(locked_folder):
    folder, team, _ = locked_folder
    shard = next((folder / "peers" / team["peer"].id).glob("sessions-*.json"))
    raw = bytearray(shard.read_bytes())
    raw[-5] ^= 1
    shard.write_bytes(bytes(raw))
    store = reopen(folder, "Dana Whitfield", PASS)
    with pytest.raises(DamagedFile) as err:
        store.sessions(team["peer"].id)
    assert "integrity check" in str(err.value) and "restore --from" in str(err.value)
    other = next((folder / "peers" / team["peer2"].id).glob("sessions-*.json"))
    other.with_name("sessions-2025.json").write_bytes(other.read_bytes())  # moved within
    store._dbs.clear()
    with pytest.raises(DamagedFile):
        store.sessions(team["peer2"].id, start=datetime(2025, 1, 1).date())
    store.close()


def test_a_missing_keyring_is_damage_never_a_new_folder(locked_folder):
    folder, _, _ = locked_folder
    (folder / "keys.json").unlink()
    before = folder_state(folder)
    with pytest.raises(DamagedFile) as err:
        open_folder(folder, clock=fixed_clock)
    assert "keys.json" in str(err.value)
    assert folder_state(folder) == before


def test_a_setup_code_is_used_once_to_choose_a_passphrase(locked_folder):
    folder, team, _ = locked_folder
    store = reopen(folder, "Dana Whitfield", PASS)
    avery = save_person(
        store,
        Person("Avery Sorensen", Role.PEER, supervisor_ids=[team["sup"].id]),
        clock=fixed_clock,
    )
    code = give_passphrase(store, avery, None)
    store.close()
    store = reopen(folder)
    person, must_choose = sign_in(store, "Avery Sorensen", code.lower().replace("-", " "))
    assert person.id == avery.id and must_choose
    with pytest.raises(ValidationError):
        choose_passphrase(store, person, "short", "short")
    choose_passphrase(store, person, "avery picks a phrase", "avery picks a phrase")
    store.close()
    store = reopen(folder)
    with pytest.raises(NoAccess):
        sign_in(store, "Avery Sorensen", code)  # used up
    person, must_choose = sign_in(store, "Avery Sorensen", "avery picks a phrase")
    assert not must_choose and store.readable_peers() == {avery.id}
    change_passphrase(
        store, "avery picks a phrase", "avery changed it again", "avery changed it again"
    )
    store.close()
    assert reopen(folder, "Avery Sorensen", "avery changed it again").signed_in == avery.id


def test_someone_who_leaves_can_no_longer_sign_in(locked_folder):
    folder, team, _ = locked_folder
    store = reopen(folder, "Dana Whitfield", PASS)
    save_person(store, dataclasses.replace(team["sup2"], active=False), clock=fixed_clock)
    store.close()
    with pytest.raises(NoAccess):
        reopen(folder, "Marcus Oyelaran", "marcus has a long phrase")


def test_the_recovery_key_gives_a_forgotten_passphrase_back(locked_folder):
    folder, team, code = locked_folder
    store = reopen(folder)
    with pytest.raises(NoAccess):
        store.unlock_recovery("WRONG-CODE")
    store.unlock_recovery(code.lower())
    choose_passphrase(store, team["sup"], "dana starts afresh today", "dana starts afresh today")
    store.close()
    lead = reopen(folder, "Dana Whitfield", "dana starts afresh today")
    assert len(lead.readable_peers()) == 2
    lead.close()


def test_a_plain_folder_is_encrypted_whole_and_read_back(repo, data_dir):
    build_demo(repo, peers=2, weeks=3, today=FIXED_NOW.date())
    names = [p.name for p in repo.people()]
    sessions_before = {p.id: len(repo.sessions(p.id)) for p in repo.people(role=Role.PEER)}
    dana = next(p for p in repo.people() if p.name == "Dana Whitfield")
    code = encrypt_folder(repo, dana, PASS, PASS, clock=fixed_clock)
    assert len(code.split("-")) == 8
    repo.close()
    for path in data_dir.rglob("*.json"):
        raw = path.read_bytes()
        assert not any(n.encode() in raw for n in names), path  # backups included
    store = reopen(data_dir, "Dana Whitfield", PASS)
    assert {
        p.id: len(store.sessions(p.id)) for p in store.people(role=Role.PEER)
    } == sessions_before
    store.close()


def test_someone_signed_in_signs_as_themselves_or_with_the_others_passphrase(locked_folder):
    from supervise_tui.store.errors import Refused
    from supervise_tui.usecases.sessions import sign_session

    folder, team, _ = locked_folder
    store = reopen(folder, "Jordan Ellery", "Jordan Ellery own words here")
    (row,) = store.rows(team["peer"].id)
    session = store.session(team["peer"].id, row.id, row.when.year)
    before = folder_state(folder, backups=False)
    for words in (None, "not dana's words at all", "Jordan Ellery own words here"):
        with pytest.raises(Refused) as err:
            sign_session(store, session, team["sup"].id, clock=fixed_clock, passphrase=words)
        assert "their own passphrase" in str(err.value)
    assert folder_state(folder, backups=False) == before
    signed = sign_session(store, session, team["peer"].id, clock=fixed_clock)
    assert signed.signed_by(team["peer"].id) is not None
    # Dana, beside Jordan at the same keyboard, signs with her own passphrase.
    both = sign_session(store, signed, team["sup"].id, clock=fixed_clock, passphrase=PASS)
    assert both.signed_by(team["sup"].id) is not None
    store.close()
