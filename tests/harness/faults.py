"""A real full disk and a real read-only disk, through the real command line.

    python -m tests.harness.faults --out harness-out        (as root: it mounts a tmpfs)

Mounts a small tmpfs (2 MB), puts a fictional data folder on it (`supervise demo`, one
import so there is a backup to restore, and a copy whose derived files were deleted so
`check --repair` has to write), then fills the disk to the last byte and tries to write:
`supervise import`, `export -o` (onto the full disk), `restore --from`, `check --repair`,
and a save as the app makes it (tests/harness/save_child.py). Each must fail with exit 1
and one plain sentence saying the disk is full; leave every data folder byte for byte as
it was, and nothing half-made behind (no temp file, no `.partial` backup, no journal, no
half-written export). Once the space is freed, `check` passes and every one of them works.
Then the disk is remounted read-only and the same is tried again: exit 1 and a sentence
saying the disk is read-only, not a byte changed, and reading (`check`, `history`,
`team`, `export` to the screen) still works.

Without permission to mount (not root, or in a container that forbids it) it stops at
once and says why (the test is then skipped with that reason).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..conftest import folder_state
from .common import check_problems, cli_env, copy_folder, leftovers, run_cli

SIZE = "2m"
TIMEOUT = 60


class CannotMount(Exception):
    """Mounting a tmpfs is not permitted here: the reason."""


def mount_tmpfs(where: Path, size: str = SIZE) -> None:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        raise CannotMount("mounting a tmpfs needs root")
    if not shutil.which("mount"):
        raise CannotMount("there is no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise CannotMount(f"mount -t tmpfs was refused: {done.stderr.strip()}")


def remount(where: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True)


def unmount(where: Path) -> None:
    subprocess.run(["umount", str(where)], check=False, capture_output=True)


def fill(path: Path) -> int:
    """Write a file until the disk is full; return its size."""
    written = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for chunk in (1 << 16, 4096, 1):
            block = b"\0" * chunk
            while True:
                try:
                    written += os.write(fd, block)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    return written


@dataclass
class Report:
    attempts: int = 0
    refused: int = 0
    changed: int = 0  # refusals that changed a byte or left something half-made
    worked_after: int = 0
    failures: list[str] = field(default_factory=list)
    skipped: str | None = None
    seconds: int = 0


def run(out_dir: Path) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / "faults-work"
    if work.exists():
        unmount(work / "disk")
        shutil.rmtree(work)
    work.mkdir()
    started = time.monotonic()
    report = Report()
    disk = work / "disk"
    try:
        mount_tmpfs(disk)
    except CannotMount as why:
        report.skipped = str(why)
        return _finish(report, out_dir, work, started)
    try:
        _scenarios(work, disk, report)
    finally:
        unmount(disk)
    return _finish(report, out_dir, work, started)


def _finish(report: Report, out_dir: Path, work: Path, started: float) -> dict:
    report.seconds = round(time.monotonic() - started)
    data = report.__dict__.copy()
    (out_dir / "faults.json").write_text(json.dumps(data, indent=2) + "\n")
    (out_dir / "faults.txt").write_text(summary(data) + "\n")
    if not report.failures and not os.path.ismount(work / "disk"):
        shutil.rmtree(work, ignore_errors=True)
    return data


def _scenarios(work: Path, disk: Path, report: Report) -> None:
    env = cli_env(work / "config")
    outside = work / "outside"
    for name, peers, weeks in (("base", 3, 8), ("source-a", 1, 4), ("source-b", 2, 8)):
        ran = run_cli(
            ["demo", "--no-tui", "--peers", str(peers), "--weeks", str(weeks)],
            outside / name,
            env,
        )
        if ran.code:
            raise SystemExit(f"faults: supervise demo failed: {ran.err.strip()}")
    bundles = {}
    for name in ("source-a", "source-b"):
        bundles[name] = outside / f"{name}.json"
        ran = run_cli(["export", "--format", "json", "-o", str(bundles[name])], outside / name, env)
        if ran.code:
            raise SystemExit(f"faults: supervise export failed: {ran.err.strip()}")
    records, broken = disk / "records", disk / "broken"
    copy_folder(outside / "base", records)
    ran = run_cli(["import", str(bundles["source-a"])], records, env)  # so there is a backup
    if ran.code:
        raise SystemExit(f"faults: the first import failed: {ran.err.strip()}")
    backup = next(p.name for p in (records / "backups").iterdir() if "before-import" in p.name)
    copy_folder(outside / "base", broken)
    for p in (broken / "peers").glob("*/index-*.json"):
        p.unlink()
    shutil.copytree(records, outside / "records-as-it-was", symlinks=True)
    shutil.copytree(broken, outside / "broken-as-it-was", symlinks=True)

    writes = [  # (what, argv or None for the save child, data folder, a file it would make)
        ("import", ["import", str(bundles["source-b"])], records, None),
        (
            "export -o",
            ["export", "--format", "json", "-o", str(disk / "out.json")],
            records,
            disk / "out.json",
        ),
        (
            "export -o (Markdown, over a file)",
            ["export", "--format", "md", "--force", "-o", str(disk / "old.md")],
            records,
            None,
        ),
        ("restore", ["restore", "--from", backup, "--yes"], records, None),
        ("check --repair", ["check", "--repair"], broken, None),
        ("a save (draft, then the finished session)", None, records, None),
    ]

    (disk / "old.md").write_bytes(b"an earlier export, fictional\n")
    os.chmod(disk / "old.md", 0o600)

    # 1. the disk is full
    filler = disk / "filler"
    fill(filler)
    for what, argv, folder, made in writes:
        _refused(what, "full", argv, folder, made, env, disk, report)
    filler.unlink()
    _works_again("after the space was freed", writes, records, broken, env, report)

    # 2. the disk is read-only (as it was before the writes above)
    (disk / "old.md").write_bytes(b"an earlier export, fictional\n")
    copy_folder(outside / "records-as-it-was", records)
    copy_folder(outside / "broken-as-it-was", broken)
    for folder in (records, broken):  # no lock file: the first writer has to create one
        (folder / ".lock").unlink(missing_ok=True)
    remount(disk, "ro")
    try:
        for what, argv, folder, made in writes:
            _refused(what, "read-only", argv, folder, made, env, disk, report)
        for argv in (["check"], ["team"], ["export", "--format", "csv"], ["backups"]):
            ran = _cli(argv, records, env, report, f"{argv[0]} on the read-only disk")
            if ran is not None and ran.code != 0:
                report.failures.append(
                    f"{argv[0]} on the read-only disk: exit {ran.code}: {ran.err.strip()[:200]}"
                )
    finally:
        remount(disk, "rw")
    _works_again("after the disk was made writable again", writes, records, broken, env, report)


def _cli(argv, folder, env, report: Report, where: str):
    try:
        return run_cli(argv, folder, env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        report.failures.append(f"{where}: still running after {TIMEOUT}s (killed)")
        return None


def _save(folder: Path, env, report: Report, where: str):
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.harness.save_child", str(folder)],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired:
        report.failures.append(f"{where}: still running after {TIMEOUT}s (killed)")
        return None
    from .common import Ran

    return Ran(done.returncode, done.stdout, done.stderr, 0.0)


def _refused(what, fault, argv, folder, made, env, disk, report: Report) -> None:
    where = f"{what} on a {fault} disk"
    before = folder_state(folder)
    before_disk = sorted(p.name for p in disk.iterdir())
    report.attempts += 1
    ran = (
        _save(folder, env, report, where)
        if argv is None
        else _cli(argv, folder, env, report, where)
    )
    if ran is None:
        return
    problems = []
    lines = ran.err.strip().splitlines()
    if ran.code != 1:
        problems.append(f"exit {ran.code}, not 1")
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines on stderr, not 1: {lines[:3]}")
    words = "disk is full" if fault == "full" else "read-only"
    if words not in ran.err:
        problems.append(f"the message does not say the {words.replace('disk is ', 'disk is ')}")
    if "Traceback" in ran.err or "something unexpected" in ran.err:
        problems.append("an unexpected error")
    changed = []
    if (disk / "old.md").read_bytes() != b"an earlier export, fictional\n":
        changed.append("the earlier export was changed")
    if folder_state(folder) != before:
        changed.append("the data folder changed")
    left = leftovers(folder)
    if left:
        changed.append(f"half-made things left: {left[:5]}")
    if made is not None and made.exists():
        changed.append(f"{made.name} was left behind")
    if sorted(p.name for p in disk.iterdir()) != before_disk:
        changed.append("something was left on the disk beside the folders")
    stray = (
        [p.name for p in made.parent.iterdir() if p.name.startswith(f".{made.name}")]
        if made
        else []
    )
    if stray:
        changed.append(f"temp files of the export left: {stray}")
    if changed:
        report.changed += 1
    if not problems and not changed:
        report.refused += 1
    else:
        report.failures.append(f"{where}: " + "; ".join(problems + changed))


def _works_again(when, writes, records, broken, env, report: Report) -> None:
    for folder in (records, broken):
        ran = _cli(["check"], folder, env, report, f"check {when}")
        if ran is None:
            continue
        fine = ran.code == 0 or (
            folder == broken and all("--repair" in p for p in check_problems(ran.out))
        )
        if not fine:
            report.failures.append(f"check {when}: exit {ran.code}: {check_problems(ran.out)[:3]}")
    for what, argv, folder, made in writes:
        where = f"{what} {when}"
        ran = (
            _save(folder, env, report, where)
            if argv is None
            else _cli(argv, folder, env, report, where)
        )
        if ran is None:
            continue
        if ran.code != 0:
            report.failures.append(f"{where}: exit {ran.code}: {ran.err.strip()[:200]}")
        else:
            report.worked_after += 1
        if made is not None:
            made.unlink(missing_ok=True)
    for folder in (records, broken):
        ran = _cli(["check"], folder, env, report, f"check when all was done {when}")
        if ran is not None and ran.code != 0:
            report.failures.append(f"check when all was done {when}: {check_problems(ran.out)[:3]}")


def summary(report: dict) -> str:
    if report["skipped"]:
        return f"faults: skipped: {report['skipped']}"
    lines = [
        f"faults: {report['attempts']} writes on a full and a read-only tmpfs ({SIZE}) in "
        f"{report['seconds']}s: {report['refused']} refused cleanly (exit 1, one sentence, "
        f"not a byte changed, nothing half-made), {report['changed']} changed something; "
        f"{report['worked_after']} worked once the fault cleared",
        f"  failures: {len(report['failures'])}",
    ]
    lines += [f"    - {f}" for f in report["failures"][:40]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.harness.faults", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("harness-out"))
    args = parser.parse_args(argv)
    report = run(args.out)
    print(summary(report))
    if report["skipped"]:
        return 0
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
