"""The same figures on an agency's PostgreSQL server, side by side with the folder.

    python benchmarks/server.py [--sizes 1000,50000] [--runs 5] [--writers 20] [--seconds 10]

(or `python benchmarks/run.py --postgres`, after its own figures). Each size's fictional
records (benchmarks/generate.py) are imported into a fresh database on a throwaway
server (tests/server.py: a unix socket in a temp folder, as the tests start it), then
measured on both backends with the same use cases, warm (each store open, as in the
running app): saving a session (+ an autosave), opening one peer's history, the whole
team's figures, exporting everything as a bundle and importing it into an empty store.
Last, throughput: writers in processes of their own (tests/harness/writers.py) finishing
sessions, signing them and updating items on the largest size at once.

Needs the agency extra (psycopg) and PostgreSQL's initdb.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests/ (the throwaway server, the writers)

from generate import generate  # noqa: E402

from supervise_tui.domain.enums import Role  # noqa: E402
from supervise_tui.domain.models import now_utc  # noqa: E402
from supervise_tui.services.periods import parse_period  # noqa: E402
from supervise_tui.services.report import HISTORY_PERIOD, history_rows  # noqa: E402
from supervise_tui.store.folder import open_folder  # noqa: E402
from supervise_tui.store.postgres import open_server  # noqa: E402
from supervise_tui.store.postgres.admin import init_server  # noqa: E402
from supervise_tui.usecases import lookback  # noqa: E402
from supervise_tui.usecases.sync import merge_into, site_bundle  # noqa: E402

TODAY = now_utc().date()
BACKENDS = ("folder", "postgres")


def seconds(fn) -> float:
    began = time.perf_counter()
    fn()
    return round(time.perf_counter() - began, 2)


def _readers(store):
    """Opening one peer's history, and the whole team's figures, as the screens do."""
    peer = store.people(role=Role.PEER)[0]

    def history() -> None:
        period = parse_period(HISTORY_PERIOD, TODAY)
        rows = store.rows(peer.id, start=period.start, end=period.end)
        sum(count.held for count in store.years(peer.id).values())
        history_rows(rows, {p.id: p for p in store.people()})

    def team() -> None:
        members = lookback.team_members(store)
        lookback.team_for(store, members, parse_period("all", TODAY), TODAY)

    return history, team


def measure(stores: dict, runs: int) -> dict:
    """Each figure on each backend, taken in turns (a noisy neighbour slows both alike)."""
    from run import _savers, timed  # (run.py imports this module only when asked)

    found: dict[str, dict] = {name: {} for name in stores}
    for name, store in stores.items():
        history, team = _readers(store)
        found[name]["history_ms"] = timed(history, runs)
        found[name]["team_ms"] = timed(team, max(1, runs // 2))
        found[name]["export_s"] = seconds(lambda s=store: site_bundle(s, site=None, now=now_utc()))
    for name, store in stores.items():  # last: they add sessions
        save, autosave = _savers(store)
        found[name]["save_ms"] = timed(save, runs)
        found[name]["autosave_ms"] = timed(autosave, runs * 2)
    return found


def side_by_side(folder: Path, server, runs: int, work: Path) -> dict:
    """A size's figures on both backends: ``folder`` holds the records, ``server`` is a
    running throwaway server."""
    with open_folder(folder, backup=False, clock=now_utc) as here:
        raw = site_bundle(here, site=None, now=now_utc())
    url = server.new_database()
    init_server(url)
    with (
        open_server(url, clock=now_utc) as there,
        open_folder(work / f"{folder.name}-import", backup=False, clock=now_utc) as empty,
    ):
        imports = {
            "folder": seconds(lambda: merge_into(empty, raw, now_utc)),
            "postgres": seconds(lambda: merge_into(there, raw, now_utc)),
        }
    with (
        open_folder(folder, backup=False, clock=now_utc) as here,
        open_server(url, clock=now_utc) as there,
    ):
        found = measure({"folder": here, "postgres": there}, runs)
    for name in BACKENDS:
        found[name]["import_s"] = imports[name]
    return {"url": url, **found}


def throughput(url: str, writers: int, secs: float) -> dict:
    from tests.harness.writers import run_writers

    said = run_writers(url, writers, secs)
    done = sum(len(w["finished"]) + len(w["signed"]) for w in said)
    return {
        "writers": writers,
        "seconds": secs,
        "saves_per_s": round(done / secs, 1),
        "refused_per_s": round(sum(w["conflicts"] for w in said) / secs, 1),
        "errors": sorted({e for w in said for e in w["errors"]}),
    }


def report(sizes: dict, flow: dict) -> None:
    keys = ("save_ms", "autosave_ms", "history_ms", "team_ms", "export_s", "import_s")
    print(f"\n{'PostgreSQL beside the folder':<30}" + "".join(f"{k:>12}" for k in keys))
    for size, row in sizes.items():
        for name in BACKENDS:
            print(f"{size + ' ' + name:<30}" + "".join(f"{row[name][k]:>12}" for k in keys))
    print(
        f"{flow['writers']} writers for {flow['seconds']} s: {flow['saves_per_s']} saves/s "
        f"kept, {flow['refused_per_s']}/s refused as changed elsewhere"
    )
    for error in flow["errors"]:
        print(f"  error: {error}")


def run_all(folders: dict[int, Path], runs: int, writers: int, secs: float, work: Path):
    from tests.server import Server

    server = Server()
    try:
        sizes = {str(n): side_by_side(f, server, runs, work) for n, f in folders.items()}
        flow = throughput(sizes[str(max(folders))]["url"], writers, secs)
    finally:
        server.stop()
    for row in sizes.values():
        row.pop("url")
    return sizes, flow


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = {int(n): Path(tmp) / f"s{n}" for n in args.sizes.split(",")}
        for n, folder in folders.items():
            generate(folder, n)
        sizes, flow = run_all(folders, args.runs, args.writers, args.seconds, Path(tmp))
    if args.json:
        print(json.dumps({"sizes": sizes, "throughput": flow}, indent=2))
    else:
        report(sizes, flow)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
