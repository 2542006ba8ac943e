"""Sessions that forgive mistakes, at 80×24: finishing is asked, drafts are told apart,
resumed or discarded, a second start offers the first."""

from __future__ import annotations

from datetime import datetime

from supervise_tui.domain.enums import Section
from supervise_tui.ui.dialogs.confirm import ConfirmDialog
from supervise_tui.ui.dialogs.drafts import DraftsDialog
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.start_session import StartSessionScreen
from supervise_tui.usecases.sessions import save_draft

from ..conftest import fixed_clock, make_session
from .helpers import (
    SIZE,
    build_app,
    fill,
    highlight_peer,
    screen_text,
    settle,
    tick_and_start,
    wait_for,
)


async def start_session(pilot, team) -> SessionScreen:
    await highlight_peer(pilot, team["peer"].name)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StartSessionScreen)
    await tick_and_start(pilot)
    await wait_for(lambda: isinstance(pilot.app.screen, SessionScreen))
    await settle(pilot)
    await wait_for(lambda: bool(pilot.app.screen.query("#f__checkin__arriving")))
    return pilot.app.screen


async def test_f8_hammered_on_the_last_step_never_finishes_without_asking(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot, team)
        await pilot.press(*["f8"] * 12)  # quickly through every step, and on
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Nothing has been written" in app.screen.question
        await pilot.press("f8", "f8", "enter")  # Enter is "No": focus starts there
        await settle(pilot)
        assert app.screen is screen
        assert repo.sessions(team["peer"].id) == []  # nothing recorded
        assert len(repo.drafts()) == 1  # the draft is still there


async def test_finishing_names_the_steps_not_visited(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot, team)
        await fill(pilot, "#f__checkin__arriving", "Rested")
        await pilot.press("f6")
        await settle(pilot)
        question = app.screen.question
        for step in ("Strengths", "Role", "Concerns", "Goals", "Feedback", "Wrap-up"):
            assert step in question
        assert "Check-in" not in question  # written in
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("f9")  # skip strengths on purpose: not asked about any more
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "Strengths" not in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        await wait_for(lambda: len(repo.sessions(team["peer"].id)) == 1)
        assert screen is not app.screen


async def test_a_second_start_offers_the_draft_and_drafts_can_be_discarded(repo, team):
    first = make_session(team, when=datetime(2026, 11, 16, 9, 0))
    first.checkin.arriving = "Started on Monday"
    first.visited = ["review", "check_in"]
    save_draft(repo, first, clock=fixed_clock)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, team["peer"].name)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DraftsDialog)
        listing = dialog.query_one("OptionList")
        first_line = str(listing.get_option_at_index(0).prompt)
        assert "Resume" in first_line and "Mon 16 Nov 09:00" in first_line
        assert "2 of 9 steps" in first_line
        assert "Start a new session" in str(listing.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")  # a new one after all
        await settle(pilot)
        assert isinstance(app.screen, StartSessionScreen)
        await tick_and_start(pilot)
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("escape")  # back Home: two drafts now
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        await wait_for(lambda: len(app.screen.data.drafts) == 2)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DraftsDialog)
        lines = [str(o.prompt) for o in dialog.query_one("OptionList")._options]
        assert lines[0] != lines[1]  # told apart
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # not after all
        await settle(pilot)
        assert len(repo.drafts()) == 2
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert len(repo.drafts()) == 1
        assert app.screen is dialog  # the list stays, one line fewer
        await pilot.press("escape")
        await settle(pilot)
        await wait_for(lambda: len(app.screen.data.drafts) == 1)


async def test_the_peers_own_supervisor_is_ticked_to_begin_with(repo, team):
    import dataclasses

    from supervise_tui.usecases.people import save_person

    save_person(
        repo,
        dataclasses.replace(team["peer"], supervisor_ids=[team["sup2"].id]),
        clock=fixed_clock,
    )
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, team["peer"].name)
        await pilot.press("n")
        await settle(pilot)
        ticked = list(app.screen.query_one("#supervisors").selected)
        assert ticked == [team["sup2"].id]


async def test_in_a_peers_own_view_only_the_peer_signs(repo, team):
    from supervise_tui.ui.dialogs.signoff import SignOffDialog
    from supervise_tui.ui.screens.summary import SummaryScreen
    from supervise_tui.usecases.sessions import finish_session

    done = finish_session(repo, make_session(team), clock=fixed_clock)
    app = build_app(repo, peer_name=team["peer"].name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        people = {p.id: p for p in repo.people()}
        app.push_screen(SummaryScreen(done, people, repo.tracks(team["peer"].id)))
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SignOffDialog)
        assert [pid for _, pid in dialog.people] == [team["peer"].id]


def burst(app, text: str) -> None:
    """Keys as a fast typist or a paste sends them: all queued at once, none waited on."""
    from textual import events

    for ch in text:
        key = {" ": "space", "\t": "tab"}.get(ch, ch)
        app.post_message(events.Key(key, None if ch == "\t" else ch))


async def test_keys_typed_straight_after_f2_land_in_the_new_item(repo, team):
    from textual import events

    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot, team)
        await pilot.press("f8")  # strengths
        await settle(pilot)
        assert screen.current == "strengths"
        app.post_message(events.Key("f2", None))
        burst(app, "Hello_world")
        await settle(pilot)
        await wait_for(lambda: bool(screen.draft.strengths))
        sid = screen.draft.strengths[0].id
        typed = app.focused
        assert typed.id.startswith(f"f__strengths__{sid}")  # in the new item
        assert getattr(typed, "text", getattr(typed, "value", None)) == "Hello_world"


async def test_enter_moves_on_at_once_in_a_dialog_typed_at_full_speed(repo, team):
    from supervise_tui.ui.dialogs.first_run import FirstRunDialog

    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(FirstRunDialog())
        await settle(pilot)
        from textual import events

        burst(app, "Avery Sorensen")
        app.post_message(events.Key("enter", "\r"))
        burst(app, "Linden Street")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#name").value == "Avery Sorensen"
        assert dialog.query_one("#site").value == "Linden Street"


async def test_a_peers_own_view_says_late_gently(repo, team):
    from datetime import datetime as dt

    from supervise_tui.usecases.sessions import finish_session

    finish_session(repo, make_session(team, when=dt(2026, 10, 1, 10, 0)), clock=fixed_clock)
    app = build_app(repo, peer_name=team["peer"].name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_for(lambda: "late" in screen_text(app))
        shown = screen_text(app)
        assert "a little late" in shown
        assert "OVERDUE" not in shown and "LATE" not in shown


async def test_a_tab_in_a_fast_burst_moves_on_and_the_rest_lands_in_the_next_field(repo, team):
    from textual import events

    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot, team)
        await pilot.press("f8")  # strengths
        await settle(pilot)
        app.post_message(events.Key("f2", None))
        burst(app, "Listening\tStayed with a resident")
        await settle(pilot)
        await wait_for(lambda: bool(screen.draft.strengths))
        await wait_for(lambda: screen.draft.strengths[0].example != "")
        strength = screen.draft.strengths[0]
        assert (strength.skill, strength.example) == ("Listening", "Stayed with a resident")


async def test_editing_keys_in_a_fast_burst_stay_in_the_order_typed(repo, team):
    from textual import events

    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot, team)
        await fill(pilot, "#f__checkin__ratings__role_clarity__value", "4")
        for key in ("end", "ctrl+u", "5"):  # clear the field, type anew: all at once
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert screen.query_one("#f__checkin__ratings__role_clarity__value").value == "5"
        await fill(pilot, "#f__voices__check_in__peer", "")
        for key in ("a", "b", "backspace", "c", "home", "X"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert screen.query_one("#f__voices__check_in__peer").text == "Xac"
        await wait_for(lambda: screen.draft.voices[Section.CHECK_IN].peer == "Xac")


async def test_when_a_session_began_and_ended_is_shown_and_can_be_put_right(repo, team):
    from supervise_tui.ui.screens.summary import SummaryScreen

    from .helpers import finish

    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_session(pilot, team)
        while screen.current != "wrap_up":
            await pilot.press("f9")  # skip on to the wrap-up
            await settle(pilot)
        assert screen.current == "wrap_up"
        assert screen.query_one("#f__started").value == "15:00"  # opened at 15:00
        await fill(pilot, "#f__ended", "14:00")
        await finish(pilot)
        await settle(pilot)
        assert app.screen is screen  # an end before the start: back to the field
        assert app.focused.id == "f__ended"
        await fill(pilot, "#f__ended", "16.10")
        await finish(pilot)
        await wait_for(lambda: isinstance(app.screen, SummaryScreen))
        await settle(pilot)
        assert app.screen.session.minutes == 70
        assert "15:00–16:10 (70 minutes)" in screen_text(app)
