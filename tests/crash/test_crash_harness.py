"""Crash safety, the way SQLite tests itself: kill a writer over and over, check after each.

A child process (crash_child.py) saves sessions, signs them off, edits people,
autosaves drafts and imports bundles in a loop; the parent kills it with
SIGKILL at random moments. After every kill the folder is opened as the app
would open it on the next start, and then: every file parses, `check` passes,
and every save the child saw return is present and whole.

The same runs on an encrypted folder: the parent makes it (a lead with a passphrase),
the child signs in before it saves, and after every kill the parent signs in too:
every file on disk opens through its seal (before any interrupted save is completed),
no record is left unsealed, `check` passes through the signed-in person's keys, and
every acknowledged save is there.

Marked `crash` (skip with -m "not crash"); run in full by .ci/run. The number
of trials is SUPERVISE_CRASH_TRIALS (default 200; the encrypted folder gets half as
many, each trial being slower). The figures go to crash-report.txt in the test's
folder and are printed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.domain.models import Person
from supervise_tui.store import backups
from supervise_tui.store.check import check
from supervise_tui.store.crypto import sealing
from supervise_tui.store.crypto.sealer import PLAIN
from supervise_tui.store.files import parse_json, read_json
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.demo import build_demo
from supervise_tui.usecases.export import export_bytes
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.security import sign_in, start_encrypted

from ..conftest import PASS, fixed_clock

CHILD = Path(__file__).with_name("crash_child.py")
LEAD = "Dana Whitfield"  # the encrypted folder's lead (fictional), signing in with PASS
pytestmark = [
    pytest.mark.crash,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]


def make_bundles(folder: Path, count: int = 6) -> None:
    """Bundles of fictional sessions for peers the child does not write to itself."""
    folder.mkdir()
    for i in range(count):
        source = folder.parent / f"source-{i}"
        with open_folder(source, backup=False, clock=fixed_clock) as repo:
            build_demo(repo, peers=1, weeks=6, today=date(2026, 6, 1), seed=100 + i)
            for person in repo.people():
                from dataclasses import replace

                if person.role.value == "peer":
                    save_person(
                        repo,
                        replace(person, site="Imported", name=f"Imported peer {i}"),
                        clock=repo.clock,
                    )
            data, _ = export_bytes(repo, "json", today=date(2026, 6, 1), now=fixed_clock())
        (folder / f"bundle-{i}.json").write_bytes(data)


def make_encrypted(data: Path) -> None:
    """The encrypted folder a lane's child signs in to: its lead, nothing else yet."""
    with open_folder(data, backup=False, clock=fixed_clock) as store:
        start_encrypted(
            store, Person(LEAD, Role.SUPERVISOR, "Maple Court"), PASS, PASS, clock=fixed_clock
        )


def opened(data: Path, *, encrypted: bool, **kwargs):
    """The folder opened as the app would (signed in as the lead when encrypted)."""
    store = open_folder(data, backup=False, clock=fixed_clock, **kwargs)
    try:
        if encrypted:
            sign_in(store, LEAD, PASS)
    except BaseException:
        store.close()
        raise
    return store


def sealed_files_open(data: Path) -> list[str]:
    """Every file of an encrypted folder on disk, journal and backups included, opens
    through its seal (as it is after the kill: nothing completed yet), and no record is
    left unsealed anywhere."""
    problems: list[str] = []
    with opened(data, encrypted=True, read_only=True, check=False) as store:
        files = [(rel, data / rel) for rel in backups.data_files(data)]
        for name in backups.list_backups(data):
            base = data / backups.BACKUPS / name
            files += [(p.relative_to(base), p) for p in sorted(base.rglob("*.json"))]
        for rel, path in files:
            raw = path.read_bytes()
            if rel.as_posix() in PLAIN:
                continue
            if not sealing.is_sealed(raw):
                problems.append(f"{path.relative_to(data)} is not sealed")
                continue
            try:
                parse_json(path, store.codec.decode(rel.as_posix(), raw))
            except Exception as error:  # noqa: BLE001 - any failure to open is the finding
                problems.append(f"{path.relative_to(data)} does not open: {error}")
    return problems


def verify(data: Path, acks: Path, *, encrypted: bool = False) -> list[str]:
    problems: list[str] = []
    if not (data / "meta.json").exists():
        return problems  # killed before the folder was first written: nothing acked yet
    if encrypted:
        try:
            problems += sealed_files_open(data)
        except Exception as error:  # noqa: BLE001
            problems.append(f"the folder does not open read-only: {error}")
            return problems
    else:
        for rel in backups.data_files(data):
            try:
                read_json(data / rel)
            except Exception as error:  # noqa: BLE001 - any failure to parse is the finding
                problems.append(f"{rel} does not parse: {error}")
    try:
        store = opened(data, encrypted=encrypted)  # the next start: replays any journal
    except Exception as error:  # noqa: BLE001
        problems.append(f"the folder does not open: {error}")
        return problems
    try:
        report = check(data, store.codec)
        problems += [f"check: {p}" for p in report.problems]
        if report.unreadable:
            problems.append(f"check: the lead could not read {report.unreadable} file(s)")
        lines = acks.read_text().split("\n") if acks.exists() else []
        complete = lines[:-1]  # the last piece may have been cut by the kill
        drafts = {d.id: d for d in store.drafts()}
        people = {p.id: p for p in store.people()}
        sessions = {
            s.id: s for peer_id in store.peers_with_records() for s in store.sessions(peer_id)
        }
    except Exception as error:  # noqa: BLE001
        problems.append(f"the records do not read: {error}")
        return problems
    finally:
        store.close()
    for line in complete:
        kind, *fields = line.split("\t")
        if kind == "session":
            _, sid, stamp = fields
            stored, when = sessions.get(sid), datetime.fromisoformat(stamp)
            if stored is None:
                problems.append(f"session {sid}: missing after a kill")
            elif stored.updated_at < when:  # stamps only grow: that version or a later one
                problems.append(f"session {sid}: the saved version is lost")
        elif kind == "person":
            pid, stamp = fields
            stored, when = people.get(pid), datetime.fromisoformat(stamp)
            if stored is None:
                problems.append(f"person {pid}: missing after a kill")
            elif stored.updated_at < when:
                problems.append(f"person {pid}: the saved version is lost")
        elif kind == "draft":
            sid, stamp = fields
            if sid not in drafts or drafts[sid].updated_at < datetime.fromisoformat(stamp):
                problems.append(f"draft {sid}: lost")
        elif kind == "bundle":
            for item in fields:
                if item.split("/")[1] not in sessions:
                    problems.append(f"imported session {item}: missing after a kill")
    return problems


def run_lane(lane: int, trials: int, root: Path, bundles_dir: Path, encrypted: bool) -> dict:
    data, acks = root / f"data-{lane}", root / f"acks-{lane}.txt"
    rng = random.Random(20261122 + lane + (1000 if encrypted else 0))
    env = dict(os.environ)
    if encrypted:
        make_encrypted(data)
        env.update(SUPERVISE_CRASH_AS=LEAD, SUPERVISE_PASSPHRASE=PASS)
    failures: list[str] = []
    mid_save = 0
    for trial in range(trials):
        child = subprocess.Popen(
            [
                sys.executable,
                str(CHILD),
                str(data),
                str(acks),
                str(lane * 10_000 + trial),
                str(bundles_dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        time.sleep(rng.uniform(0.05, 0.9))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        if child.returncode != -signal.SIGKILL:
            failures.append(
                f"lane {lane} trial {trial}: the child stopped by itself: "
                f"{err.decode(errors='replace')[-300:]}"
            )
            continue
        if (data / "journal.json").exists():
            mid_save += 1
        found = verify(data, acks, encrypted=encrypted)
        failures += [f"lane {lane} trial {trial}: {p}" for p in found]
    saves = len(acks.read_text().splitlines()) if acks.exists() else 0
    return {"failures": failures, "mid_save": mid_save, "saves": saves}


@pytest.mark.parametrize("folder", ["plain", "encrypted"])
def test_sigkill_at_random_moments_loses_nothing(tmp_path, folder):
    from concurrent.futures import ThreadPoolExecutor

    encrypted = folder == "encrypted"
    trials = int(os.environ.get("SUPERVISE_CRASH_TRIALS", "200"))
    if encrypted:
        trials = max(2, trials // 2)
    bundles_dir = tmp_path / "bundles"
    make_bundles(bundles_dir)
    started = time.monotonic()
    lanes = 2  # two independent folders, killed in parallel (2 cores)
    with ThreadPoolExecutor(lanes) as pool:
        results = list(
            pool.map(
                lambda lane: run_lane(
                    lane,
                    trials // lanes + (lane < trials % lanes),
                    tmp_path,
                    bundles_dir,
                    encrypted,
                ),
                range(lanes),
            )
        )
    failures = [f for r in results for f in r["failures"]]
    saves = sum(r["saves"] for r in results)
    mid_save = sum(r["mid_save"] for r in results)
    report = (
        f"crash harness ({folder} folder): {trials} trials (SIGKILL), {len(failures)} failures; "
        f"{saves} acknowledged saves checked after every kill; {mid_save} kills landed "
        f"mid-save and were recovered from the journal; {time.monotonic() - started:.0f}s"
    )
    (tmp_path / "crash-report.txt").write_text(report + "\n" + "\n".join(failures))
    print("\n" + report)
    assert not failures, "\n".join(failures[:20])
