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


# What the first paint of Home does not need: the history's types and rules, the session
# records (with no draft to show), the forms' widgets, the use cases of later actions,
# the prompt packs, and the libraries they use.
NOT_AT_START = [
    "supervise_tui.domain.models",
    "supervise_tui.domain.items",
    "textual.widgets._text_area",
    "textual.widgets._markdown",
    "markdown_it",
    "pygments",
    "dateutil",
    "argon2",
    "cryptography",
    "filelock",
    "statistics",
    "tomllib",
    "supervise_tui.domain.tracks",
    "supervise_tui.domain.rows",
    "supervise_tui.domain.derived",
    "supervise_tui.domain.team_tally",
    "supervise_tui.domain.validation",
    "supervise_tui.domain.contacts",
    "supervise_tui.domain.groups",
    "supervise_tui.store.records",
    "supervise_tui.store.packs",
    "supervise_tui.ui.widgets.fields",
    "supervise_tui.usecases.sessions",
    "supervise_tui.usecases.corrections",
    "supervise_tui.usecases.ideas",
    "supervise_tui.usecases.contacts",
    "supervise_tui.usecases.hours",
]

FIRST_PAINT = """
import sys
from pathlib import Path
from supervise_tui.domain.stamps import now_utc
from supervise_tui.store.folder import open_folder
import supervise_tui.ui.app, supervise_tui.ui.screens.home
from supervise_tui.services.home import home_rows
from supervise_tui.usecases.people import visible_people

repo = open_folder(Path(sys.argv[1]), check=False, backup=False, clock=now_utc)
rows = home_rows(visible_people(repo), repo.tallies(), now_utc().date())
assert rows and repo.drafts() is not None
print(" ".join(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_what_home_reads_for_its_first_paint_loads_nothing_later_actions_need(repo, team, data_dir):
    from supervise_tui.usecases.sessions import finish_session

    from ..conftest import make_session

    finish_session(repo, make_session(team), clock=repo.clock)
    repo.close()
    out = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(data_dir), *NOT_AT_START],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == ""


HELD = {"held": 3}
SURE = None  # (what the full read gives)
PEEKED = [  # a peer.json as written, and damaged in ways the full read refuses
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": {"text": "caf\xc3\xa9"}}}', SURE),
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": {"text": "\\ud83d\\ude00"}}}', SURE),
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": {"n": 1234567890123456789012345}}}', SURE),
    (b'{"goals": {}}', SURE),  # no tally kept yet
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": []}}', "unsure"),
    (b'{"tally": {"tally": {"held": 3}}, "goals": []}', "unsure"),
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": {"text": "cut', "unsure"),
    (b'{"tally": {"tally": {"held": 3}}, "extra": {}}', "unsure"),  # a table it does not know
    (b'{"tally": {"tally": 3}}', "unsure"),
    (b'{"tally": {"tally": {"held": "caf\xe9"}}}', "unsure"),
    (b'{"tally": {"tally": {"held": "\\ud800"}}}', "unsure"),
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": {"text": "\\ud800"}}}', "unsure"),
    (b"[]", "unsure"),
    (b"", "unsure"),
    # damaged only in the text of a document not asked for: passed over, and the full
    # read (opening what holds it, `supervise check`) still names it
    (b'{"tally": {"tally": {"held": 3}}, "goals": {"g1": {"text": "caf\xe9"}}}', "over"),
]
TABLES = ("tally", "goals")


def test_a_peek_at_one_document_is_the_full_read_or_leaves_the_file_to_it(tmp_path):
    """Home and the team view read one document of each peer.json without parsing the
    rest (store/peek.py): what it gives is what the full read gives, and any file the
    full read refuses is left to it (which names the damage), except damaged text in a
    document it does not read: that is passed over, and the full read still names it."""
    from supervise_tui.store.errors import DamagedFile
    from supervise_tui.store.peek import UNSURE, peek_doc
    from supervise_tui.store.storage import open_db

    for n, (raw, expected) in enumerate(PEEKED):
        (tmp_path / f"{n}.json").write_bytes(raw)
        try:
            full = open_db(tmp_path, f"{n}.json", read_only=True).table("tally").get_raw("tally")
        except DamagedFile:
            full = UNSURE
        peeked = peek_doc(tmp_path / f"{n}.json", "tally", "tally", TABLES)
        if expected is SURE:
            assert peeked == full and full is not UNSURE, raw
        elif expected == "unsure":
            assert peeked is UNSURE, raw
        else:
            assert peeked == HELD and full is UNSURE, raw
    assert peek_doc(tmp_path / "0.json", "tally", "tally", TABLES) == HELD
    assert peek_doc(tmp_path / "3.json", "tally", "tally", TABLES) is None
    assert peek_doc(tmp_path / "none.json", "tally", "tally", TABLES) is None


def test_the_app_s_opening_leaves_the_temp_sweep_to_its_upkeep(repo, team, data_dir):
    """The app opens without the look over every file, and sweeps a kill's temp files
    with it once Home shows; never while a journal owns them."""
    from supervise_tui.store.folder import open_folder
    from supervise_tui.usecases.sessions import finish_session

    from ..conftest import fixed_clock, make_session

    finish_session(repo, make_session(team), clock=repo.clock)
    repo.close()
    peer = data_dir / "peers" / team["peer"].id
    left = [
        data_dir / ".people.json.x1.tmp",
        peer / ".peer.json.x2.tmp",
        data_dir / "tallies" / ".0.json.x3.tmp",  # (the copy of the tallies' folder)
    ]
    for path in left:
        path.write_bytes(b"{half")
    store = open_folder(data_dir, clock=fixed_clock, check=False, backup=False)
    assert all(path.exists() for path in left)
    (data_dir / "journal.json").write_bytes(b"{}")  # (as if a save were under way)
    store.upkeep()
    assert all(path.exists() for path in left)
    store.close()
    (data_dir / "journal.json").unlink()
    store = open_folder(data_dir, clock=fixed_clock, check=False, backup=False)
    assert all(path.exists() for path in left)
    store.upkeep()
    assert not any(path.exists() for path in left)
    store.close()
    for path in left:
        path.write_bytes(b"{half")
    open_folder(data_dir, clock=fixed_clock, backup=False).close()  # the command line's way
    assert not any(path.exists() for path in left)


def test_the_collector_is_paused_for_bulk_work_and_left_as_it_was():
    import gc

    from supervise_tui.usecases.bulk import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
