"""Long work shows a bar on a terminal and nothing elsewhere; what the first screen does
not need is not loaded before it."""

from __future__ import annotations

import io
import subprocess
import sys

from supervise_tui.cli import common
from supervise_tui.ui import keys


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with common.progress("Importing peers") as report:
        assert report is not None
        for done in (1, 2, 3):
            report(done, 3)
    shown = terminal.getvalue()
    assert "Importing peers" in shown and "3/3" in shown


def test_no_bar_when_not_a_terminal(monkeypatch):
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    with common.progress("Importing peers") as report:
        assert report is None
    assert quiet.getvalue() == ""


def test_no_keymap_needs_no_screen_loaded(monkeypatch):
    def every_screen():
        raise AssertionError("every screen was imported to check an empty keymap")

    monkeypatch.setattr(keys, "all_bindings", every_screen)
    assert keys.user_keymap({}) == ({}, [])
    assert keys.user_keymap({"keymap": {}}) == ({}, [])


def test_the_command_line_and_a_plain_folder_load_no_trends_nor_argon2():
    code = (
        "import sys; import supervise_tui.cli, supervise_tui.store.folder, "
        "supervise_tui.usecases.people; "
        "print([m for m in ('argon2', 'supervise_tui.services.report', "
        "'supervise_tui.services.team') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
