"""Group sessions and community-of-practice calls in the app, at 80×24: recording a call
from Home (g), bad input said beside its field with nothing written, the rotation on the
Team screen, and a peer's own view showing their words only."""

from __future__ import annotations

from datetime import datetime

from supervise_tui.domain.enums import GroupKind
from supervise_tui.domain.groups import GroupAction, GroupSession
from supervise_tui.ui.screens.group_session import GroupSessionScreen
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.usecases.groups import record_group

from ..conftest import fixed_clock
from .helpers import SIZE, build_app, choose, fill, focus, screen_text, settle, text_of, wait_for


async def open_form(pilot) -> GroupSessionScreen:
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, GroupSessionScreen)
    return pilot.app.screen


async def tick(pilot, selector: str, *names: str) -> None:
    """Tick these names in a check list, as space on each would."""
    checklist = await focus(pilot, selector)
    for index in range(checklist.option_count):
        checklist.highlighted = index
        label = str(checklist.get_option_at_index(index).prompt)[4:]
        if label.split(" (")[0] in names:
            await pilot.press("space")
    await pilot.pause()


async def test_a_supervisor_records_a_call_a_peer_led(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert "Peers present" in screen_text(app)
        await settle(pilot)  # who is next in turn: nobody has led one, so by name
        assert text_of(form.query_one("#next-in-turn")) == (
            "Next in turn to lead a call: Jordan Ellery"
        )
        assert form.query_one("#facilitator").value == team["peer"].id
        await tick(pilot, "#attendees", "Jordan Ellery", "Robin Takahashi")
        await settle(pilot)
        await tick(pilot, "#supervisors", "Dana Whitfield")
        await choose(pilot, "#facilitator", "Robin Takahashi")
        await fill(pilot, "#minutes", "45")
        await fill(pilot, "#case", "A tenant who stopped opening the door")
        await choose(pilot, "#case-by", "Jordan Ellery")
        await fill(pilot, "#practice", "Knock, wait, leave a note")
        words = form.query("#words Input")
        assert len(words) == 4  # two own questions for each peer ticked
        await fill(pilot, f"#{words[0].id}", "Patience is part of it")
        await fill(pilot, f"#{words[2].id}", "I can ask sooner")
        await fill(pilot, "#action-0", "Share the note template")
        await choose(pilot, "#owner-0", "Robin Takahashi")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
    (jordan,) = repo.groups(team["peer"].id)
    (robin,) = repo.groups(team["peer2"].id)
    assert jordan.facilitator_id == team["peer2"].id and jordan.minutes == 45
    assert jordan.words == {team["peer"].id: {"learned": "Patience is part of it"}}
    assert robin.words == {team["peer2"].id: {"learned": "I can ask sooner"}}
    assert robin.actions[0].owner == team["peer2"].id and robin.supervisor_ids == [team["sup"].id]
    assert jordan.when == datetime(2026, 11, 22, 15, 0)


async def test_bad_input_is_said_beside_its_field_and_nothing_is_written(repo, team):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await tick(pilot, "#attendees", "Jordan Ellery")
        await choose(pilot, "#facilitator", "Marcus Oyelaran")
        await fill(pilot, "#minutes", "30")
        await fill(pilot, "#case", "A rota clash")
        await pilot.press("f2")
        await settle(pilot)
        line = form.query_one("#attendee_ids-error")
        assert text_of(line) == "A group session needs at least two peers present."
        assert line.display and app.screen is form
        await tick(pilot, "#attendees", "Robin Takahashi")
        await pilot.press("f2")
        await settle(pilot)
        assert text_of(form.query_one("#facilitator_id-error")) == (
            "The facilitator must be one of those present."
        )
        assert not form.query_one("#attendee_ids-error").display
        assert form.query_one("#facilitator").has_focus
        await choose(pilot, "#facilitator", "Jordan Ellery")
        await choose(pilot, "#case-by", "Robin Takahashi")
        await fill(pilot, "#action-1", "Call the landlord")
        await choose(pilot, "#owner-1", "Marcus Oyelaran")  # not there
        await pilot.press("f2")
        await settle(pilot)
        assert text_of(form.query_one("#actions-error")) == (
            "Each action's owner must be someone present."
        )
        assert form.query_one("#owner-1").has_focus
        await pilot.press("escape")  # what was typed: asked first
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert repo.groups(team["peer"].id) == [] == repo.groups(team["peer2"].id)


def held_call(repo, team) -> None:
    record_group(
        repo,
        GroupSession(
            GroupKind.COP,
            datetime(2026, 11, 20, 14, 0),
            50,
            team["peer"].id,
            [team["peer"].id, team["peer2"].id],
            case="A neighbour dispute",
            case_by=team["peer2"].id,
            practice="Listen before suggesting",
            actions=[GroupAction("Find the mediation leaflet", team["peer2"].id)],
            words={
                team["peer"].id: {"learned": "Jordan's own lesson"},
                team["peer2"].id: {"learned": "Robin's own lesson"},
            },
        ),
        clock=fixed_clock,
    )


async def from_home(pilot, key: str) -> None:
    """From Home, once it has loaded: ``key``."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def test_the_team_screen_shows_who_led_the_last_calls_and_who_is_next(repo, team):
    held_call(repo, team)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await from_home(pilot, "t")
        await wait_for(lambda: "next: Robin" in screen_text(app))
        shown = " ".join(screen_text(app).split())
        assert "Last calls led by Jordan Ellery (Fri 20 Nov 2026); next: Robin Takahashi." in shown


async def test_a_peers_own_view_shows_their_group_sessions_with_their_own_words(repo, team):
    held_call(repo, team)
    app = build_app(repo, peer_name="Robin Takahashi")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        groups = app.screen.query_one("#groups")
        await wait_for(lambda: "Community-of-practice call" in text_of(groups))
        groups.scroll_visible(animate=False)
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "Fri 20 Nov 2026 14:00 · Community-of-practice call, 50 min" in shown
        assert "led by Jordan Ellery" in shown and "Practice to try: Listen" in shown
        assert "What I learned, or what I will take back to my work: Robin's own lesson" in shown
        assert "Jordan's own lesson" not in text_of(groups)


async def test_a_peer_who_opts_out_of_leading_is_skipped_in_the_rotation(repo, team):
    from supervise_tui.ui.dialogs.person import PersonForm

    held_call(repo, team)  # Jordan led the last: Robin would be next
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, PersonForm)
        await fill(pilot, "#name", "Casey Nguyen")
        await choose(pilot, "#leads-calls", "No, opted out of the rotation")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, HomeScreen))
    (casey,) = [p for p in repo.people() if p.name == "Casey Nguyen"]
    assert casey.leads_calls is False
    from supervise_tui.usecases.groups import team_rotation

    assert team_rotation(repo).next_name == "Robin Takahashi"  # Casey, never led, is skipped


async def test_history_lists_the_peers_group_sessions_and_one_recorded_by_mistake_goes(repo, team):
    from supervise_tui.ui.dialogs.groups import GroupsDialog
    from supervise_tui.ui.dialogs.reason import ReasonDialog
    from supervise_tui.ui.screens.history import HistoryScreen
    from supervise_tui.usecases.groups import groups_of

    from .helpers import highlight_peer, type_text

    held_call(repo, team)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Robin Takahashi")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await wait_for(lambda: "group sessions: g" in screen_text(app))
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GroupsDialog)
        assert "Practice to try: Listen before suggesting" in screen_text(app)
        listed = " ".join(label for label, _ in app.screen.options)
        assert "Community-of-practice call, 50 min, 2 peers, led by Jordan Ellery" in listed
        assert "Robin's own lesson" in listed and "Jordan's own lesson" not in listed
        assert "Peers: Jordan Ellery, Robin Takahashi" in listed
        assert "Supervisors:" not in listed  # the peers met among themselves
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ReasonDialog)
        shown = " ".join(screen_text(app).replace("│", " ").split())
        assert "Community-of-practice call, 50 min, 2 peers, led by Jordan Ellery" in shown
        await type_text(pilot, "Recorded twice")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: "No group sessions in this period." in screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
    assert groups_of(repo, team["peer"].id) == [] == groups_of(repo, team["peer2"].id)
    (kept,) = repo.groups(team["peer"].id)
    assert kept.removed.reason == "Recorded twice"


async def test_the_hours_screen_counts_group_time_for_each_peer_there(repo, team):
    held_call(repo, team)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await from_home(pilot, "H")
        below = app.screen.query_one("#below")
        await wait_for(lambda: "Group is time in group sessions and calls" in text_of(below))
        table = app.screen.query_one("DataTable")
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert str(rows["Jordan Ellery"][3]) == "50 min" == str(rows["Robin Takahashi"][3])


async def test_a_peer_records_a_call_they_led_from_their_own_view(repo, team):
    app = build_app(repo, peer_name="Jordan Ellery")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GroupSessionScreen)
        assert form.query_one("#attendees").selected == [team["peer"].id]
        assert form.query_one("#facilitator").value == team["peer"].id  # they led it
        await tick(pilot, "#attendees", "Robin Takahashi")
        await settle(pilot)
        await fill(pilot, "#minutes", "30")
        await fill(pilot, "#case", "Keeping boundaries with a neighbour")
        await choose(pilot, "#case-by", "Robin Takahashi")
        await fill(pilot, f"#{form.query('#words Input')[0].id}", "Jordan's own words")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: not isinstance(app.screen, GroupSessionScreen))
    (robin,) = repo.groups(team["peer2"].id)
    assert robin.facilitator_id == team["peer"].id and robin.words == {}
    assert repo.groups(team["peer"].id)[0].own_words() == {"learned": "Jordan's own words"}


async def test_a_peer_cannot_record_a_call_someone_else_led(repo, team):
    app = build_app(repo, peer_name="Jordan Ellery")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await tick(pilot, "#attendees", "Robin Takahashi")
        await settle(pilot)
        await choose(pilot, "#facilitator", "Robin Takahashi")
        await fill(pilot, "#minutes", "30")
        await fill(pilot, "#case", "Keeping boundaries with a neighbour")
        await choose(pilot, "#case-by", "Robin Takahashi")
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is form  # refused, still there with what was typed
        assert "by the peer who led it" in " ".join(str(n.message) for n in app._notifications)
    assert repo.groups(team["peer"].id) == [] and repo.groups(team["peer2"].id) == []


async def test_leaving_a_form_with_words_typed_asks_first(repo, team):
    from supervise_tui.ui.dialogs.confirm import ConfirmDialog

    async with build_app(repo).run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("escape")  # nothing typed: straight back
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        form = await open_form(pilot)
        await fill(pilot, "#case", "A tenant who stopped opening the door")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")  # stay: the words are still there
        await settle(pilot)
        assert pilot.app.screen is form
        assert form.query_one("#case").value == "A tenant who stopped opening the door"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
