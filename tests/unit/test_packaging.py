"""The prompt packs ship inside the wheel and are found after a plain install."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import supervise_tui
from supervise_tui.store.packs import builtin_dir

ROOT = Path(__file__).resolve().parent.parent.parent


def test_installed_package_finds_its_packs_from_any_folder(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import supervise_tui.store.packs as p; print(p.builtin_dir()); "
            "print(sorted(x.name for x in p.builtin_dir().glob('*.toml')))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    folder, names = out.stdout.splitlines()
    assert "weekly.toml" in names and "monthly-agency.toml" in names
    installed_from_source = Path(supervise_tui.__file__).resolve().parent.parent == ROOT
    if not installed_from_source:  # a real (non-editable) install: packs inside the package
        assert folder.endswith("_packs")


def test_builtin_dir_exists():
    assert (builtin_dir() / "weekly.toml").exists()


def test_wheel_contains_the_prompt_packs(tmp_path):
    pytest.importorskip("hatchling")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("supervise_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for pack in ("weekly", "monthly-agency", "informal", "joint-call"):
        assert f"supervise_tui/_packs/{pack}.toml" in names
    # supervise serve's own page, script, style and font (nothing loaded from elsewhere)
    page = "supervise_tui/cli/serve/page/"
    for part in (
        "index.html",
        "static/page.css",
        "static/page.js",
        "static/fonts/RobotoMono-VariableFont_wght.ttf",
        "static/fonts/LICENSE.txt",
    ):
        assert page + part in names, part
