"""What the outside harnesses share: running the real command line, and looking at a
data folder from the outside (hashes, leftovers, permissions, session ids).

Nothing here prints a record's contents: only file names, ids, counts and the app's
own one-line messages."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

# The real command line, as `supervise` runs it (the console script calls the same main).
SUPERVISE = [sys.executable, "-m", "supervise_tui"]
TEMP_SUFFIX = ".tmp"


def cli_env(config_dir: Path) -> dict[str, str]:
    """The environment for every `supervise` the harness starts: its own config folder
    (a crash log would land there), no default data folder, UTC."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERVISE_")}
    env["SUPERVISE_CONFIG_DIR"] = str(config_dir)
    env["TZ"] = "UTC"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass
class Ran:
    code: int
    out: str
    err: str
    seconds: float


def run_cli(
    args: list[str], data_dir: Path | None, env: dict[str, str], *, timeout: float = 120
) -> Ran:
    """Run `supervise [--data-dir DIR] ARGS` to the end (raises on timeout: a hang is a
    finding, and the caller reports it)."""
    cmd = [*SUPERVISE, *(["--data-dir", str(data_dir)] if data_dir else []), *args]
    started = time.monotonic()
    done = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=timeout, stdin=subprocess.DEVNULL
    )
    return Ran(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def start_cli(args: list[str], data_dir: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [*SUPERVISE, "--data-dir", str(data_dir), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def is_data_file(rel: Path) -> bool:
    return rel.suffix == ".json" and rel.parts[0] != "backups" and not rel.name.startswith(".")


def data_state(folder: Path) -> dict[str, str]:
    """The data files (backups, temps and the lock aside), by path, as hashes."""
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.json"))
        if p.is_file() and is_data_file(p.relative_to(folder))
    }


def every_file(folder: Path) -> dict[str, str]:
    """Every file under a folder (the lock aside), backups and temps too, as hashes:
    equal only when not a byte changed and nothing was left behind."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def leftovers(folder: Path) -> list[str]:
    """What a finished command must not leave: temp files, half-made backups, a journal."""

    def half_made(p: Path) -> bool:
        temp = p.name.startswith(".") and p.name.endswith(TEMP_SUFFIX)
        return temp or p.name.endswith(".partial") or p == folder / "journal.json"

    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if half_made(p))


def mode_problems(folder: Path) -> list[str]:
    """Every file must be 0600 and every folder 0700 (the data folder itself included)."""
    problems = []
    for p in [folder, *folder.rglob("*")]:
        try:
            st = p.lstat()
        except FileNotFoundError:
            continue
        mode = stat.S_IMODE(st.st_mode)
        if stat.S_ISDIR(st.st_mode) and mode != 0o700:
            problems.append(f"{p.relative_to(folder)}: folder is {mode:o}, not 700")
        elif stat.S_ISREG(st.st_mode) and mode != 0o600:
            problems.append(f"{p.relative_to(folder)}: file is {mode:o}, not 600")
    return problems


def session_ids(folder: Path) -> tuple[dict[str, int], list[str]]:
    """How many times each session id is stored (sessions-YYYY.json files), and the files
    that do not parse."""
    counts: dict[str, int] = {}
    bad = []
    for p in sorted((folder / "peers").glob("*/sessions-*.json")):
        try:
            doc = orjson.loads(p.read_bytes())
        except orjson.JSONDecodeError:
            bad.append(str(p.relative_to(folder)))
            continue
        for sid in doc.get("sessions", {}):
            counts[sid] = counts.get(sid, 0) + 1
    return counts, bad


def copy_folder(source: Path, dest: Path) -> None:
    """A copy that keeps modes (and hard links do not matter: a copy is a copy)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, symlinks=True)


def check_problems(out: str) -> list[str]:
    """The problem lines of `supervise check`'s report."""
    return [line[4:] for line in out.splitlines() if line.startswith("  - ")]
