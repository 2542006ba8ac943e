"""The plain-text twins: history, trends, team (and --json), as scripts would use them."""

from __future__ import annotations

import json

import pytest

from ..conftest import fixed_clock
from .test_cli import run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lookback") / "demo"
    out = run("demo", "--data-dir", str(folder), "--peers", "3", "--weeks", "10", "--no-tui")
    assert out.returncode == 0, out.stderr
    return folder


def test_history_plain_and_json(demo_dir):
    out = run("history", "--peer", "jordan ellery", "--data-dir", str(demo_dir))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("History of Jordan Ellery (Maple Court)")
    header = next(line for line in lines if line.startswith("Date"))
    for column in ("Kind", "Supervisors", "Ratings", "Concerns raised", "Resolved"):
        assert column in header
    out = run(
        "history",
        "--peer",
        "Jordan Ellery",
        "--json",
        "--period",
        "last 30 days",
        "--data-dir",
        str(demo_dir),
    )
    data = json.loads(out.stdout)
    assert data["peer"] == "Jordan Ellery" and data["period"] == "last 30 days"
    assert all({"when", "ratings", "concerns_opened"} <= set(row) for row in data["sessions"])


def test_trends_plain_and_json_agree(demo_dir):
    out = run("trends", "--peer", "Jordan Ellery", "--data-dir", str(demo_dir))
    assert out.returncode == 0, out.stderr
    assert "Check-in ratings" in out.stdout and "Role clarity:" in out.stdout
    assert "Supervisors:" in out.stdout  # the supervisor's own follow-through
    data = json.loads(
        run("trends", "--peer", "Jordan Ellery", "--json", "--data-dir", str(demo_dir)).stdout
    )
    assert f"Sessions held: {data['sessions']} " in out.stdout
    assert data["ratings"]["role_clarity"]["direction"] in (
        "improving",
        "steady",
        "falling",
        "not enough data",
    )


def test_team_plain_json_and_filters(demo_dir):
    out = run("team", "--data-dir", str(demo_dir))
    assert out.returncode == 0, out.stderr
    assert "Jordan Ellery" in out.stdout and "recur across peers" in out.stdout
    data = json.loads(
        run("team", "--json", "--site", "Maple Court", "--data-dir", str(demo_dir)).stdout
    )
    assert [p["name"] for p in data["peers"]] == ["Jordan Ellery"]
    out = run("team", "--supervisor", "Dana Whitfield", "--data-dir", str(demo_dir))
    assert out.returncode == 0 and "peers of Dana Whitfield" in out.stdout


def test_unknown_name_lists_the_closest(demo_dir):
    out = run("trends", "--peer", "Jordon Elery", "--data-dir", str(demo_dir))
    assert out.returncode == 1
    assert "Did you mean: Jordan Ellery?" in out.stderr
    out = run("--peer", "Nobody At All", "--data-dir", str(demo_dir))
    assert out.returncode == 1 and "no peer specialist" in out.stderr


def test_bad_period_explains_with_examples(demo_dir):
    out = run(
        "history",
        "--peer",
        "Jordan Ellery",
        "--period",
        "the olden days",
        "--data-dir",
        str(demo_dir),
    )
    assert out.returncode == 1
    assert "since March" in out.stderr and "Traceback" not in out.stderr


def test_reports_work_while_the_app_holds_the_lock(demo_dir):
    from supervise_tui.store.folder import open_folder

    with open_folder(demo_dir, clock=fixed_clock):  # as if the TUI were open
        out = run("team", "--data-dir", str(demo_dir))
    assert out.returncode == 0, out.stderr
