"""Preferences that stick: the theme each person picks comes back at their next start;
the names of people are suggested as a name is typed."""

from __future__ import annotations

import json
import stat

from supervise_tui.store import preferences as prefs
from supervise_tui.store.folder import open_folder
from supervise_tui.ui.dialogs.person import PersonForm
from supervise_tui.ui.screens.home import HomeScreen

from ..conftest import PASS, fixed_clock
from .helpers import SIZE, build_app, settle, type_text, wait_for
from .test_ui_security import sign_in_as


async def test_a_theme_picked_comes_back_at_the_next_start(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")  # light, high contrast, ansi-dark
        await settle(pilot)
        assert app.theme == "ansi-dark"
    path = prefs.preferences_file()
    assert json.loads(path.read_text())["people"] == {prefs.ANYONE: {"theme": "ansi-dark"}}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # atomic

    again = build_app(repo)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "ansi-dark"  # applied at the start, nothing written again
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert again.theme == "ansi-light"
    assert prefs.preferences(prefs.ANYONE) == {"theme": "ansi-light"}


async def test_each_person_signed_in_gets_their_own_theme(locked_folder):
    data_dir, team, _ = locked_folder
    dana = open_folder(data_dir, clock=fixed_clock)
    app = build_app(dana)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in_as(pilot, "Dana Whitfield", PASS)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+t", "ctrl+t")
        await settle(pilot)
        assert app.theme == "high-contrast"
    dana.close()
    assert prefs.preferences(team["sup"].id) == {"theme": "high-contrast"}
    assert "Dana" not in prefs.preferences_file().read_text()  # ids, never names

    for name, secret, theme in (
        ("Jordan Ellery", "Jordan Ellery own words here", "textual-dark"),
        ("Dana Whitfield", PASS, "high-contrast"),
    ):
        store = open_folder(data_dir, clock=fixed_clock)
        app = build_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.theme == "textual-dark"  # nobody signed in yet
            await sign_in_as(pilot, name, secret)
            await wait_for(lambda app=app, theme=theme: app.theme == theme)
        store.close()


async def test_a_name_typed_is_completed_from_the_people_there(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")  # add a person
        await settle(pilot)
        assert isinstance(app.screen, PersonForm)
        await type_text(pilot, "rob")
        await settle(pilot)
        name = app.screen.query_one("#name")
        assert name._suggestion == "Robin Takahashi"  # shown after what was typed
        await pilot.press("right")  # takes it
        assert name.value == "Robin Takahashi"
