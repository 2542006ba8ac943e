"""Speed at scale, judged by ratios against references measured in the same run.

    python benchmarks/run.py [--sizes 1000,10000,50000] [--runs 5] [--json]

Generates fictional records at each size (through the app's own store), then measures
medians and prints the five ratios the speed issue asks for:

- save_ratio:    saving one session (+ an autosave) at the largest size / the smallest
                 (in turns, round by round, after each size's own save was measured)
- start_ratio:   starting the TUI to Home (fresh process) at the largest / a bare app
                 (measured in turns, round by round: the median of the rounds' ratios)
- history_ratio: opening one peer's history at the largest / the smallest
- trends_ratio:  whole-team trends at the largest / orjson.loads of the same files
- rss_ratio:     peak memory of the TUI at Home at the largest / the bare app
- encrypted_save_ratio, encrypted_start_ratio: the same folder encrypted / plain, at the
  largest size, in turns (the passphrase's own time, Argon2id, is reported as unlock_ms
  apart)
- team_ratio, export_ratio, import_ratio, import_rss_ratio: see benchmarks/transfer.py

`--skip encrypted,start,transfer` leaves those measures out (while working on another).
`--generator varied` measures records made by generate_varied.py (records the figures
were not tuned on) instead of generate.py's regular ones; the team view's reference is
then generate.py's, with as many peers as the largest varied folder holds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, peers_for  # noqa: E402
from generate_varied import generate_varied  # noqa: E402
from transfer import (  # noqa: E402
    TARGETS,
    measure_team,
    measure_team_pair,
    measure_transfer,
    ratios,
)

from supervise_tui.domain.enums import ConcernCategory, Role, SessionKind  # noqa: E402
from supervise_tui.domain.models import Concern, Session, now_utc  # noqa: E402
from supervise_tui.services.periods import parse_period  # noqa: E402
from supervise_tui.services.report import HISTORY_PERIOD, history_rows  # noqa: E402
from supervise_tui.store import backups  # noqa: E402
from supervise_tui.store.folder import open_folder  # noqa: E402
from supervise_tui.usecases import lookback  # noqa: E402
from supervise_tui.usecases.sessions import finish_session, save_draft  # noqa: E402

TODAY = date(2026, 11, 22)


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def timed(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


LEAD = "Supervisor 0"  # generate.py's first supervisor leads the encrypted copy
WORDS = "benchmark passphrase words"  # fictional


def encrypted_copy(folder: Path, target: Path) -> float:
    """``folder`` copied and encrypted with the real Argon2id costs; returns the
    seconds one sign-in takes (the median of three)."""
    from supervise_tui.usecases.people import find_person
    from supervise_tui.usecases.security import encrypt_folder, sign_in

    shutil.copytree(folder, target)
    with open_folder(target, backup=False, clock=now_utc) as repo:
        lead = find_person(repo, LEAD, Role.SUPERVISOR)
        encrypt_folder(repo, lead, WORDS, WORDS, clock=repo.clock)
    times = []
    for _ in range(3):
        with open_folder(target, backup=False, check=False, clock=now_utc) as repo:
            began = time.perf_counter()
            sign_in(repo, LEAD, WORDS)
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def _savers(repo):
    """Saving one finished session, and one autosave of a draft, as the app does."""
    if repo.locked:
        from supervise_tui.usecases.security import sign_in

        sign_in(repo, LEAD, WORDS)
    peer = repo.people(role=Role.PEER)[0]
    sup = repo.people(role=Role.SUPERVISOR)[0]
    counter = iter(range(10_000))

    def save() -> None:
        n = next(counter)
        s = Session(peer.id, [sup.id], SessionKind.WEEKLY, datetime(2026, 11, 20, 9, n % 60))
        s.concerns.append(Concern("benchmark concern", ConcernCategory.WORKLOAD))
        finish_session(repo, s, clock=repo.clock)

    draft = Session(peer.id, [sup.id], SessionKind.INFORMAL, datetime(2026, 11, 21, 9))

    def autosave() -> None:
        draft.checkin.arriving += "x"
        save_draft(repo, draft, clock=repo.clock)

    return save, autosave


def measure_save(folder: Path, runs: int) -> dict:
    # A save waits for its fsyncs: the writes of the measures before it (an import
    # writes 400-500 MB at 50k) are put on disk first, so that the save does not wait
    # for them in its stead.
    os.sync()
    with open_folder(folder, backup=False, clock=now_utc) as repo:
        save, autosave = _savers(repo)
        return {"save_ms": timed(save, runs), "autosave_ms": timed(autosave, runs * 2)}


def measure_save_pair(plain: Path, sealed: Path, runs: int) -> tuple[float, float]:
    """Save + autosave in two folders (the plain and the encrypted copy of the same
    records, or the smallest and the largest), taken in turns so that a noisy neighbour
    slows both alike. Returns the two medians (ms)."""
    os.sync()  # (see measure_save)
    with (
        open_folder(plain, backup=False, clock=now_utc) as a,
        open_folder(sealed, backup=False, clock=now_utc) as b,
    ):
        pairs = [_savers(a), _savers(b)]
        samples: list[list[float]] = [[], []]
        for _ in range(runs * 2):
            for which, (save, autosave) in enumerate(pairs):
                began = time.perf_counter()
                save()
                autosave()
                samples[which].append(time.perf_counter() - began)
    return median_ms(samples[0]), median_ms(samples[1])


def measure_history(folder: Path, runs: int) -> float:
    with open_folder(folder, read_only=True, clock=now_utc) as repo:
        peer = repo.people(role=Role.PEER)[0]

        def open_history() -> None:
            # What the History screen does when it opens in the running app: the light
            # rows of its default period, the yearly counts, the people's names, one
            # row each. The peer's files are read cold each time (people.json stays
            # parsed, as it is in the app from the moment Home shows).
            for rel in [rel for rel in repo._dbs if rel.startswith("peers/")]:
                del repo._dbs[rel]
            period = parse_period(HISTORY_PERIOD, TODAY)
            facts = repo.rows(peer.id, start=period.start, end=period.end)
            sum(count.held for count in repo.years(peer.id).values())
            people = {p.id: p for p in repo.people()}
            history_rows(facts, people)

        return timed(open_history, runs)


def measure_trends(folder: Path, runs: int) -> dict:
    files = [folder / rel for rel in backups.data_files(folder)]

    def parse_all() -> None:
        for path in files:
            orjson.loads(path.read_bytes())

    with open_folder(folder, read_only=True, clock=now_utc) as repo:

        def team() -> None:
            # What the Team screen does in the running app, every peer's files read cold.
            for rel in [rel for rel in repo._dbs if rel.startswith("peers/")]:
                del repo._dbs[rel]
            members = lookback.team_members(repo)
            lookback.team_for(repo, members, parse_period("all", TODAY), TODAY)

        return {"trends_ms": timed(team, runs), "orjson_ms": timed(parse_all, runs)}


def probe_in_turns(
    folder: Path, runs: int, reference: Path | None = None
) -> tuple[dict, dict, float]:
    """The app's start on ``folder`` and a reference's (a bare app, or the app on the
    ``reference`` folder), measured in turns (the reference, then the app, each round):
    the ratio is the median of each round's, so a load that comes and goes on a shared
    machine weighs on both sides alike. Returns the app's figures, the reference's, and
    the ratio."""
    app: list[dict] = []
    bare: list[dict] = []
    ratios = []
    mode = "bare" if reference is None else "app"
    probe(mode, reference, 1)  # (each first run writes the bytecode: uncounted)
    probe("app", folder, 1)
    for _ in range(runs):
        bare.append(probe(mode, reference, 1, warm=False))
        app.append(probe("app", folder, 1, warm=False))
        ratios.append(app[-1]["start_ms"] / bare[-1]["start_ms"])

    def medians(rows: list[dict]) -> dict:
        return {k: round(statistics.median(r[k] for r in rows), 1) for k in rows[0]}

    return medians(app), medians(bare), round(statistics.median(ratios), 2)


def probe(mode: str, folder: Path | None, runs: int, *, warm: bool = True) -> dict:
    # As installed: pip writes each module's bytecode at install time, so a start never
    # compiles source. A checkout (or PYTHONDONTWRITEBYTECODE, set on some machines) would
    # compile the app's modules on every start while Textual's come precompiled: the
    # first, uncounted run writes the bytecode, and the counted runs use it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    args = [sys.executable, str(HERE / "probe.py"), mode] + ([str(folder)] if folder else [])
    env.update(BENCH_AS=LEAD, SUPERVISE_PASSPHRASE=WORDS)
    if warm:
        subprocess.run(args, capture_output=True, text=True, check=True, env=env)
    times, rss, unlock = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            args, capture_output=True, text=True, check=True, env=env
        ).stdout.split()
        times.append(float(out[0]))
        rss.append(float(out[1]))
        unlock.append(float(out[2]))
    return {
        "start_ms": round(statistics.median(times) * 1000, 1),
        "rss_mb": round(statistics.median(rss), 1),
        "unlock_ms": round(statistics.median(unlock) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip", default="", help="encrypted,start,transfer")
    parser.add_argument("--generator", choices=("regular", "varied"), default="regular")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="then the same figures on PostgreSQL, side by side (benchmarks/server.py)",
    )
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    bare: dict = {}
    start_ratio = 0.0
    sizes = [int(s) for s in args.sizes.split(",")]
    small, large = min(sizes), max(sizes)
    raw: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"s{size}"
            started = time.perf_counter()
            (generate_varied if args.generator == "varied" else generate)(folder, size)
            row = {"generate_s": round(time.perf_counter() - started, 1)}
            row["peers"] = sum(1 for p in (folder / "peers").iterdir() if p.is_dir())
            row["history_ms"] = measure_history(folder, args.runs)
            if size in (small, large):
                row.update(measure_trends(folder, max(1, args.runs // 2)))
                row.update(measure_team(folder, TODAY, args.runs))
                if "start" not in skip and size == small:
                    row.update(probe("app", folder, args.runs))
                elif "start" not in skip:  # the ratio's: in turns with a bare app
                    app_start, bare, start_ratio = probe_in_turns(folder, max(5, args.runs))
                    row.update(app_start)
            if size == large:
                # The team view's cost should follow the peers, not the sessions: its
                # reference is the same team (as many peers) with the smallest history,
                # measured in turns with it.
                team_ref = Path(tmp) / "team-reference"
                team = peers_for(large) if args.generator == "regular" else row["peers"]
                generate(team_ref, small, peers=team)
                row["team_ms"], ref_ms = measure_team_pair(folder, team_ref, TODAY, args.runs)
                row["team_period_ms"], ref_period_ms = measure_team_pair(
                    folder, team_ref, TODAY, args.runs, "last 90 days"
                )
                raw["team_reference"] = {"team_ms": ref_ms, "team_period_ms": ref_period_ms}
            if size == large and "transfer" not in skip:
                work = Path(tmp) / "transfer"
                work.mkdir()
                row.update(measure_transfer(folder, work, max(1, args.runs // 5)))
                shutil.rmtree(work)
            if size == large and "encrypted" not in skip:  # copied before saves add any
                sealed = Path(tmp) / f"s{size}-encrypted"
                started = time.perf_counter()
                unlock_s = encrypted_copy(folder, sealed)
                enc = {"encrypt_s": round(time.perf_counter() - started, 1)}
                enc["unlock_ms"] = round(unlock_s * 1000, 1)
                sealed_start, plain_start, enc["start_ratio"] = probe_in_turns(
                    sealed, max(5, args.runs), reference=folder
                )
                enc.update(sealed_start, plain_start_ms=plain_start["start_ms"])
                twin = Path(tmp) / f"s{size}-twin"  # the plain records, saved to in turns
                shutil.copytree(folder, twin)
                enc["plain_save_ms"], enc["save_ms"] = measure_save_pair(twin, sealed, args.runs)
                raw["encrypted"] = enc
            row.update(measure_save(folder, args.runs))  # last: it adds sessions
            raw[str(size)] = row
        # The ratio's saves: in turns, the smallest folder's and the largest's, each round
        # (a save waits for the disk: a neighbour's writes weigh on both sides alike).
        small_ms, large_ms = measure_save_pair(
            Path(tmp) / f"s{small}", Path(tmp) / f"s{large}", max(5, args.runs)
        )
        raw["save_in_turns"] = {"small_ms": small_ms, "large_ms": large_ms}
        if args.postgres:  # (the folders as measured above, with the sessions saves added)
            from server import run_all

            folders = {size: Path(tmp) / f"s{size}" for size in sizes}
            server_sizes, flow = run_all(folders, args.runs, 20, 10.0, Path(tmp))
    big, little = raw[str(large)], raw[str(small)]
    result = {
        "save_ratio": round(large_ms / small_ms, 2),
        "history_ratio": round(big["history_ms"] / little["history_ms"], 2),
        "trends_ratio": round(big["trends_ms"] / big["orjson_ms"], 2),
    }
    targets = {"save_ratio": 1.5, "history_ratio": 1.5, "trends_ratio": 1.0}
    if "start" not in skip:
        result["start_ratio"] = start_ratio  # (the median of the rounds' ratios)
        result["rss_ratio"] = round(big["rss_mb"] / bare["rss_mb"], 2)
        targets.update(start_ratio=1.2, rss_ratio=2.0)
    if "encrypted" not in skip and "start" not in skip:
        enc = raw["encrypted"]
        result["encrypted_save_ratio"] = round(enc["save_ms"] / enc["plain_save_ms"], 2)
        result["encrypted_start_ratio"] = enc["start_ratio"]  # (in turns with the plain)
        targets.update(encrypted_save_ratio=1.2, encrypted_start_ratio=1.2)
    result["team_ratio"] = round(big["team_ms"] / raw["team_reference"]["team_ms"], 2)
    result["team_growth_ratio"] = round(big["team_ms"] / little["team_ms"], 2)  # 10x the peers
    result["team_period_ratio"] = round(  # (no target: the is over all time)
        big["team_period_ms"] / raw["team_reference"]["team_period_ms"], 2
    )
    targets["team_ratio"] = TARGETS["team_ratio"]
    if "transfer" not in skip:
        result.update(ratios(big))
        targets.update(TARGETS)
    result.update(targets=targets, bare=bare, sizes=raw)
    if args.postgres:
        result["postgres"] = {"sizes": server_sizes, "throughput": flow}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"Sizes: {', '.join(map(str, sizes))} sessions; medians of {args.runs} runs\n")
    print(f"{'figure':<23}{'ratio':>8}{'target':>8}  verdict")
    for key, target in result["targets"].items():
        verdict = "ok" if result[key] <= target else "MISSED"
        print(f"{key:<23}{result[key]:>8}{target:>8}  {verdict}")
    if bare:
        print(f"\nbare Textual app: start {bare['start_ms']} ms, peak {bare['rss_mb']} MB")
    if "encrypted" in raw:
        print(f"unlock (one passphrase, Argon2id): {raw['encrypted']['unlock_ms']} ms")
    for size, row in raw.items():
        print(f"{size:>6} sessions: " + ", ".join(f"{k} {v}" for k, v in row.items()))
    if args.postgres:
        from server import report

        report(server_sizes, flow)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
