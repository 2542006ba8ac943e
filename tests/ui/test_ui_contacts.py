"""Noting an informal contact from Home, as a supervisor would between sessions: c, the
minutes, a line, Enter — and what Home then says about the peer."""

from __future__ import annotations

from datetime import datetime

from textual import events

from supervise_tui.domain.enums import Carry, ContactKind
from supervise_tui.ui.dialogs.contact import ContactDialog
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.usecases.contacts import contacts_of, note_contact

from ..conftest import fixed_clock
from .helpers import SIZE, build_app, choose, highlight_peer, settle, wait_for
from .test_ui_forgiving import burst


async def open_dialog(pilot, minutes: str = "") -> ContactDialog:
    """c on Jordan Ellery's line; ``minutes`` typed at full speed into the first field."""
    await settle(pilot)
    await highlight_peer(pilot, "Jordan Ellery")
    await pilot.press("c")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ContactDialog)
    if minutes:
        burst(pilot.app, minutes)
        await settle(pilot)
    return dialog


async def test_a_contact_in_ten_seconds_minutes_a_line_and_enter(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        assert "An informal contact with Jordan Ellery" in str(dialog.query_one("Static").render())
        # typed at full speed, Enter and all: nothing lands in the wrong field or is lost
        burst(app, "15")
        app.post_message(events.Key("enter", "\r"))
        burst(app, "Asked about the MI training dates")
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
        [kept] = repo.contacts(team["peer"].id)
        assert (kept.kind, kept.minutes, kept.about) == (
            ContactKind.CALL,
            15,
            "Asked about the MI training dates",
        )
        assert kept.when == datetime(2026, 11, 22, 15, 0)  # now, by the app's clock
        assert kept.carry == Carry.NOTHING
        await wait_for(
            lambda: "Informal contact since" in str(app.screen.query_one("#detail").render())
        )
        detail = str(app.screen.query_one("#detail").render())
        assert (
            "Informal contact since the last session: 1, 15 min (phone call Sun 22 Nov)" in detail
        )


async def test_the_kind_time_who_and_what_to_carry_can_be_chosen(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "5")
        await choose(pilot, "#kind", "Text message")
        await choose(pilot, "#by", "Marcus Oyelaran")
        await choose(pilot, "#carry", "Raise it as a concern at the next session")
        dialog.query_one("#when").value = "yesterday 18:30"
        dialog.query_one("#about").value = "A hard week with the rota"
        await pilot.press("f2")
        await settle(pilot)
        [kept] = repo.contacts(team["peer"].id)
        assert kept.kind == ContactKind.TEXT and kept.by == team["sup2"].id
        assert kept.when == datetime(2026, 11, 21, 18, 30) and kept.carry == Carry.CONCERN


async def test_what_cannot_be_kept_is_said_beside_the_field_and_the_dialog_stays(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press("f2")
        await settle(pilot)
        error = dialog.query_one("#minutes-error")
        assert "how many minutes" in str(error.render()) and error.display
        burst(app, "999")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert "from 1 to 720" in str(dialog.query_one("#minutes-error").render())
        dialog.query_one("#minutes").value = "20"
        dialog.query_one("#when").value = "tomorrow 9:00"
        await pilot.press("f2")
        await settle(pilot)
        assert "still ahead" in str(dialog.query_one("#when-error").render())
        assert app.screen is dialog and repo.contacts(team["peer"].id) == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert repo.contacts(team["peer"].id) == []


async def test_a_carried_contact_is_on_the_next_sessions_agenda(repo, team):
    from .test_ui_screens import start_session

    note_contact(
        repo,
        peer_id=team["peer"].id,
        by=team["sup"].id,
        kind="call",
        when=datetime(2026, 11, 21, 9, 0),
        minutes=10,
        about="the rota for December",
        carry="agenda",
        clock=fixed_clock,
    )
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await start_session(pilot)
        [draft] = repo.drafts()
        assert [a.text for a in draft.agenda] == [
            "From a phone call on Sat 21 Nov 2026: the rota for December"
        ]


def _noted(repo, team, day: int, minutes: int = 10, **kw) -> None:
    note_contact(
        repo,
        peer_id=team["peer"].id,
        by=team["sup"].id,
        kind=kw.pop("kind", "call"),
        when=datetime(2026, 11, day, 9, 0),
        minutes=minutes,
        clock=fixed_clock,
        **kw,
    )


async def test_history_lists_the_contacts_marked_informal_and_one_can_be_removed(repo, team):
    from supervise_tui.ui.dialogs.confirm import ConfirmDialog
    from supervise_tui.ui.dialogs.contacts import ContactsDialog
    from supervise_tui.ui.screens.history import HistoryScreen

    from .helpers import screen_text

    _noted(repo, team, 18, about="the rota")
    _noted(repo, team, 20, 25, kind="drop_in", about="a referral")
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await wait_for(lambda: "2 informal contact(s): c" in screen_text(app))
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ContactsDialog)
        shown = screen_text(app)
        assert "Fri 20 Nov 2026 09:00 · informal · Drop-in, 25 min with Dana" in shown
        await pilot.press("x")  # the newest, highlighted first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [c.about for c in contacts_of(repo, team["peer"].id)] == ["the rota"]
        await pilot.press("escape")
        await settle(pilot)
        await wait_for(lambda: "1 informal contact(s): c" in screen_text(app))


async def test_home_names_who_is_below_the_hours_target(repo, team, tmp_path, monkeypatch):
    from .helpers import screen_text

    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[hours]\ninformal = "30 minutes a month"\n')
    monkeypatch.setenv("SUPERVISE_CONFIG_DIR", str(config))
    _noted(repo, team, 18, 40)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_for(lambda: "Below the hours target" in screen_text(app))
        banner = str(app.screen.query_one("#below").render())
        assert "Robin Takahashi: 0 of 30 min informal per month so far this month" in banner
        assert "Jordan Ellery" not in banner  # 40 minutes of informal contact this month


async def test_a_choice_made_with_arrows_and_enter_typed_at_full_speed_is_the_one_kept(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "5")
        dialog.query_one("#carry").focus()
        await settle(pilot)
        app.post_message(events.Key("enter", "\r"))  # opens the choice
        await settle(pilot)
        for key in ("down", "down", "enter"):  # all at once, none waited on
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert dialog.query_one("#carry").value == Carry.CONCERN.value


async def test_in_their_own_view_a_peer_reads_their_contacts_and_cannot_remove_one(repo, team):
    from supervise_tui.ui.dialogs.contacts import ContactsDialog

    from .helpers import screen_text

    _noted(repo, team, 18, about="the rota")
    app = build_app(repo, peer_name=team["peer"].name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await wait_for(lambda: "1 informal contact(s): c" in screen_text(app))
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ContactsDialog)
        assert "x removes" not in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ContactsDialog)  # no question asked, nothing removed
    assert [c.about for c in contacts_of(repo, team["peer"].id)] == ["the rota"]
