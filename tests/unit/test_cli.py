"""The `supervise` command, run as a person would: in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supervise_tui import __version__
from supervise_tui.store.check import check


def run(*args: str, cwd: Path | None = None, env_extra: dict | None = None):
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "supervise_tui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and __version__ in out.stdout
    out = run("--help")
    assert out.returncode == 0
    for word in ("prompts", "demo", "check", "--data-dir"):
        assert word in out.stdout


def test_prompts_lists_packs_from_any_folder(tmp_path):
    out = run("prompts", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "weekly" in out.stdout and "monthly-agency" in out.stdout
    assert "Role negotiation" in out.stdout


def test_bad_user_pack_is_named_but_others_list(tmp_path):
    config = tmp_path / "config"
    (config / "prompts").mkdir(parents=True)
    (config / "prompts" / "oops.toml").write_text("id = 3\n")
    out = run("prompts", env_extra={"SUPERVISE_CONFIG_DIR": str(config)})
    assert out.returncode == 0
    assert "oops.toml" in out.stderr and "field id" in out.stderr
    assert "weekly" in out.stdout


@pytest.mark.parametrize(
    "args",
    [["--no-such-flag"], ["demo", "--peers", "many"], ["restore"], ["frobnicate"]],
)
def test_usage_errors_are_one_line_and_exit_2(args):
    out = run(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_demo_no_tui_creates_a_valid_fictional_dataset(tmp_path):
    folder = tmp_path / "demo"
    out = run("demo", "--data-dir", str(folder), "--peers", "3", "--weeks", "6", "--no-tui")
    assert out.returncode == 0, out.stderr
    assert "fictional" in out.stdout
    report = check(folder)
    assert report.ok, report.problems
    assert report.people == 6 and report.sessions >= 9
    # --data-dir after the subcommand, and `check` through the CLI
    out = run("check", "--data-dir", str(folder))
    assert out.returncode == 0 and "All well" in out.stdout
    out = run("--data-dir", str(folder), "check")
    assert out.returncode == 0


def test_demo_refuses_a_folder_with_real_records(tmp_path):
    folder = tmp_path / "real"
    out = run("demo", "--data-dir", str(folder), "--peers", "1", "--weeks", "1", "--no-tui")
    assert out.returncode == 0
    (folder / ".demo").unlink()  # now it looks like someone's real records
    before = sorted(p.name for p in folder.rglob("*"))
    out = run("demo", "--data-dir", str(folder), "--fresh", "--no-tui")
    assert out.returncode == 2 and "not a demo" in out.stderr
    assert sorted(p.name for p in folder.rglob("*")) == before


def test_demo_default_folder_is_not_the_data_folder(tmp_path):
    data = tmp_path / "mine"
    out = run(
        "demo",
        "--peers",
        "1",
        "--weeks",
        "2",
        "--no-tui",
        env_extra={"SUPERVISE_DATA_DIR": str(data)},
    )
    assert out.returncode == 0, out.stderr
    assert not data.exists()
    assert (tmp_path / "mine-demo" / "meta.json").exists()


def test_damaged_file_is_one_clear_sentence(tmp_path):
    folder = tmp_path / "d"
    run("demo", "--data-dir", str(folder), "--peers", "1", "--weeks", "2", "--no-tui")
    (folder / "people.json").write_bytes(b"\x00\x01garbage")
    out = run("check", "--data-dir", str(folder))
    assert out.returncode == 1
    assert "people.json: damaged" in out.stdout
    out = run("--data-dir", str(folder), "--read-only")
    assert out.returncode == 1
    assert "damaged" in out.stderr and "Traceback" not in out.stderr


def test_backups_and_restore(tmp_path):
    folder = tmp_path / "d"
    run("demo", "--data-dir", str(folder), "--peers", "1", "--weeks", "2", "--no-tui")
    from datetime import datetime

    from supervise_tui.store import backups

    name = backups.snapshot(folder, datetime(2030, 1, 1, 9, 0))
    (folder / "people.json").write_bytes(b"broken")
    out = run("backups", "--data-dir", str(folder))
    assert name in out.stdout
    out = run("restore", "--from", name, "--data-dir", str(folder), "--yes")
    assert out.returncode == 0, out.stderr
    assert "kept as backup" in out.stdout
    assert check(folder).ok
    out = run("restore", "--from", "nope", "--data-dir", str(folder))
    assert out.returncode == 1 and "no backup called" in out.stderr


def test_check_on_missing_folder(tmp_path):
    out = run("check", "--data-dir", str(tmp_path / "nothing"))
    assert out.returncode == 1 and "no records" in out.stderr
