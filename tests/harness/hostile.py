"""Hostile bundles through the real `supervise import`, from the outside.

    python -m tests.harness.hostile --seed 1 --out harness-out --flips 200

Builds a fictional folder and a valid bundle from another (`supervise demo`, `supervise
export`), then imports one hostile input after another: cut short, random byte flips,
huge strings, deep nesting, wrong types, duplicate ids, dates with time zones, years
0001 and 9999, /dev/zero, a FIFO, a folder, a symlink to /dev/zero, and more. Every
input goes both into the folder and into a data folder that does not exist yet.

For each one refused: exit code 1 (2 for a usage error), exactly one line on stderr,
nothing on stdout, no canary (a marker planted in the hostile part) and no person's name
from the bundle echoed, no crash log, and the folder byte for byte as it was (a folder
that did not exist still does not). Some random byte flips leave a valid bundle (a letter
changed in a text): those may import, and then `supervise check` must pass. No input may
take longer than the timeout (a FIFO must not hang the reader).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import folder_state
from .common import cli_env, copy_folder, run_cli

CANARY = "CANARY-7f3a9c-hostile"
TIMEOUT = 30


def _tree(raw: bytes) -> dict:
    return json.loads(raw)


def _dump(tree) -> bytes:
    return json.dumps(tree).encode()


def _edit(change: Callable[[dict], object]) -> Callable[[bytes], bytes]:
    def make(raw: bytes) -> bytes:
        tree = _tree(raw)
        change(tree)
        return _dump(tree)

    return make


PLACE = "@@hostile-place@@"


def _nest(depth: int, where: Callable[[dict, object], object]) -> Callable[[bytes], bytes]:
    """Put ``depth`` nested lists (around the canary) where ``where`` puts a value: spliced
    into the text, since no JSON encoder writes what is this deep."""

    def make(raw: bytes) -> bytes:
        tree = _tree(raw)
        where(tree, PLACE)
        return _dump(tree).replace(json.dumps(PLACE).encode(), _nest_text(depth), 1)

    return make


def _nest_text(depth: int) -> bytes:
    return b"[" * depth + json.dumps(CANARY).encode() + b"]" * depth


def _s0(tree: dict) -> dict:
    """The first session with a concern, an action and a sign-off (the demo has many)."""
    return next(s for s in tree["sessions"] if s["concerns"] and s["actions"] and s["signoffs"])


def _p0(tree: dict) -> dict:
    return tree["people"][0]


def _rating(tree: dict, value: object) -> None:
    _s0(tree)["checkin"]["ratings"]["workload"]["value"] = value


# name -> a function of the valid bundle's bytes giving the hostile bytes. Every one must
# be refused (exit 1) and change nothing.
CONTENT: dict[str, Callable[[bytes], bytes]] = {
    # cut short
    "cut to 1 byte": lambda raw: raw[:1],
    "cut in half": lambda raw: raw[: len(raw) // 2],
    "last brace missing": lambda raw: raw.rstrip()[:-1],
    "empty": lambda raw: b"",
    "only spaces": lambda raw: b"   \n\t  ",
    # not JSON, or not text
    "binary": lambda raw: bytes(range(256)) * 64,
    "invalid UTF-8": lambda raw: raw[:200] + b"\xff\xfe\xc3\x28" + raw[200:],
    "UTF-16": lambda raw: raw.decode().encode("utf-16"),
    "NUL bytes": lambda raw: raw.replace(b'"format"', b'"for\x00mat"', 1),
    "NaN": lambda raw: re.sub(rb"\"format_version\": \d+", b'"format_version": NaN', raw, count=1),
    "trailing garbage": lambda raw: raw + b"{" + CANARY.encode(),
    "two bundles": lambda raw: raw + raw,
    # huge
    "huge string (300 kB)": _edit(lambda t: _s0(t)["feedback"].update(text=CANARY * 20_000)),
    "huge string (50 MB)": _edit(lambda t: _s0(t)["checkin"].update(arriving=CANARY * 2_500_000)),
    "huge name": _edit(lambda t: _p0(t).update(name=CANARY * 1000)),
    "huge integer": _edit(lambda t: _p0(t).update(weekday=10**400)),
    "integer past 64 bits": _edit(lambda t: _p0(t).update(weekday=2**70)),
    "huge field name": _edit(lambda t: _p0(t).update({CANARY * 1000: 1})),
    "huge header field name": _edit(lambda t: t.update({CANARY * 1000: 1})),
    "a million people": _edit(lambda t: t.update(people=[{"name": CANARY}] * 1_000_000)),
    "10,000 copies of a concern": _edit(
        lambda t: _s0(t).update(concerns=[_s0(t)["concerns"][0]] * 10_000)
    ),
    # deep nesting
    "nesting 100 deep (a field)": _nest(100, lambda t, v: _s0(t).update(checkin=v)),
    "nesting 900 deep (a field)": _nest(900, lambda t, v: _s0(t).update(checkin=v)),
    "nesting 1000 deep (a field)": _nest(1000, lambda t, v: _s0(t).update(checkin=v)),
    "nesting 1000 deep (a text)": _nest(1000, lambda t, v: _s0(t)["feedback"].update(text=v)),
    "nesting 1000 deep (header)": _nest(1000, lambda t, v: t.update(site=v)),
    "nesting 1000 deep (a person)": _nest(1000, lambda t, v: t["people"].__setitem__(0, v)),
    "nesting 990 deep (a dict)": lambda raw: (
        raw.rstrip()[:-1] + b', "x": ' + b'{"a": ' * 990 + b"1" + b"}" * 990 + b"}"
    ),
    "nesting 100,000 deep": lambda raw: _nest_text(100_000),
    "nesting 10 million deep": lambda raw: b"[" * 10_000_000,
    # wrong types
    "top level a list": lambda raw: b"[" + raw + b"]",
    "top level a string": lambda raw: json.dumps(CANARY).encode(),
    "top level null": lambda raw: b"null",
    "people an object": _edit(lambda t: t.update(people={CANARY: 1})),
    "sessions a string": _edit(lambda t: t.update(sessions=CANARY)),
    "a session a list": _edit(lambda t: t["sessions"].__setitem__(0, [CANARY])),
    "a person a number": _edit(lambda t: t["people"].__setitem__(0, 12)),
    "id a number": _edit(lambda t: _p0(t).update(id=12345)),
    "id not an id": _edit(lambda t: _p0(t).update(id="../../" + CANARY)),
    "when a number": _edit(lambda t: _s0(t).update(when=1_700_000_000)),
    "when a list": _edit(lambda t: _s0(t).update(when=[CANARY])),
    "active a string": _edit(lambda t: _p0(t).update(active="yes " + CANARY)),
    "rating a string": _edit(lambda t: _rating(t, CANARY)),
    "rating out of range": _edit(lambda t: _rating(t, 99)),
    "rating a float": _edit(lambda t: _rating(t, 2.5)),
    "rating a bool": _edit(lambda t: _rating(t, True)),
    "weekday negative": _edit(lambda t: _p0(t).update(weekday=-1)),
    "role unknown": _edit(lambda t: _p0(t).update(role=CANARY)),
    "status unknown": _edit(lambda t: _s0(t).update(status=CANARY)),
    "format_version true": _edit(lambda t: t.update(format_version=True)),
    "format_version a string": _edit(lambda t: t.update(format_version="2")),
    "format_version negative": _edit(lambda t: t.update(format_version=-1)),
    "unknown field": _edit(lambda t: _s0(t).update({"x_" + CANARY: 1})),
    "control character": _edit(lambda t: _s0(t)["checkin"].update(arriving="\x07" + CANARY)),
    "control character in a key": _edit(lambda t: _s0(t).update({"\x1b[31m" + CANARY: 1})),
    "right-to-left override in a name": _edit(lambda t: _p0(t).update(name="\u202e" + CANARY)),
    # duplicate ids
    "duplicate person": _edit(lambda t: t["people"].append(t["people"][0])),
    "duplicate session": _edit(lambda t: t["sessions"].append(t["sessions"][0])),
    "duplicate JSON key": lambda raw: raw.replace(
        b'"format": "supervise-tui-bundle"',
        b'"format": "supervise-tui-bundle", "format": "' + CANARY.encode() + b'"',
        1,
    ),
    "session id is a person's id": _edit(lambda t: _s0(t).update(id=_p0(t)["id"])),
    "two peers share a concern id": _edit(
        lambda t: t["sessions"][-1]["concerns"].append(_s0(t)["concerns"][0])
    ),
    "unknown peer": _edit(lambda t: _s0(t).update(peer_id="00000000-0000-4000-8000-000000000000")),
    "a supervisor as the peer": _edit(lambda t: _s0(t).update(peer_id=_s0(t)["supervisor_ids"][0])),
    # dates
    "when with a time zone": _edit(lambda t: _s0(t).update(when=_s0(t)["when"] + "+05:30")),
    "when with Z": _edit(lambda t: _s0(t).update(when=_s0(t)["when"] + "Z")),
    "created_at without a zone": _edit(lambda t: _p0(t).update(created_at="2026-01-02T03:04:05")),
    "created_at +14:00": _edit(lambda t: _p0(t).update(created_at="2026-01-02T03:04:05+14:00")),
    "when in year 0001": _edit(lambda t: _s0(t).update(when="0001-01-01T00:00:00")),
    "when in year 9999": _edit(lambda t: _s0(t).update(when="9999-12-31T23:59:59")),
    "created_at in year 0001": _edit(lambda t: _p0(t).update(created_at="0001-01-01T00:00:00Z")),
    "updated_at in year 9999": _edit(lambda t: _p0(t).update(updated_at="9999-12-31T23:59:59Z")),
    "bundle created in year 0001": _edit(lambda t: t.update(created_at="0001-01-01T00:00:00Z")),
    "bundle created in year 9999": _edit(
        lambda t: t.update(created_at="9999-12-31T23:59:59+00:00")
    ),
    "session updated in 9999, every one": _edit(
        lambda t: [s.update(updated_at="9999-12-31T23:59:59Z") for s in t["sessions"]]
    ),
    "when 31 February": _edit(lambda t: _s0(t).update(when="2026-02-31T10:00:00")),
    "when 25 o'clock": _edit(lambda t: _s0(t).update(when="2026-02-03T25:00:00")),
    "when not a date": _edit(lambda t: _s0(t).update(when=CANARY)),
    "when year 10000": _edit(lambda t: _s0(t).update(when="10000-01-01T00:00:00")),
    "next session in year 0001": _edit(lambda t: _s0(t).update(next_session="0001-01-01")),
    "next session in year 9999": _edit(lambda t: _s0(t).update(next_session="9999-12-31")),
    "signed off in year 0001": _edit(
        lambda t: _s0(t)["signoffs"][0].update(at="0001-01-01T00:00:00Z")
    ),
    "signed off in year 9999": _edit(
        lambda t: _s0(t)["signoffs"][0].update(at="9999-12-31T23:59:59Z")
    ),
    "action due in year 0001": _edit(lambda t: _s0(t)["actions"][0].update(due="0001-01-01")),
    "action due in year 9999": _edit(lambda t: _s0(t)["actions"][0].update(due="9999-12-31")),
    "revision in year 9999": _edit(lambda t: _s0(t).update(revisions=["9999-12-31T23:59:59Z"])),
}

# The slowest few (tens of megabytes each): left out of the quick run in the test suite.
HEAVY = {"huge string (50 MB)", "a million people", "nesting 10 million deep"}

# Odd but valid: these may import (then check must pass) or be refused.
MAY_IMPORT = {
    "session id is a person's id",  # ids are unique per kind of record (docs/format.md)
    "created_at +14:00",  # a moment with its offset is still one moment
}


@dataclass
class Case:
    name: str
    args: list[str]  # the import's arguments (the data folder is added)
    expect: str  # "refused" (exit 1), "usage" (exit 2), "either" (0 with check passing, or 1)


def special_inputs(tmp: Path) -> list[Case]:
    """Inputs that are not regular files, or not there."""
    fifo = tmp / "a-fifo.json"
    os.mkfifo(fifo)
    folder = tmp / "a-folder.json"
    folder.mkdir()
    (tmp / "zero-link.json").symlink_to("/dev/zero")
    (tmp / "fifo-link.json").symlink_to(fifo)
    (tmp / "dangling-link.json").symlink_to(tmp / "nowhere")
    (tmp / "loop-a.json").symlink_to(tmp / "loop-b.json")
    (tmp / "loop-b.json").symlink_to(tmp / "loop-a.json")
    return [
        Case("/dev/zero", ["import", "/dev/zero"], "refused"),
        Case("/dev/urandom", ["import", "/dev/urandom"], "refused"),
        Case("a FIFO", ["import", str(fifo)], "refused"),
        Case("a symlink to a FIFO", ["import", str(tmp / "fifo-link.json")], "refused"),
        Case("a folder", ["import", str(folder)], "refused"),
        Case("a symlink to /dev/zero", ["import", str(tmp / "zero-link.json")], "refused"),
        Case("a dangling symlink", ["import", str(tmp / "dangling-link.json")], "refused"),
        Case("a symlink loop", ["import", str(tmp / "loop-a.json")], "refused"),
        Case("no such file", ["import", str(tmp / "not-there.json")], "refused"),
        Case("/proc/self/mem", ["import", "/proc/self/mem"], "refused"),
        Case("an empty path", ["import", ""], "refused"),
        Case("no file given", ["import"], "usage"),
        Case("two files given", ["import", "a.json", "b.json"], "usage"),
        Case("an unknown flag", ["import", "--frobnicate", "x.json"], "usage"),
    ]


@dataclass
class Outcome:
    cases: int = 0
    refused: int = 0
    imported: int = 0
    changed: int = 0  # refused inputs that changed a byte
    echoed: int = 0
    hangs: int = 0
    slowest: tuple[float, str] = (0.0, "")
    failures: list[str] = field(default_factory=list)


def _names(raw: bytes) -> list[str]:
    try:
        return [p["name"] for p in json.loads(raw)["people"] if len(p.get("name", "")) > 3]
    except (ValueError, KeyError, TypeError):
        return []


def attempt(case: Case, folder: Path, pristine: Path, env, secrets, out: Outcome) -> None:
    """One hostile input into ``folder`` (a copy of ``pristine``, or not there at all)."""
    before = folder_state(folder)
    existed = folder.exists()
    out.cases += 1
    where = f"{case.name} ({'into the folder' if existed else 'into no folder'})"
    started = time.monotonic()
    try:
        ran = run_cli(case.args, folder, env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        out.hangs += 1
        out.failures.append(f"{where}: still running after {TIMEOUT}s (killed)")
        return
    took = time.monotonic() - started
    out.slowest = max(out.slowest, (took, case.name))
    problems = []
    if any(s in ran.err or s in ran.out for s in secrets):
        out.echoed += 1
        problems.append("the message echoes the bundle's contents")
    if "something unexpected" in ran.err or "Traceback" in ran.err:
        problems.append(f"an unexpected error: {ran.err.strip()[:200]}")
    wanted = {"refused": (1,), "usage": (2,), "either": (0, 1)}[case.expect]
    if ran.code not in wanted:
        problems.append(f"exit {ran.code}, not {' or '.join(map(str, wanted))}")
    if ran.code == 0:
        out.imported += 1
        checked = run_cli(["check"], folder, env)
        if checked.code != 0:
            problems.append("imported, and then check fails")
    else:
        out.refused += 1
        lines = ran.err.strip().splitlines()
        if len(lines) != 1:
            problems.append(f"{len(lines)} lines on stderr, not 1")
        if ran.out.strip():
            problems.append("something on stdout")
        if folder_state(folder) != before or folder.exists() != existed:
            out.changed += 1
            problems.append("the folder changed")
    if took > 20:
        problems.append(f"took {took:.0f}s")
    if problems:
        out.failures.append(f"{where}: " + "; ".join(problems))
    # the next input starts from the folder as it was
    if folder.exists() and (ran.code == 0 or problems):
        shutil.rmtree(folder)
        if existed:
            copy_folder(pristine, folder)
    elif not existed and folder.exists():
        shutil.rmtree(folder)


def run(
    seed: int,
    out_dir: Path,
    *,
    flips: int = 200,
    size: tuple[int, int] = (3, 8),
    nowhere_too: bool = True,
    heavy: bool = True,
) -> dict:
    """Every hostile input into the folder, and (``nowhere_too``) into no folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "hostile-work"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    started = time.monotonic()
    config = work / "config"
    env = cli_env(config)
    pristine, source, bundle = work / "pristine", work / "source", work / "bundle.json"
    for folder, (peers, weeks) in ((pristine, size), (source, (2, 26))):
        ran = run_cli(
            ["demo", "--no-tui", "--peers", str(peers), "--weeks", str(weeks)], folder, env
        )
        if ran.code:
            raise SystemExit(f"hostile: supervise demo failed: {ran.err.strip()}")
    ran = run_cli(["export", "--format", "json", "-o", str(bundle)], source, env)
    if ran.code:
        raise SystemExit(f"hostile: supervise export failed: {ran.err.strip()}")
    raw = bundle.read_bytes()
    secrets = [CANARY, *_names(raw)]
    inputs = work / "inputs"
    inputs.mkdir()
    cases: list[Case] = []
    for i, (name, make) in enumerate(CONTENT.items()):
        if name in HEAVY and not heavy:
            continue
        path = inputs / f"content-{i}.json"
        path.write_bytes(make(raw))
        cases.append(
            Case(name, ["import", str(path)], "either" if name in MAY_IMPORT else "refused")
        )
    cases += special_inputs(inputs)
    rng = random.Random(seed)
    for i in range(flips):
        mutated = bytearray(raw)
        for _ in range(rng.choice((1, 1, 2, 8))):
            mutated[rng.randrange(len(mutated))] ^= 1 << rng.randrange(8)
        path = inputs / f"flip-{i}.json"
        path.write_bytes(bytes(mutated))
        cases.append(Case(f"byte flips #{i}", ["import", str(path)], "either"))
    outcome = Outcome()
    folder, nowhere = work / "records", work / "not-yet"
    copy_folder(pristine, folder)
    for case in cases:
        attempt(case, folder, pristine, env, secrets, outcome)
        if nowhere_too and not case.name.startswith("byte flips"):
            attempt(case, nowhere, pristine, env, secrets, outcome)
    crash_logs = sorted(str(p.relative_to(config)) for p in config.rglob("*") if p.is_file())
    if crash_logs:
        outcome.failures.append(f"crash logs were written: {crash_logs}")
    report = {
        "seed": seed,
        "inputs": len(cases),
        "attempts": outcome.cases,
        "refused": outcome.refused,
        "imported": outcome.imported,
        "refused_and_changed_a_byte": outcome.changed,
        "echoed_contents": outcome.echoed,
        "hangs": outcome.hangs,
        "seconds": round(time.monotonic() - started),
        "slowest": f"{outcome.slowest[1]} ({outcome.slowest[0]:.1f}s)",
        "failures": outcome.failures,
    }
    (out_dir / "hostile.json").write_text(json.dumps(report, indent=2) + "\n")
    (out_dir / "hostile.txt").write_text(summary(report) + "\n")
    if not outcome.failures:
        shutil.rmtree(work)
    return report


def summary(report: dict) -> str:
    lines = [
        f"hostile: {report['inputs']} hostile inputs ({report['attempts']} imports, into a "
        f"folder and into none) in {report['seconds']}s: {report['refused']} refused, "
        f"{report['imported']} imported (odd but valid, or a flipped bit left a valid "
        f"bundle, and check passed); refused inputs "
        f"that changed a byte {report['refused_and_changed_a_byte']}, messages echoing "
        f"contents {report['echoed_contents']}, hangs {report['hangs']}; the slowest: "
        f"{report['slowest']}",
        f"  failures: {len(report['failures'])}",
    ]
    lines += [f"    - {f}" for f in report["failures"][:60]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.hostile", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("harness-out"))
    parser.add_argument("--flips", type=int, default=200, help="randomly byte-flipped bundles")
    args = parser.parse_args(argv)
    report = run(args.seed, args.out, flips=args.flips)
    print(summary(report))
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
