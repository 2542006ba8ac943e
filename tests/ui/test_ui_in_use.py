"""A browser tab opened on records another window has (supervise serve): the app says
so over a read-only Home and offers to go on read-only, or to close."""

from __future__ import annotations

import pytest

from supervise_tui.store.folder import open_folder
from supervise_tui.ui.dialogs.in_use import InUseDialog
from supervise_tui.ui.screens.home import HomeScreen

from ..conftest import fixed_clock
from .helpers import SIZE, build_app, screen_text, settle


@pytest.fixture
def second_tab(repo, team):
    """The app on the same folder opened read-only while `repo` holds it, as a second
    browser tab has it."""
    store = open_folder(repo.root, clock=fixed_clock, read_only=True, check=False, backup=False)
    app = build_app(store)
    app.in_use_elsewhere = True
    yield app
    store.close()


async def test_a_second_tab_is_offered_the_records_read_only(second_tab, team):
    app = second_tab
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, InUseDialog)
        text = screen_text(app)
        assert "These records are open elsewhere" in text
        assert "Open read-only (Enter)" in text and "Close (Esc)" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "READ-ONLY" in text and team["peer"].name in text
        assert app.is_running


async def test_closing_the_offer_ends_the_tab_s_app(second_tab):
    app = second_tab
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not app.is_running


async def test_a_terminal_is_not_asked(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
