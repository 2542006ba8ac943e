"""The outside harnesses, with small counts, in every test run (marked `harness`).

The big runs are scripts with figures of their own (docs/reliability.md):
``python -m tests.harness.kill_cli --kills 500``, ``python -m tests.harness.hostile``,
``python -m tests.harness.faults``."""

from __future__ import annotations

import os
import sys

import pytest

pytestmark = [
    pytest.mark.harness,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL and POSIX modes"),
]


def test_kill_cli_at_random_moments_loses_nothing(tmp_path):
    from . import kill_cli

    kills = int(os.environ.get("SUPERVISE_HARNESS_KILLS", "20"))
    report = kill_cli.run(kills, 20261129, tmp_path / "out", size="small", lanes=2)
    print("\n" + kill_cli.summary(report))
    assert sum(k["kills"] for k in report["kinds"].values()) == kills
    assert not kill_cli.failures(report), kill_cli.summary(report)


def test_hostile_bundles_through_the_command_line_change_nothing(tmp_path):
    from . import hostile

    report = hostile.run(20261129, tmp_path / "out", flips=10, nowhere_too=False, heavy=False)
    print("\n" + hostile.summary(report))
    assert report["refused"] > len(hostile.CONTENT) - len(hostile.HEAVY)
    assert not report["failures"], hostile.summary(report)


def test_a_full_and_a_read_only_disk_through_the_command_line(tmp_path):
    from . import faults

    report = faults.run(tmp_path / "out")
    if report["skipped"]:
        pytest.skip(f"no real full or read-only disk here: {report['skipped']}")
    print("\n" + faults.summary(report))
    assert report["refused"] == report["attempts"] > 0
    assert not report["failures"], faults.summary(report)
