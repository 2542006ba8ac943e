"""kill -9 the real `supervise` command line at random moments, from the outside.

    python -m tests.harness.kill_cli --kills 500 --seed 1 --out harness-out

Builds fictional folders with `supervise demo` and `supervise export`, then over and over
starts one of these as a separate process and kills it with SIGKILL part way:

- ``import``:  `supervise import BUNDLE` into a copy of the demo folder;
- ``restore``: `supervise restore --from NAME` back to the backup the import took;
- ``repair``:  `supervise check --repair` of a copy whose derived files were deleted;
- ``saves``:   the crash harness's child (tests/crash/crash_child.py), which saves sessions,
  sign-offs, people, drafts and imports in a loop and acknowledges each save that returned.

How long each command takes is measured first (clean runs, which also give the expected
result); each kill then lands at a uniform random point inside that time. After every kill:

1. `supervise check` (no repair) must exit 0: it completes an interrupted commit from the
   journal, as the next start would. (A repair killed part way may leave peers it had not
   reached yet: check may then report only problems that were there before the repair.)
2. Nothing lost, nothing duplicated: an import, restore or repair killed and then run again
   gives exactly the data files one clean run gives (same bytes), the state before it is
   still in a backup, every session id is stored once; every save the child saw return is
   there, in that version or a later one.
3. Every file is 0600 and every folder 0700; a finished command leaves no temp file, no
   half-made backup and no journal; nothing wrote a crash log.

Figures go to OUT/report.txt and OUT/report.json (and are printed); a folder that fails is
copied to OUT/failed/ (fictional data only). Exit 0 when nothing failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .common import (
    check_problems,
    cli_env,
    copy_folder,
    data_state,
    leftovers,
    mode_problems,
    run_cli,
    session_ids,
    start_cli,
)

CHILD = Path(__file__).resolve().parent.parent / "crash" / "crash_child.py"
KINDS = ("import", "restore", "repair", "saves")
SHARE = {"import": 0.3, "restore": 0.25, "repair": 0.2, "saves": 0.25}
SIZES = {  # (peers, weeks) of the demo folder, and of the folder the bundle comes from
    "small": ((3, 12), (2, 20)),
    "big": ((6, 52), (4, 104)),
}


@dataclass
class Fixture:
    root: Path
    env: dict[str, str]
    config: Path
    bundle: Path
    base: Path  # the demo folder
    imported: Path  # base + the bundle, with the backup the import took (= base)
    broken: Path  # base with every peer's rows and settled items deleted
    backup_name: str
    bundles_dir: Path  # for the save loop's own imports
    states: dict[str, dict[str, str]] = field(default_factory=dict)
    broken_problems: set[str] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=dict)  # a clean run, start to end
    writes_from: dict[str, float] = field(default_factory=dict)  # ... to its first write


def _paths(folder: Path) -> frozenset[str]:
    """Every name under a folder, read while a command may be removing some of them (what
    vanishes mid-walk is skipped: os.walk ignores the error)."""
    return frozenset(
        os.path.join(top, name) for top, dirs, files in os.walk(folder) for name in dirs + files
    )


def _clean_runs(fx, kind: str, source: Path, args: list[str], *, keep: Path | None = None):
    """Three clean runs of a command on fresh copies of ``source``: the data files each
    gave, and (into fx) how long a run takes and when it first writes (the folder is
    watched every millisecond for a new name: a temp file, a backup being made)."""
    results, times, firsts = [], [], []
    for i in range(3):
        work = fx.root / f"clean-{kind}-{i}"
        copy_folder(source, work)
        before = _paths(work)
        started = time.monotonic()
        proc = start_cli(args, work, fx.env)
        first = None
        while proc.poll() is None:
            if first is None and _paths(work) != before:
                first = time.monotonic() - started
            time.sleep(0.001)
        total = time.monotonic() - started
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"harness setup: a clean {kind} failed: {err.decode().strip()}")
        times.append(total)
        firsts.append(total if first is None else first)
        results.append(data_state(work))
        if keep is not None and i == 0:
            shutil.move(work, keep)
        else:
            shutil.rmtree(work)
    fx.seconds[kind] = statistics.median(times)
    fx.writes_from[kind] = statistics.median(firsts)
    return results


@dataclass
class Tally:
    kills: int = 0
    ran_to_end: int = 0
    landed: Counter = field(default_factory=Counter)
    failing_check: int = 0
    lost: int = 0
    duplicated: int = 0
    changed_modes: int = 0
    left_behind: int = 0
    failures: list[str] = field(default_factory=list)


def _must(ran, what: str) -> None:
    if ran.code != 0:
        raise SystemExit(f"harness setup: {what} failed (exit {ran.code}): {ran.err.strip()}")


def prepare(root: Path, size: str) -> Fixture:
    """The folders every trial starts from, and what a clean run of each command gives."""
    (base_size, src_size) = SIZES[size]
    config = root / "config"
    env = cli_env(config)
    base, src, bundle = root / "base", root / "source", root / "bundle.json"
    _must(
        run_cli(
            ["demo", "--no-tui", "--peers", str(base_size[0]), "--weeks", str(base_size[1])],
            base,
            env,
        ),
        "supervise demo",
    )
    _must(
        run_cli(
            ["demo", "--no-tui", "--peers", str(src_size[0]), "--weeks", str(src_size[1])],
            src,
            env,
        ),
        "supervise demo (the bundle's source)",
    )
    _must(run_cli(["export", "--format", "json", "-o", str(bundle)], src, env), "export")
    fx = Fixture(
        root, env, config, bundle, base, root / "imported", root / "broken", "", root / "bundles"
    )
    fx.states["base"] = data_state(base)

    # import: three clean runs on fresh copies give the expected folder and the times
    results = _clean_runs(fx, "import", base, ["import", str(bundle)], keep=fx.imported)
    if any(r != results[0] for r in results):
        raise SystemExit("harness setup: two clean imports of one bundle gave different files")
    fx.states["imported"] = results[0]
    names = [p.name for p in (fx.imported / "backups").iterdir() if "before-import" in p.name]
    fx.backup_name = names[0]

    # restore: back to the backup the import took, which holds the demo folder as it was
    results = _clean_runs(
        fx, "restore", fx.imported, ["restore", "--from", fx.backup_name, "--yes"]
    )
    if results[0] != fx.states["base"]:
        raise SystemExit("harness setup: a clean restore did not give the folder back as it was")

    # repair: every peer's light rows and settled items deleted, then rebuilt
    copy_folder(base, fx.broken)
    for p in sorted((fx.broken / "peers").glob("*/*.json")):
        if p.name.startswith(("index-", "closed-")):
            p.unlink()
    ran = run_cli(["check"], fx.broken, env)
    fx.broken_problems = set(check_problems(ran.out))
    if ran.code != 1 or not fx.broken_problems:
        raise SystemExit("harness setup: check did not find the deleted files")
    results = _clean_runs(fx, "repair", fx.broken, ["check", "--repair"])
    if any(r != results[0] for r in results):
        raise SystemExit("harness setup: two clean repairs gave different files")
    fx.states["repaired"] = results[0]

    # saves: the crash harness's bundles, and how long the child takes to its first save
    from ..crash.test_crash_harness import make_bundles

    make_bundles(fx.bundles_dir, count=3)
    probe, acks = root / "probe-saves", root / "probe-acks.txt"
    child = _start_child(probe, acks, 0, fx)
    started = time.monotonic()
    while time.monotonic() - started < 60 and _ack_count(acks) < 1:
        time.sleep(0.01)
    fx.seconds["saves"] = time.monotonic() - started
    fx.writes_from["saves"] = fx.seconds["saves"] * 0.5
    child.kill()
    child.wait()
    shutil.rmtree(probe)
    acks.unlink(missing_ok=True)
    return fx


def _ack_count(acks: Path) -> int:
    try:
        return acks.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _start_child(data: Path, acks: Path, seed: int, fx: Fixture) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(data), str(acks), str(seed), str(fx.bundles_dir)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=fx.env,
    )


def _wait_first_write(proc: subprocess.Popen, work: Path) -> float:
    """Watch the folder until a new name appears in it (or the process ends); return how
    long after the start that was."""
    started, before = time.monotonic(), _paths(work)
    while proc.poll() is None and _paths(work) == before:
        time.sleep(0.001)
    return time.monotonic() - started


def _kill_after(proc: subprocess.Popen, delay: float, started: float) -> bool:
    """SIGKILL ``proc`` ``delay`` seconds after ``started``; False if it ended by itself."""
    try:
        proc.wait(timeout=max(0.0, started + delay - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    proc.communicate()
    return proc.returncode == -signal.SIGKILL


def _landed(work: Path, before: dict[str, str], after: dict[str, str]) -> str:
    """Where in the command the kill landed, read from the folder it left."""
    if (work / "journal.json").exists():
        return "mid-commit (journal to complete)"
    left = leftovers(work)
    state = data_state(work)
    if left:
        return "while writing new files (temps left)"
    if state == before:
        return "before anything was written"
    if state == after:
        return "after the commit"
    return "between commits"


def _backups_holding(work: Path, state: dict[str, str]) -> bool:
    """Whether some backup holds exactly these data files."""
    for b in (work / "backups").iterdir() if (work / "backups").is_dir() else []:
        if b.is_dir() and not b.name.startswith(".") and data_state(b) == state:
            return True
    return False


def _dupes_and_lost(work: Path, expected: dict[str, str], fx: Fixture, t: Tally) -> list[str]:
    counts, bad = session_ids(work)
    problems = [f"{rel} does not parse" for rel in bad]
    dupes = {sid: n for sid, n in counts.items() if n > 1}
    if dupes:
        t.duplicated += sum(n - 1 for n in dupes.values())
        problems.append(f"{len(dupes)} session id(s) stored more than once")
    state = data_state(work)
    if state != expected:
        gone = sorted(set(expected) - set(state))
        differ = sorted(k for k in expected if k in state and state[k] != expected[k])
        extra = sorted(set(state) - set(expected))
        t.lost += len(gone) + len(differ)
        problems.append(
            f"the data files differ from one clean run: {len(gone)} missing, "
            f"{len(differ)} different, {len(extra)} extra (e.g. {(gone + differ + extra)[:3]})"
        )
    return problems


def trial(kind: str, n: int, rng: random.Random, lane_dir: Path, fx: Fixture, t: Tally) -> None:
    """One kill of one command, and everything checked after it."""
    if kind == "saves":
        return trial_saves(n, rng, lane_dir, fx, t)
    work = lane_dir / "work"
    source, args, after = {  # the folder it starts from, the command, what it must give
        "import": (fx.base, ["import", str(fx.bundle)], "imported"),
        "restore": (fx.imported, ["restore", "--from", fx.backup_name, "--yes"], "base"),
        "repair": (fx.broken, ["check", "--repair"], "repaired"),
    }[kind]
    copy_folder(source, work)
    start_state = data_state(work)
    expected = fx.states[after]
    proc, started = start_cli(args, work, fx.env), time.monotonic()
    slack = 1.2  # the lanes run side by side, so a run takes longer than it did alone
    if rng.random() < 0.8:
        # Most kills land while it writes: a uniform point between its first write (the
        # folder is watched for a new name) and the end of a clean run's writing.
        first = _wait_first_write(proc, work)
        delay = first + rng.uniform(0, (fx.seconds[kind] - fx.writes_from[kind]) * slack)
    else:  # the rest anywhere in the run, start-up included
        delay = rng.uniform(0, fx.seconds[kind] * slack)
    killed = _kill_after(proc, delay, started)
    t.kills += 1
    if not killed:
        t.ran_to_end += 1
    t.landed[_landed(work, start_state, expected) if killed else "ran to the end"] += 1
    problems: list[str] = []

    # 1. check, as the next start would (completes an interrupted commit)
    checked = run_cli(["check"], work, fx.env)
    found = set(check_problems(checked.out))
    if kind == "repair":
        new = found - fx.broken_problems
        if new or checked.code not in (0, 1):
            problems.append(f"check after the kill: {len(new)} new problem(s): {sorted(new)[:3]}")
    elif checked.code != 0:
        problems.append(f"check after the kill exited {checked.code}: {sorted(found)[:3]}")
    if problems:
        t.failing_check += 1
    if (work / "journal.json").exists():
        problems.append("the journal is still there after check")
    after_kill = data_state(work)
    if kind == "import" and after_kill not in (start_state, expected):
        problems.append("after the kill the data is neither as it was nor wholly imported")
    if kind == "restore" and after_kill not in (start_state, expected):
        problems.append("after the kill the data is neither as it was nor wholly restored")
    if kind == "repair":
        sources = [k for k in start_state if "/sessions-" in k or "/" not in k]
        if any(after_kill.get(k) != start_state[k] for k in sources):
            problems.append("a killed repair changed a session record, people.json or meta.json")
    modes = mode_problems(work)

    # 2. run it again, to the end: exactly what one clean run gives
    again = run_cli(args, work, fx.env)
    if again.code != 0:
        problems.append(f"run again after the kill: exit {again.code}: {again.err.strip()[:200]}")
    problems += _dupes_and_lost(work, expected, fx, t)
    if kind == "import" and not _backups_holding(work, fx.states["base"]):
        t.lost += 1
        problems.append("no backup holds the folder as it was before the import")
    if kind == "restore" and not _backups_holding(work, fx.states["imported"]):
        t.lost += 1
        problems.append("no backup holds the folder as it was before the restore")
    left = leftovers(work)
    if left:
        t.left_behind += 1
        problems.append(f"left behind after a clean run: {left[:5]}")
    modes += mode_problems(work)
    if modes:
        t.changed_modes += 1
        problems.append(f"permissions: {modes[:3]}")
    _record(kind, n, delay, problems, work, lane_dir, t)


def trial_saves(n: int, rng: random.Random, lane_dir: Path, fx: Fixture, t: Tally) -> None:
    from ..crash.test_crash_harness import verify

    data, acks = lane_dir / "saves", lane_dir / "acks.txt"
    delay = rng.uniform(fx.seconds["saves"] * 0.5, fx.seconds["saves"] + 1.5)
    child, started = _start_child(data, acks, rng.randrange(1 << 30), fx), time.monotonic()
    killed = _kill_after(child, delay, started)
    t.kills += 1
    problems: list[str] = []
    if not killed:
        t.ran_to_end += 1
        problems.append("the save loop stopped by itself")
    if (data / "journal.json").exists():
        t.landed["mid-commit (journal to complete)"] += 1
    elif leftovers(data):
        t.landed["while writing new files (temps left)"] += 1
    else:
        t.landed["between saves"] += 1
    modes = mode_problems(data) if data.exists() else []
    if (data / "meta.json").exists():
        checked = run_cli(["check"], data, fx.env)
        if checked.code != 0:
            t.failing_check += 1
            found = check_problems(checked.out)
            problems.append(f"check after the kill exited {checked.code}: {found[:3]}")
        lost = verify(data, acks)
        t.lost += sum("missing" in p or "lost" in p for p in lost)
        problems += lost
        counts, _ = session_ids(data)
        dupes = {sid: c for sid, c in counts.items() if c > 1}
        if dupes:
            t.duplicated += sum(c - 1 for c in dupes.values())
            problems.append(f"{len(dupes)} session id(s) stored more than once")
        modes += mode_problems(data)
    if modes:
        t.changed_modes += 1
        problems.append(f"permissions: {modes[:3]}")
    _record("saves", n, delay, problems, data, lane_dir, t)


_copy_lock = threading.Lock()


def _record(kind, n, delay, problems, work, lane_dir, t: Tally) -> None:
    if not problems:
        return
    t.failures.append(f"{kind} #{n} (killed at {delay:.3f}s): " + "; ".join(problems))
    with _copy_lock:
        dest = lane_dir.parent / "failed" / f"{kind}-{n}"
        if not dest.exists():
            shutil.copytree(work, dest, symlinks=True)


def plan(kills: int) -> list[str]:
    """How many kills of each kind: the shares above, at least one each."""
    counts = {k: max(1, round(kills * SHARE[k])) for k in KINDS}
    counts["import"] += kills - sum(counts.values())
    return [k for k in KINDS for _ in range(counts[k])]


def run(kills: int, seed: int, out: Path, *, size: str = "big", lanes: int = 2) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    out.mkdir(parents=True, exist_ok=True)
    work_root = out / "work"
    if work_root.exists():
        shutil.rmtree(work_root)
    work_root.mkdir()
    started = time.monotonic()
    fx = prepare(work_root, size)
    prepared = time.monotonic() - started
    schedule = plan(kills)
    random.Random(seed).shuffle(schedule)
    tallies = {k: Tally() for k in KINDS}
    locks = {k: threading.Lock() for k in KINDS}

    def lane(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        lane_dir = work_root / f"lane-{i}"
        lane_dir.mkdir()
        for n, kind in list(enumerate(schedule))[i::lanes]:
            local = Tally()
            try:
                trial(kind, n, rng, lane_dir, fx, local)
            except subprocess.TimeoutExpired as error:
                local.failures.append(f"{kind} #{n}: a command hung ({error.cmd[3:5]})")
            except Exception as error:  # noqa: BLE001 - the harness's own fault: say so, go on
                local.failures.append(f"{kind} #{n}: the harness failed: {error!r}")
            with locks[kind]:
                _merge(tallies[kind], local)

    with ThreadPoolExecutor(lanes) as pool:
        list(pool.map(lane, range(lanes)))
    crash_logs = sorted(str(p.relative_to(fx.config)) for p in fx.config.rglob("*") if p.is_file())
    report = {
        "date": datetime.now(UTC).date().isoformat(),
        "cores": os.cpu_count(),
        "seed": seed,
        "size": size,
        "lanes": lanes,
        "seconds_to_prepare": round(prepared),
        "seconds": round(time.monotonic() - started),
        "command_seconds": {k: round(v, 3) for k, v in fx.seconds.items()},
        "first_write_seconds": {k: round(v, 3) for k, v in fx.writes_from.items()},
        "crash_logs": crash_logs,
        "kinds": {
            k: {
                "kills": t.kills,
                "ran_to_end": t.ran_to_end,
                "landed": dict(t.landed),
                "failing_check": t.failing_check,
                "lost": t.lost,
                "duplicated": t.duplicated,
                "changed_modes": t.changed_modes,
                "left_behind": t.left_behind,
                "failures": t.failures,
            }
            for k, t in tallies.items()
        },
    }
    text = summary(report)
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "report.txt").write_text(text + "\n")
    if not any(t.failures for t in tallies.values()) and not crash_logs:
        shutil.rmtree(work_root)  # keep only what failed (copied to OUT/failed)
    return report


def _merge(into: Tally, t: Tally) -> None:
    into.kills += t.kills
    into.ran_to_end += t.ran_to_end
    into.landed.update(t.landed)
    into.failing_check += t.failing_check
    into.lost += t.lost
    into.duplicated += t.duplicated
    into.changed_modes += t.changed_modes
    into.left_behind += t.left_behind
    into.failures += t.failures


def failures(report: dict) -> list[str]:
    found = [f for k in report["kinds"].values() for f in k["failures"]]
    if report["crash_logs"]:
        found.append(f"crash logs were written: {report['crash_logs']}")
    return found


def summary(report: dict) -> str:
    kinds = report["kinds"]
    total = sum(k["kills"] for k in kinds.values())
    lines = [
        f"kill_cli: {total} SIGKILLs of the real `supervise` in {report['seconds']}s "
        f"({report['cores']} cores, {report['lanes']} lanes, seed {report['seed']}, "
        f"{report['size']} folders, {report['date']})",
    ]
    for name, k in kinds.items():
        landed = ", ".join(f"{n} {where}" for where, n in sorted(k["landed"].items()))
        lines.append(
            f"  {name:8} {k['kills']:4} kills (a clean run takes "
            f"{report['command_seconds'][name]:.2f}s, writing from "
            f"{report['first_write_seconds'][name]:.2f}s): {landed}; failing check "
            f"{k['failing_check']}, lost {k['lost']}, duplicated {k['duplicated']}, "
            f"permissions {k['changed_modes']}, left behind {k['left_behind']}"
        )
    found = failures(report)
    lines.append(f"  failures: {len(found)}")
    lines += [f"    - {f}" for f in found[:30]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.kill_cli", description=__doc__)
    parser.add_argument("--kills", type=int, default=500, help="SIGKILLs in all (default 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("harness-out"))
    parser.add_argument("--size", choices=sorted(SIZES), default="big")
    parser.add_argument("--lanes", type=int, default=2, help="folders killed in parallel")
    args = parser.parse_args(argv)
    report = run(args.kills, args.seed, args.out, size=args.size, lanes=args.lanes)
    print(summary(report))
    return 1 if failures(report) else 0


if __name__ == "__main__":
    raise SystemExit(main())
