"""Damage to an encrypted folder: the damaged file is named, with a good backup to go
back to; never "wrong passphrase" for a tampered data file; never a new folder written
over one whose keyring is missing."""

from __future__ import annotations

import orjson
import pytest

from supervise_tui.cli import main
from supervise_tui.store import backups
from supervise_tui.store.check import check
from supervise_tui.store.crypto import integrity, keyring
from supervise_tui.store.errors import DamagedFile, NoAccess
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.security import change_passphrase, sign_in

from ..conftest import PASS, fixed_clock, folder_state

LEAD = "Dana Whitfield"


def signed_in(folder):
    store = open_folder(folder, clock=fixed_clock)
    try:
        sign_in(store, LEAD, PASS)
    except BaseException:
        store.close()
        raise
    return store


def flip(path, at: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[at] ^= 0x01
    path.write_bytes(bytes(raw))


def cli(capsys, monkeypatch, *argv):
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", PASS)
    code = main(list(argv), clock=fixed_clock)
    out = capsys.readouterr()
    return code, out.out, out.err


# Where a byte is flipped: the marker, the key id, the nonce, the ciphertext, the tag.
PLACES = [0, 7, 25, 40, -1]


@pytest.mark.parametrize("at", PLACES)
def test_a_flipped_byte_in_a_session_file_names_it_with_a_backup(
    locked_folder, capsys, monkeypatch, at
):
    folder, team, _ = locked_folder
    good = backups.list_backups(folder)[0]  # the newest
    shard = next((folder / "peers" / team["peer"].id).glob("sessions-*.json"))
    flip(shard, at)
    store = open_folder(folder, clock=fixed_clock, check=False)  # (the look comes later)
    sign_in(store, LEAD, PASS)  # the keyring is whole: signing in works
    with pytest.raises(DamagedFile) as err:
        store.sessions(team["peer"].id)
    message = str(err.value)
    assert shard.name in message and f"restore --from {good}" in message
    assert "passphrase" not in message
    report = check(folder, store.codec)
    problem = report.problems[0]
    assert shard.name in problem and "damaged" in problem and good in problem
    store.close()
    # The backup is sealed too, and restoring it works once signed in.
    code, out, err = cli(
        capsys,
        monkeypatch,
        "restore",
        "--from",
        good,
        "--data-dir",
        str(folder),
        "--as",
        LEAD,
        "--yes",
    )
    assert code == 0, err
    store = signed_in(folder)
    assert len(store.sessions(team["peer"].id)) == 1
    assert check(folder, store.codec).ok
    store.close()


@pytest.mark.parametrize("at", PLACES)
def test_a_flipped_byte_in_people_json_names_it_never_the_passphrase(locked_folder, at):
    folder, _, _ = locked_folder
    good = backups.list_backups(folder)[0]  # the newest
    flip(folder / "people.json", at)
    before = folder_state(folder)
    store = open_folder(folder, clock=fixed_clock)
    with pytest.raises(DamagedFile) as err:
        sign_in(store, LEAD, PASS)
    store.close()
    message = str(err.value)
    assert "people.json" in message and f"restore --from {good}" in message
    assert "passphrase" not in message
    assert folder_state(folder) == before  # nothing written over it


def test_a_session_file_swapped_between_two_peers_is_refused_as_damaged(locked_folder):
    """Same name, the other peer's folder: the seal is bound to its place (and key)."""
    folder, team, _ = locked_folder
    mine = next((folder / "peers" / team["peer"].id).glob("sessions-*.json"))
    theirs = folder / "peers" / team["peer2"].id / mine.name
    assert theirs.exists()
    a, b = mine.read_bytes(), theirs.read_bytes()
    mine.write_bytes(b)
    theirs.write_bytes(a)
    store = signed_in(folder)
    for peer in ("peer", "peer2"):
        with pytest.raises(DamagedFile) as err:
            store.sessions(team[peer].id)
        assert "moved" in str(err.value) and "passphrase" not in str(err.value)
    damaged = [p for p in check(folder, store.codec).problems if "damaged" in p]
    assert len(damaged) == 2 and all(mine.name in p for p in damaged)
    store.close()


def test_a_missing_keyring_changes_nothing_whichever_way_it_is_opened(
    locked_folder, capsys, monkeypatch
):
    folder, _, _ = locked_folder
    (folder / "keys.json").unlink()
    before = folder_state(folder)
    for read_only in (False, True):
        with pytest.raises(DamagedFile) as err:
            open_folder(folder, clock=fixed_clock, read_only=read_only)
        assert "keys.json" in str(err.value) and "missing" in str(err.value)
    code, _, err = cli(capsys, monkeypatch, "team", "--data-dir", str(folder), "--as", LEAD)
    assert code == 1 and "keys.json" in err and "\n" not in err.strip()
    assert folder_state(folder) == before  # never a new, empty folder over the old one
    assert not (folder / "keys.json").exists()


def test_a_flipped_byte_in_the_keyring_names_it_never_the_passphrase(locked_folder):
    """Every byte of keys.json flipped in turn: each flip signs in as before (nothing of
    meaning changed) or names keys.json as damaged, with the newest good backup; never
    'That name and passphrase do not match.', never another error, nothing written."""
    folder, _, _ = locked_folder
    good = backups.list_backups(folder)[0]  # the newest
    path = folder / "keys.json"
    raw = path.read_bytes()
    wrong, fine = [], []
    with path.open("r+b") as handle:  # one byte changed in place, then put back: quick
        for at in range(len(raw)):
            handle.seek(at)
            handle.write(bytes([raw[at] ^ 0x01]))
            handle.flush()
            store = None
            try:
                store = open_folder(folder, clock=fixed_clock, check=False, backup=False)
                sign_in(store, LEAD, PASS)
                fine.append(at)
            except NoAccess:
                wrong.append(at)
            except DamagedFile as error:
                message = str(error)
                assert "keys.json" in message and f"restore --from {good}" in message, at
                assert "passphrase" not in message and "\n" not in message, (at, message)
            finally:
                if store is not None:
                    store.close()
                now = path.read_bytes()  # nothing written over it
                assert now == raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :], at
                handle.seek(at)
                handle.write(raw[at : at + 1])
                handle.flush()
    assert not wrong, f"{len(wrong)} flipped bytes read as a wrong passphrase: {wrong[:10]}"
    assert not fine, f"{len(fine)} flipped bytes went unnoticed: {fine[:10]}"


def test_every_write_of_the_keyring_carries_its_checksum(repo, data_dir):
    """Written straight (encrypting a folder) and through the journal (a passphrase)."""
    repo.encrypt("lead-id", LEAD, PASS, "AAAA-BBBB-CCCC-DDDD")
    data = orjson.loads((data_dir / "keys.json").read_bytes())
    assert integrity.CHECK in data and integrity.problem(data) is None
    before = data[integrity.CHECK]
    repo.change_secret(PASS, "a brand new long phrase")
    data = orjson.loads((data_dir / "keys.json").read_bytes())
    assert integrity.problem(data) is None and data[integrity.CHECK] != before


def _unstamped(folder) -> None:
    """keys.json as the previous version wrote it: the four tables, no checksum."""
    data = orjson.loads((folder / "keys.json").read_bytes())
    del data[integrity.CHECK]
    (folder / "keys.json").write_bytes(orjson.dumps(data))
    return data


def test_a_keyring_without_a_checksum_is_read_and_stamped_at_its_next_write(locked_folder):
    folder, _, _ = locked_folder
    _unstamped(folder)
    store = signed_in(folder)  # accepted as it is
    assert integrity.CHECK not in orjson.loads((folder / "keys.json").read_bytes())
    change_passphrase(store, PASS, "dana chose another phrase", "dana chose another phrase")
    store.close()
    data = orjson.loads((folder / "keys.json").read_bytes())
    assert integrity.CHECK in data and integrity.problem(data) is None
    store = open_folder(folder, clock=fixed_clock)
    sign_in(store, LEAD, "dana chose another phrase")
    store.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["folder"].pop("salt"),
        lambda d: d["folder"]["salt"].update(value="not base64 at all!"),
        lambda d: [s.update(kdf={"memory": "lots"}) for s in d["slots"].values()],
        lambda d: [s.update(nonce=7) for s in d["slots"].values()],
        lambda d: [e.update(slots="abc") for e in d["logins"].values()],
        lambda d: d["wraps"].clear(),
    ],
)
def test_a_keyring_of_the_wrong_shape_is_damaged_never_a_traceback(locked_folder, damage):
    """Without a checksum to catch it (an older keyring), the shape still says damaged."""
    folder, _, _ = locked_folder
    data = _unstamped(folder)
    damage(data)
    (folder / "keys.json").write_bytes(orjson.dumps(data))
    store = open_folder(folder, clock=fixed_clock)
    with pytest.raises(DamagedFile) as err:
        sign_in(store, LEAD, PASS)
    store.close()
    message = str(err.value)
    assert "keys.json" in message and "passphrase" not in message and "\n" not in message


def test_a_wrapped_key_that_does_not_open_names_the_keyring(locked_folder):
    """Past its checksum (re-stamped by hand): the peer's key, wrapped for Dana, swapped
    for the folder's. Reading that peer names keys.json, not the peer's file."""
    folder, team, _ = locked_folder
    good = backups.list_backups(folder)[0]
    data = orjson.loads((folder / "keys.json").read_bytes())
    sid = keyring.slot_id(data, team["sup"].id)
    peer = keyring.peer_key_id(data, team["peer"].id).hex()
    data["wraps"][peer][sid] = data["wraps"][keyring.folder_key_id(data).hex()][sid]
    (folder / "keys.json").write_bytes(orjson.dumps(integrity.stamped(data)))
    store = signed_in(folder)  # the folder's own key opens: signing in works
    with pytest.raises(DamagedFile) as err:
        store.sessions(team["peer"].id)
    store.close()
    message = str(err.value)
    assert "keys.json" in message and f"restore --from {good}" in message
    assert "passphrase" not in message


def test_a_damaged_keyring_is_restored_from_its_backup(locked_folder, capsys, monkeypatch):
    folder, team, _ = locked_folder
    good = backups.list_backups(folder)[0]
    flip(folder / "keys.json", 100)
    problems = check(folder).problems
    assert any(p.startswith("keys.json: damaged") and good in p for p in problems), problems
    code, _, err = cli(capsys, monkeypatch, "team", "--data-dir", str(folder), "--as", LEAD)
    assert code == 1 and "keys.json" in err and "\n" not in err.strip()
    assert "passphrase" not in err
    code, _, err = cli(
        capsys,
        monkeypatch,
        *("restore", "--from", good, "--yes", "--data-dir", str(folder), "--as", LEAD),
    )
    assert code == 0, err
    store = signed_in(folder)
    assert len(store.sessions(team["peer"].id)) == 1
    assert check(folder, store.codec).ok
    store.close()


def test_check_on_an_encrypted_folder_through_the_signed_in_persons_keys(locked_folder):
    """The store's check: all well when it is; the damaged file named when not."""
    folder, team, _ = locked_folder
    store = signed_in(folder)
    report = check(folder, store.codec)
    assert report.ok and report.sessions == 2 and report.people == 4, report.problems
    without = check(folder)  # not signed in: says so, never calls sealed files damaged
    assert not without.ok and "sign in" in without.problems[0]
    store.close()
    flip(next((folder / "peers" / team["peer2"].id).glob("index-*.json")), 40)
    store = signed_in(folder)
    problem = check(folder, store.codec).problems[0]
    assert "index-" in problem and "damaged" in problem
    store.close()
    robin = open_folder(folder, clock=fixed_clock)
    sign_in(robin, "Jordan Ellery", "Jordan Ellery own words here")
    report = check(folder, robin.codec)  # Jordan cannot read Robin's files: left out
    assert report.ok and report.unreadable > 0, report.problems
    robin.close()


def test_supervise_check_on_an_encrypted_folder(locked_folder, capsys, monkeypatch):
    folder, team, _ = locked_folder
    code, out, err = cli(capsys, monkeypatch, "check", "--data-dir", str(folder), "--as", LEAD)
    assert code == 0 and "All well" in out, out + err
    shard = next((folder / "peers" / team["peer"].id).glob("sessions-*.json"))
    flip(shard, -1)
    code, out, err = cli(capsys, monkeypatch, "check", "--data-dir", str(folder), "--as", LEAD)
    assert code == 1 and shard.name in out
