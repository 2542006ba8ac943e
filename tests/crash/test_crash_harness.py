"""Crash safety, the way SQLite tests itself: kill a writer over and over, check after each.

A child process (crash_child.py) saves sessions, signs them off, edits people,
autosaves drafts and imports bundles in a loop; the parent kills it with
SIGKILL at random moments. After every kill the folder is opened as the app
would open it on the next start, and then: every file parses, `check` passes,
and every save the child saw return is present and whole.

Marked `crash` (skip with -m "not crash"); run in full by .ci/run. The number
of trials is SUPERVISE_CRASH_TRIALS (default 150). The figures go to
crash-report.txt in the test's folder and are printed.
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

from supervise_tui.store import backups
from supervise_tui.store.check import check
from supervise_tui.store.files import read_json
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.demo import build_demo
from supervise_tui.usecases.export import export_bytes
from supervise_tui.usecases.people import save_person

from ..conftest import fixed_clock

CHILD = Path(__file__).with_name("crash_child.py")
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


def verify(data: Path, acks: Path) -> list[str]:
    problems: list[str] = []
    if not (data / "meta.json").exists():
        return problems  # killed before the folder was first written: nothing acked yet
    for rel in backups.data_files(data):
        try:
            read_json(data / rel)
        except Exception as error:  # noqa: BLE001 - any failure to parse is the finding
            problems.append(f"{rel} does not parse: {error}")
    try:
        open_folder(
            data, backup=False, clock=fixed_clock
        ).close()  # the next start: replays any journal
    except Exception as error:  # noqa: BLE001
        problems.append(f"the folder does not open: {error}")
        return problems
    report = check(data)
    problems += [f"check: {p}" for p in report.problems]
    lines = acks.read_text().split("\n") if acks.exists() else []
    complete = lines[:-1]  # the last piece may have been cut by the kill
    with open_folder(data, read_only=True, clock=fixed_clock) as repo:
        drafts = {d.id: d for d in repo.drafts()}
        people = {p.id: p for p in repo.people()}
        sessions = {
            s.id: s for peer_id in repo.peers_with_records() for s in repo.sessions(peer_id)
        }
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


def run_lane(lane: int, trials: int, root: Path, bundles_dir: Path) -> dict:
    data, acks = root / f"data-{lane}", root / f"acks-{lane}.txt"
    rng = random.Random(20261122 + lane)
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
        failures += [f"lane {lane} trial {trial}: {p}" for p in verify(data, acks)]
    saves = len(acks.read_text().splitlines()) if acks.exists() else 0
    return {"failures": failures, "mid_save": mid_save, "saves": saves}


def test_sigkill_at_random_moments_loses_nothing(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    trials = int(os.environ.get("SUPERVISE_CRASH_TRIALS", "200"))
    bundles_dir = tmp_path / "bundles"
    make_bundles(bundles_dir)
    started = time.monotonic()
    lanes = 2  # two independent folders, killed in parallel (2 cores)
    with ThreadPoolExecutor(lanes) as pool:
        results = list(
            pool.map(
                lambda lane: run_lane(
                    lane, trials // lanes + (lane < trials % lanes), tmp_path, bundles_dir
                ),
                range(lanes),
            )
        )
    failures = [f for r in results for f in r["failures"]]
    saves = sum(r["saves"] for r in results)
    mid_save = sum(r["mid_save"] for r in results)
    report = (
        f"crash harness: {trials} trials (SIGKILL), {len(failures)} failures; "
        f"{saves} acknowledged saves checked after every kill; {mid_save} kills landed "
        f"mid-save and were recovered from the journal; {time.monotonic() - started:.0f}s"
    )
    (tmp_path / "crash-report.txt").write_text(report + "\n" + "\n".join(failures))
    print("\n" + report)
    assert not failures, "\n".join(failures[:20])
