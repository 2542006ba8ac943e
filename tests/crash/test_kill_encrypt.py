"""Kill -9 while a plain folder is being encrypted: it opens plain or encrypted, whole.

A child (encrypt_child.py) runs ``encrypt_folder`` on a copy of a fictional demo folder
and is killed at a random moment of it (the moments are spread over the time one
uninterrupted run takes). After each kill the folder is opened as the next start would:

- plain: it opens without signing in, no file in it is sealed, and every record is there;
- encrypted: the lead signs in, every data file is sealed, no backup copy is left plain,
  and every record is there;

never a mix of the two, and `check` passes either way. A run that got to say it had
finished must have left the folder encrypted. The number of kills is
SUPERVISE_ENCRYPT_KILLS (default 60).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.store import backups
from supervise_tui.store.check import check
from supervise_tui.store.crypto import sealing
from supervise_tui.store.crypto.sealer import PLAIN
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.demo import build_demo
from supervise_tui.usecases.security import sign_in

from ..conftest import FIXED_NOW, PASS, fixed_clock

CHILD = Path(__file__).with_name("encrypt_child.py")
LEAD = "Dana Whitfield"  # a supervisor of the fictional demo
pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]


def census(store) -> dict[str, int]:
    """How many sessions each person's record holds (the records being all there)."""
    found = {p.id: 0 for p in store.people()}
    for peer_id in store.peers_with_records():
        found[peer_id] = len(store.sessions(peer_id))
    return found


def files_of(data: Path, *, with_backups: bool) -> list[tuple[str, Path]]:
    found = [(rel.as_posix(), data / rel) for rel in backups.data_files(data)]
    if with_backups:
        for name in backups.list_backups(data):
            base = data / backups.BACKUPS / name
            found += [(p.relative_to(base).as_posix(), p) for p in sorted(base.rglob("*.json"))]
    return [(rel, path) for rel, path in found if rel not in PLAIN]


def verify(data: Path, expected: dict[str, int], finished: bool) -> tuple[str, list[str]]:
    """The folder's state after a kill ("plain" or "encrypted") and what is wrong."""
    problems: list[str] = []
    try:
        store = open_folder(data, backup=False, clock=fixed_clock)
    except Exception as error:  # noqa: BLE001 - any failure to open is the finding
        return "unopenable", [f"the folder does not open: {error}"]
    try:
        state = "encrypted" if store.locked else "plain"
        if store.locked:
            sign_in(store, LEAD, PASS)
        for notice in store.notices:
            problems.append(f"notice: {notice}")
        if state == "plain":
            sealed = [rel for rel, p in files_of(data, with_backups=False) if _sealed(p)]
            if sealed:
                problems.append(f"opened plain, but {len(sealed)} file(s) are sealed: a mix")
            if (data / "keys.json").exists():
                problems.append("opened plain, but keys.json is there")
            if finished:
                problems.append("the encryption had finished, yet the folder opened plain")
        else:
            plain = [
                path.relative_to(data).as_posix()
                for _, path in files_of(data, with_backups=True)
                if not _sealed(path)
            ]
            if plain:
                problems.append(f"opened encrypted, but {len(plain)} file(s) are plain: {plain}")
        found = census(store)
        if found != expected:
            problems.append("the records are not all there (people or sessions differ)")
        report = check(data, store.codec)
        problems += [f"check: {p}" for p in report.problems]
        if report.unreadable:
            problems.append(f"check: the lead could not read {report.unreadable} file(s)")
    except Exception as error:  # noqa: BLE001
        problems.append(f"the records do not read: {type(error).__name__}: {error}")
        state = "unreadable"
    finally:
        store.close()
    return state, problems


def _sealed(path: Path) -> bool:
    with path.open("rb") as handle:
        return sealing.is_sealed(handle.read(len(sealing.MAGIC)))


def run_child(data: Path, acks: Path, kill_after: float | None) -> tuple[int, str, float]:
    """Run the child (killed ``kill_after`` seconds after it begins encrypting): its exit
    code, the end of its stderr, and how long it ran from that moment."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data), str(acks), LEAD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, SUPERVISE_PASSPHRASE=PASS),
    )
    ready = child.stdout.readline()  # "ready": the folder is open, encrypting begins
    started = time.monotonic()
    if kill_after is not None and ready:
        time.sleep(kill_after)
        child.send_signal(signal.SIGKILL)
    _, err = child.communicate()
    return child.returncode, err.decode(errors="replace")[-300:], time.monotonic() - started


def test_sigkill_while_encrypting_leaves_it_plain_or_encrypted_whole(tmp_path):
    kills = int(os.environ.get("SUPERVISE_ENCRYPT_KILLS", "60"))
    template = tmp_path / "template"
    with open_folder(template, clock=fixed_clock) as repo:
        build_demo(repo, peers=4, weeks=20, today=FIXED_NOW.date(), seed=5)
        assert any(p.name == LEAD for p in repo.people(role=Role.SUPERVISOR))
        expected = census(repo)
    # One run to the end: how long encrypting takes here (the kills are spread over it,
    # from the moment the child says it begins).
    data, acks = tmp_path / "data", tmp_path / "acks.txt"
    shutil.copytree(template, data)
    code, err, span = run_child(data, acks, None)
    assert code == 0, err
    state, problems = verify(data, expected, finished=True)
    assert state == "encrypted" and not problems, problems
    rng = random.Random(20261129)
    failures: list[str] = []
    states = {"plain": 0, "encrypted": 0}
    for trial in range(kills):
        shutil.rmtree(data)
        acks.unlink(missing_ok=True)
        shutil.copytree(template, data)
        code, err, _ = run_child(data, acks, rng.uniform(0.0, span * 1.1))
        finished = acks.exists() and acks.read_text() == "done\n"
        if code not in (-signal.SIGKILL, 0):
            failures.append(f"trial {trial}: the child failed by itself: {err}")
            continue
        state, problems = verify(data, expected, finished)
        states[state] = states.get(state, 0) + 1
        failures += [f"trial {trial} ({state}): {p}" for p in problems]
    report = (
        f"encrypt kill: {kills} kills, {states.get('plain', 0)} left plain, "
        f"{states.get('encrypted', 0)} encrypted, {len(failures)} failures "
        f"(one run takes {span:.2f}s)"
    )
    (tmp_path / "crash-report.txt").write_text(report + "\n" + "\n".join(failures))
    print("\n" + report)
    assert not failures, "\n".join(failures[:20])
