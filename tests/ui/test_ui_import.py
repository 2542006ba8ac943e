"""Importing a bundle from Home (I), at 80×24: checked in full first, then imported as
one change with a bar showing how far it has gone; a sealed bundle asks its passphrase;
a missing, damaged or wrongly opened file changes nothing."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, ProgressBar

from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.export import export_bytes, seal_export
from supervise_tui.usecases.sessions import finish_session

from ..conftest import FIXED_NOW, PASS, fixed_clock, make_session
from .helpers import SIZE, build_app, screen_text, settle, type_text, wait_for


def _bundle(repo, team, tmp_path, *, sealed: bool = False):
    finish_session(repo, make_session(team), clock=repo.clock)
    raw = export_bytes(repo, "json", today=date(2026, 11, 22), now=FIXED_NOW)[0]
    path = tmp_path / ("from-site-a.bundle" if sealed else "from-site-a.json")
    path.write_bytes(seal_export(raw, PASS, PASS) if sealed else raw)
    return path


async def _open_import(pilot, path) -> None:
    await settle(pilot)
    await pilot.press("I")
    await settle(pilot)
    assert pilot.app.screen.sub_title == "Import a bundle"
    await type_text(pilot, str(path))
    await pilot.press("enter")
    await settle(pilot)


def _report(app) -> str:
    return str(app.screen.query_one("#report").render())


async def test_a_bundle_is_checked_then_imported_with_its_progress(repo, team, tmp_path):
    path = _bundle(repo, team, tmp_path)
    with open_folder(tmp_path / "site-b", clock=fixed_clock) as other:
        app = build_app(other)
        async with app.run_test(size=SIZE) as pilot:
            await _open_import(pilot, path)
            report = _report(app)
            assert "Sessions: 1 added" in report and "People: 3 added" in report
            assert "Press F2 to import it" in report
            assert other.people() == []  # checked, not written
            bar = app.screen.query_one("#progress", ProgressBar)
            assert not bar.display  # shown only while it works
            await pilot.press("f2")
            await settle(pilot)
            await wait_for(lambda: "Imported." in _report(app))
            assert "Sessions: 1 were" not in _report(app)
            assert "Sessions: 1 added" in _report(app)
            assert "backed up as" in _report(app)
            assert len(other.people()) == 3
            peer = next(p for p in other.people() if p.name == team["peer"].name)
            assert len(other.sessions(peer.id)) == 1
            assert bar.total == 1 and bar.progress == 1  # one peer's records, all done
            await pilot.press("f2")  # the same file again: it must be checked afresh
            await settle(pilot)
            assert len(other.sessions(peer.id)) == 1
            await pilot.press("escape")
            await settle(pilot)
            assert "Jordan" in screen_text(app)  # Home, with the imported peer on it


async def test_a_sealed_bundle_asks_its_passphrase_and_a_wrong_one_changes_nothing(
    repo, team, tmp_path
):
    path = _bundle(repo, team, tmp_path, sealed=True)
    with open_folder(tmp_path / "site-b", clock=fixed_clock) as other:
        app = build_app(other)
        async with app.run_test(size=SIZE) as pilot:
            await _open_import(pilot, path)
            assert "from-site-a.bundle is sealed" in screen_text(app)
            await type_text(pilot, "not the passphrase")
            await pilot.press("f2")
            await settle(pilot)
            assert "That passphrase does not open this bundle" in _report(app)
            assert other.people() == []
            app.screen.query_one("#path", Input).focus()
            await pilot.press("enter")
            await settle(pilot)
            await type_text(pilot, PASS)
            await pilot.press("f2")
            await settle(pilot)
            assert "Sessions: 1 added" in _report(app)
            await pilot.press("f2")
            await settle(pilot)
            await wait_for(lambda: "Imported." in _report(app))
            assert len(other.people()) == 3


async def test_a_missing_or_damaged_file_is_one_sentence_and_nothing_changes(repo, team, tmp_path):
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b'{"format": "supervise-tui-bundle", "format_version": 3, "people": [')
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await _open_import(pilot, tmp_path / "nowhere.json")
        assert "There is no bundle at" in _report(pilot.app)
        field = pilot.app.screen.query_one("#path", Input)
        field.value = str(damaged)
        await pilot.press("enter")
        await settle(pilot)
        assert _report(pilot.app).startswith("This bundle cannot be imported:")
        await pilot.press("f2")  # nothing checked: F2 does nothing
        await settle(pilot)
        assert len(repo.people()) == 4 and repo.sessions(team["peer"].id) == []
        field.value = ""
        await pilot.press("f5")
        await settle(pilot)
        assert "Type where the bundle file is" in _report(pilot.app)


async def test_a_bundle_with_nothing_new_says_so(repo, team, tmp_path):
    path = _bundle(repo, team, tmp_path)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await _open_import(pilot, path)
        assert "Nothing in it is new here" in _report(pilot.app)
        assert not pilot.app.screen.check_action("import", ())
