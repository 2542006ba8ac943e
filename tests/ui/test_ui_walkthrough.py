"""The whole session, as a supervisor and a peer would do it, at 80×24."""

from __future__ import annotations

import shutil
from datetime import date

from supervise_tui.domain.enums import (
    ConcernCategory,
    ConcernStatus,
    Role,
    SessionStatus,
)
from supervise_tui.domain.models import Concern
from supervise_tui.domain.serial import to_data
from supervise_tui.store.folder import open_folder
from supervise_tui.ui.dialogs.signoff import SignOffDialog
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.summary import SummaryScreen
from supervise_tui.usecases.security import sign_in
from supervise_tui.usecases.sessions import finish_session

from ..conftest import fixed_clock, make_session
from ..whole_session import ANSWERS, assert_whole_session, comparable, run_plain
from .helpers import (
    SIZE,
    build_app,
    choose,
    fill,
    finish,
    highlight_peer,
    settle,
    tick_and_start,
    type_text,
    wait_for,
)


async def add_people_from_first_run(pilot) -> None:
    from supervise_tui.ui.dialogs.access import AccessChoiceDialog
    from supervise_tui.ui.dialogs.first_run import FirstRunDialog
    from supervise_tui.ui.dialogs.person import PersonForm
    from supervise_tui.ui.dialogs.recovery_key import RecoveryKeyDialog

    await pilot.press("a")  # first run: you, your site and your passphrase
    await settle(pilot)
    assert isinstance(pilot.app.screen, FirstRunDialog)
    await type_text(pilot, "Dana Whitfield")
    await pilot.press("enter")  # Enter moves on to the next field
    await type_text(pilot, "Maple Court")
    await pilot.press("enter")
    await type_text(pilot, "short")
    await pilot.press("enter")
    await type_text(pilot, "short")
    await pilot.press("enter")
    await settle(pilot)
    await wait_for(lambda: pilot.app.screen.query("#dialog-error").first().display)
    assert "at least" in str(pilot.app.screen.query_one("#dialog-error").render())
    assert pilot.app.screen.query_one("#passphrase").value == ""  # never kept on screen
    await type_text(pilot, "maple court mornings")
    await pilot.press("enter")
    await type_text(pilot, "maple court mornings")
    await pilot.press("enter")
    await wait_for(lambda: isinstance(pilot.app.screen, RecoveryKeyDialog))
    code = pilot.app.screen.code
    assert code and code in str(pilot.app.screen.query_one("#code").render())
    await pilot.press("enter")  # I have kept it
    await settle(pilot)
    assert isinstance(pilot.app.screen, PersonForm)
    assert "first peer" in pilot.app.screen.title_text
    await type_text(pilot, "Jordan Ellery")
    await pilot.press("enter")
    await settle(pilot)
    # How will Jordan sign in? Jordan is at the keyboard and types a passphrase.
    assert isinstance(pilot.app.screen, AccessChoiceDialog)
    await pilot.press("p")
    await settle(pilot)
    await type_text(pilot, "jordan walks the dog")
    await pilot.press("enter")
    await type_text(pilot, "jordan walks the dog")
    await pilot.press("enter")
    await wait_for(lambda: isinstance(pilot.app.screen, HomeScreen))
    await wait_for(lambda: len(pilot.app.store.readable_peers()) == 1)


async def test_a_whole_session_as_people_would_do_it(repo, data_dir, tmp_path, monkeypatch, capsys):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await add_people_from_first_run(pilot)
        people = {p.name: p for p in repo.people()}
        twin = tmp_path / "twin"  # the records as they are before the session, for below
        shutil.copytree(data_dir, twin, ignore=shutil.ignore_patterns(".lock", "backups"))
        assert people["Dana Whitfield"].role == Role.SUPERVISOR
        assert people["Dana Whitfield"].site == "Maple Court"
        assert people["Jordan Ellery"].role == Role.PEER

        # Start the session: the peer is highlighted, the only supervisor pre-ticked.
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.current == "check_in"  # nothing to review the first time

        # Check-in
        await fill(pilot, "#f__checkin__arriving", "Tired 🌱")
        await fill(pilot, "#f__checkin__ratings__role_clarity__value", "4")
        await fill(pilot, "#f__checkin__ratings__role_clarity__note", "clearer")
        await fill(pilot, "#f__checkin__ratings__workload__value", "7")  # out of range
        message = screen.query_one("#e__checkin__ratings__workload__value")
        assert message.display and "1 to 5" in str(message.render())
        await fill(pilot, "#f__checkin__ratings__workload__value", "2")
        assert not message.display
        await fill(pilot, "#f__voices__check_in__peer", "Went well.")

        # Strengths (before concerns)
        await pilot.press("f8")
        assert screen.current == "strengths"
        await pilot.press("f2")
        await settle(pilot)
        sid = screen.draft.strengths[0].id
        await type_text(pilot, "Listening")
        await fill(pilot, f"#f__strengths__{sid}__example", "Stayed calm")
        await choose(pilot, f"#f__strengths__{sid}__noticed_by", "Client feedback")

        # Role negotiation
        await pilot.press("f8")
        assert screen.current == "role"
        await pilot.press("f2")
        await settle(pilot)
        rid = screen.draft.role_items[0].id
        await type_text(pilot, "Med logs")
        await choose(pilot, f"#f__role_items__{rid}__function", "None of the four")
        await choose(pilot, f"#f__role_items__{rid}__fit", "Drifting from the peer role")
        await fill(pilot, f"#f__role_items__{rid}__rationale", "Nurse off")
        await choose(pilot, f"#f__role_items__{rid}__decision", "Hand it off")

        # Concerns
        await pilot.press("f8")
        await pilot.press("f2")
        await settle(pilot)
        cid = screen.draft.concerns[0].id
        await type_text(pilot, "Not invited")
        await choose(pilot, f"#f__concerns__{cid}__category", "Team culture or stigma")
        await fill(pilot, f"#f__concerns__{cid}__follow_up", "31/02")
        assert "not a real date" in str(
            screen.query_one(f"#e__concerns__{cid}__follow_up").render()
        )
        await fill(pilot, f"#f__concerns__{cid}__follow_up", "friday")
        assert "Fri 27 Nov 2026" in str(
            screen.query_one(f"#e__concerns__{cid}__follow_up").render()
        )

        # Ideas and what clients are saying
        await pilot.press("f8")
        assert screen.current == "ideas"
        await pilot.press("f2")
        await settle(pilot)
        iid = screen.draft.ideas[0].id
        await type_text(pilot, "Clients ask for a later group")
        await choose(pilot, f"#f__ideas__{iid}__kind", "What the people we serve are saying")

        # Goals
        await pilot.press("f8")
        await pilot.press("f2")
        await settle(pilot)
        gid = screen.draft.goals[0].id
        await type_text(pilot, "Lead a call")
        await choose(pilot, f"#f__goals__{gid}__area", "Leading a community-of-practice call")
        await fill(pilot, f"#f__goals__{gid}__progress", "20")

        # Feedback on supervision
        await pilot.press("f8")
        assert screen.current == "feedback"
        await fill(pilot, "#f__feedback__ratings__understands_role", "5")
        await fill(pilot, "#f__feedback__text", "Helps. סבבה")

        # Wrap-up
        await pilot.press("f8")
        assert screen.current == "wrap_up"
        await pilot.press("f2")
        await settle(pilot)
        aid = screen.draft.actions[0].id
        await type_text(pilot, "Ask agency")
        await choose(pilot, f"#f__actions__{aid}__owner", "Dana Whitfield (supervisor)")
        await fill(pilot, f"#f__actions__{aid}__due", "in 1 week")
        await fill(pilot, "#f__voices__wrap_up__peer", "Thanks.")
        await fill(pilot, "#f__learning", "Ask before fixing.")

        # Go back and change something: nothing typed is lost on the way.
        await pilot.press("f7", "f7")
        assert screen.current == "goals"
        await fill(pilot, f"#f__goals__{gid}__progress", "25")
        assert screen.query_one(f"#f__goals__{gid}__text").value == ("Lead a call")

        # Finish, then mutual sign-off.
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("s")  # Dana, signed in, signs first
        await settle(pilot)
        await type_text(pilot, "Fair record")
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("s")  # then Jordan, beside her: with Jordan's own passphrase
        await settle(pilot)
        await pilot.press("f2")  # not typed: asked for, nothing signed
        await settle(pilot)
        assert "own passphrase" in str(app.screen.query_one("#dialog-error").render())
        await fill(pilot, "#vouch", "not jordans words")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: not isinstance(app.screen, SignOffDialog))
        assert app.screen.session.status != SessionStatus.ACKNOWLEDGED  # refused
        await pilot.press("s")
        await settle(pilot)
        await fill(pilot, "#vouch", "jordan walks the dog")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: app.screen.session.status == SessionStatus.ACKNOWLEDGED)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    peer = people["Jordan Ellery"]
    sup = people["Dana Whitfield"]
    (stored,) = repo.sessions(peer.id)
    assert_whole_session(stored, peer, sup)
    assert repo.drafts() == []

    # The same answers piped into the plain line-by-line mode keep the same record: the
    # same fields, the same items (Dana signs in as herself; Jordan types his own).
    monkeypatch.setenv("SUPERVISE_PASSPHRASE", "maple court mornings")
    answers = [*ANSWERS[:-4], "yes", "Fair record", "yes", "", "jordan walks the dog"]
    code, out, err = run_plain(
        twin,
        answers,
        "--peer",
        "Jordan Ellery",
        "--as",
        "Dana Whitfield",
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert code == 0, err
    with open_folder(twin, clock=fixed_clock) as store:
        sign_in(store, "Dana Whitfield", "maple court mornings")
        (piped,) = store.sessions(peer.id)
    assert "jordan walks the dog" not in out  # a passphrase is never written back
    assert comparable(to_data(piped)) == comparable(to_data(stored))


async def test_quitting_mid_session_loses_nothing(repo, team, data_dir):
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("n")
        await settle(pilot)
        await tick_and_start(pilot)
        await settle(pilot)
        screen = app.screen
        await fill(pilot, "#f__checkin__arriving", "Half way")
        await pilot.press("f8", "f8", "f8", "f2")  # to concerns, add one
        await settle(pilot)
        cid = screen.draft.concerns[0].id
        await type_text(pilot, "Caseload")
        await fill(pilot, f"#f__concerns__{cid}__follow_up", "31/02")  # not valid yet
        draft_id = screen.draft.id
        # The autosave lands within moments, without any key to save.
        await wait_for(
            lambda: any(
                d.id == draft_id and d.concerns and d.concerns[0].text == "Caseload" and d.pending
                for d in repo.drafts()
            )
        )
        app.exit()  # not via quit: like a closed terminal, no chance to save more
    repo.close()

    again = open_folder(data_dir, clock=fixed_clock)
    app = build_app(again)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#drafts")
        assert banner.display and "Jordan Ellery" in str(banner.render())
        await pilot.press("r")
        await settle(pilot)
        listing = str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        assert "Jordan Ellery" in listing and "last change" in listing
        await pilot.press("enter")  # resume the one highlighted
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.current == "concerns"  # where they were
        assert screen.query_one(f"#f__concerns__{cid}__text").text == "Caseload"
        assert screen.query_one(f"#f__concerns__{cid}__follow_up").value == "31/02"
        await pilot.press("f7", "f7", "f7")
        await settle(pilot)
        assert screen.current == "check_in"
        assert screen.query_one("#f__checkin__arriving").value == "Half way"
        # Finishing is held back until the date is fixed, and says where.
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.focused.id == f"f__concerns__{cid}__follow_up"
        await fill(pilot, f"#f__concerns__{cid}__follow_up", "tomorrow")
        await choose(pilot, f"#f__concerns__{cid}__category", "Workload")
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    (stored,) = again.sessions(team["peer"].id)
    assert stored.concerns[0].follow_up == date(2026, 11, 23)
    again.close()


async def test_second_session_reviews_the_first_ones_open_items(repo, team):
    first = make_session(team)
    first.concerns.append(
        Concern(
            "No private room for one-to-ones", ConcernCategory.ORGANISATIONAL, owner=team["sup"].id
        )
    )
    finish_session(repo, first, clock=repo.clock)
    concern_id = first.concerns[0].id
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("n")
        await settle(pilot)
        await tick_and_start(pilot)
        await settle(pilot)
        screen = app.screen
        assert screen.current == "review"
        text = screen.query_one(f"#card__review-concern__{concern_id}")
        assert "No private room for one-to-ones" in str(text.query_one(".item-text").render())
        await choose(pilot, f"#f__review__concern__{concern_id}__status", "Resolved")
        await fill(pilot, f"#f__review__concern__{concern_id}__note", "Room booked")
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Room booked" in app.screen.query_one("#summary")._markdown
    track = repo.tracks(team["peer"].id).concerns[concern_id]
    assert track.current.status == ConcernStatus.RESOLVED
    assert track.current.resolution_note == "Room booked"
    assert repo.tallies()[team["peer"].id].open_concerns == 0


async def test_leaving_an_item_unchanged_records_no_update(repo, team):
    first = make_session(team)
    first.concerns.append(Concern("Forms", ConcernCategory.WORKLOAD))
    finish_session(repo, first, clock=repo.clock)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("n")
        await settle(pilot)
        await tick_and_start(pilot)
        await settle(pilot)
        await finish(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    second = [s for s in repo.sessions(team["peer"].id) if s.id != first.id][0]
    assert second.concern_updates == []
    assert repo.tallies()[team["peer"].id].open_concerns == 1
