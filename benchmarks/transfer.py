"""The measures of issue 15 that run.py takes beside its own: the team view at all time,
and moving every record out (export) and into an empty folder (import).

Each is judged against a reference measured in the same run:

- team_ms: the Team screen's figures for every active peer, all time, every peer's files
  read cold (team_ratio: at the largest size ÷ the same team with the smallest history,
  so that it says what more history costs; team_growth_ratio: ÷ the smallest folder,
  which has a tenth of the peers too); team_period_ms the same over the Team screen's
  first period, the last 90 days (team_period_ratio, reported without a target: the
  issue's is for all time);
- export_ms: `supervise export --format json -o FILE` of everything, in a fresh process,
  against reading and parsing every data file with orjson plus orjson.dumps of the
  bundle it made (export_ratio); its peak memory is reported as export_rss_mb;
- import_ms: `supervise import FILE` into an empty folder, in a fresh process, against
  orjson.loads of the same bundle (import_ratio); its peak memory ÷ the bundle's size on
  disk is import_rss_ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import orjson

from supervise_tui.domain.models import now_utc
from supervise_tui.services.periods import parse_period
from supervise_tui.store import backups
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases import lookback

HERE = Path(__file__).resolve().parent


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def _team_once(repo, today: date, period: str = "all") -> float:
    for rel in [rel for rel in repo._dbs if rel.startswith("peers/")]:
        del repo._dbs[rel]
    began = time.perf_counter()
    members = lookback.team_members(repo)
    lookback.team_for(repo, members, parse_period(period, today), today)
    return time.perf_counter() - began


def measure_team(folder: Path, today: date, runs: int) -> dict:
    """The Team view for every active peer over all time, each peer's files read cold."""
    with open_folder(folder, read_only=True, clock=now_utc) as repo:
        return {"team_ms": _median_ms([_team_once(repo, today) for _ in range(runs)])}


def measure_team_pair(
    folder: Path, reference: Path, today: date, runs: int, period: str = "all"
) -> tuple[float, float]:
    """The Team view over ``period`` in ``folder`` and in ``reference``, taken in turns so
    that a busy moment slows both alike: the two medians (ms)."""
    with (
        open_folder(folder, read_only=True, clock=now_utc) as repo,
        open_folder(reference, read_only=True, clock=now_utc) as other,
    ):
        samples: tuple[list[float], list[float]] = ([], [])
        for _ in range(runs * 3):
            samples[0].append(_team_once(repo, today, period))
            samples[1].append(_team_once(other, today, period))
    return _median_ms(samples[0]), _median_ms(samples[1])


def _probe(what: str, folder: Path, bundle: Path) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    out = subprocess.run(
        [sys.executable, str(HERE / "transfer_probe.py"), what, str(folder), str(bundle)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.split()
    return float(out[-2]), float(out[-1])


def measure_transfer(folder: Path, work: Path, runs: int) -> dict:
    """Export everything, then import it into empty folders; with their references."""
    bundle = work / "bundle.json"
    exports, export_rss = [], []
    for _ in range(runs):
        bundle.unlink(missing_ok=True)
        seconds, rss = _probe("export", folder, bundle)
        exports.append(seconds)
        export_rss.append(rss)
    files = [folder / rel for rel in backups.data_files(folder)]
    size = bundle.stat().st_size
    reads, loads, dumps = [], [], []
    for _ in range(runs):
        began = time.perf_counter()
        for path in files:
            orjson.loads(path.read_bytes())
        reads.append(time.perf_counter() - began)
        began = time.perf_counter()
        data = orjson.loads(bundle.read_bytes())
        loads.append(time.perf_counter() - began)
        began = time.perf_counter()
        orjson.dumps(data, option=orjson.OPT_INDENT_2)
        dumps.append(time.perf_counter() - began)
        del data
    imports, import_rss = [], []
    for n in range(runs):
        target = work / f"imported-{n}"
        seconds, rss = _probe("import", target, bundle)
        imports.append(seconds)
        import_rss.append(rss)
    return {
        "bundle_mb": round(size / 2**20, 1),
        "export_ms": _median_ms(exports),
        "export_rss_mb": round(statistics.median(export_rss), 1),
        "read_files_ms": _median_ms(reads),
        "bundle_dumps_ms": _median_ms(dumps),
        "bundle_loads_ms": _median_ms(loads),
        "import_ms": _median_ms(imports),
        "import_rss_mb": round(statistics.median(import_rss), 1),
    }


def ratios(large: dict) -> dict:
    return {
        "export_ratio": round(
            large["export_ms"] / (large["read_files_ms"] + large["bundle_dumps_ms"]), 2
        ),
        "import_ratio": round(large["import_ms"] / large["bundle_loads_ms"], 2),
        "import_rss_ratio": round(large["import_rss_mb"] / large["bundle_mb"], 2),
    }


TARGETS = {"team_ratio": 2.0, "export_ratio": 3.0, "import_ratio": 5.0, "import_rss_ratio": 1.5}
