"""Putting a finished session right, at 80×24, by keys: correct it from its summary,
amend it once everyone signed (the signed version stays readable), withdraw it."""

from __future__ import annotations

from datetime import timedelta

from supervise_tui.domain.enums import RatingKey, SessionStatus
from supervise_tui.ui.dialogs.confirm import ConfirmDialog
from supervise_tui.ui.dialogs.drafts import DraftsDialog
from supervise_tui.ui.dialogs.reason import ReasonDialog
from supervise_tui.ui.screens.history import HistoryScreen
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.summary import SummaryScreen
from supervise_tui.usecases.sessions import finish_session, sign_session

from ..conftest import FIXED_NOW, full_session
from .helpers import (
    SIZE,
    build_app,
    fill,
    finish,
    highlight_peer,
    screen_text,
    settle,
    type_text,
    wait_for,
)


def held(repo, team, *, signed: bool = False):
    session = full_session(team)
    session.checkin.arriving = "Calm"
    done = finish_session(repo, session, clock=lambda: FIXED_NOW - timedelta(days=5))
    if signed:
        for who in (team["sup"].id, team["peer"].id):
            done = sign_session(repo, done, who, clock=lambda: FIXED_NOW - timedelta(days=4))
    return done


async def open_summary(pilot, team) -> SummaryScreen:
    """Home → the peer's history → Enter on the session."""
    await settle(pilot)
    await highlight_peer(pilot, team["peer"].name)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    await pilot.press("enter")
    await settle(pilot)
    await wait_for(lambda: isinstance(pilot.app.screen, SummaryScreen))
    return pilot.app.screen


async def correct_arriving(pilot, text: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    assert screen.sub_title.startswith("Correcting the session")
    await pilot.press("f8")  # check-in
    await settle(pilot)
    await fill(pilot, "#f__checkin__arriving", text)
    assert "Keep this correction?" in await finish(pilot)
    await settle(pilot)
    await wait_for(lambda: isinstance(pilot.app.screen, SummaryScreen))


async def test_before_everyone_signed_a_session_opens_again_and_is_corrected(repo, team):
    done = held(repo, team)
    sign_session(repo, done, team["sup"].id, clock=lambda: FIXED_NOW - timedelta(days=4))
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        summary = await open_summary(pilot, team)
        assert "c Correct" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert "Why (optional)" in screen_text(app)
        await pilot.press("enter")  # no reason needed before everyone signed
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        await settle(pilot)
        await correct_arriving(pilot, "Calm, and a bit tired")
        await settle(pilot)
        summary = app.screen
        assert "Awaiting sign-off from: Jordan Ellery, Dana Whitfield" in screen_text(app)
        notes = [n.message for n in app._notifications]
        assert any("Everyone signs the session again" in note for note in notes)
        assert summary.session.signoffs == []
    kept = repo.session(done.peer_id, done.id)
    assert kept.checkin.arriving == "Calm, and a bit tired"
    assert kept.status == SessionStatus.COMPLETED and kept.signoffs == []
    assert kept.amendments == [] and repo.drafts() == []


async def test_after_everyone_signed_a_correction_is_an_amendment_with_a_reason(repo, team):
    done = held(repo, team, signed=True)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(pilot, team)
        await pilot.press("c")
        await settle(pilot)
        assert "kept as an amendment" in screen_text(app)
        await pilot.press("f2")  # no reason yet
        await settle(pilot)
        assert isinstance(app.screen, ReasonDialog)
        assert "Please say why" in screen_text(app)
        await type_text(pilot, "Misheard at the start")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        await settle(pilot)
        await correct_arriving(pilot, "Rested")
        await settle(pilot)
        summary = app.screen
        assert len(summary.session.amendments) == 1
        summary.query_one("#summary-scroll").scroll_end(animate=False)
        await settle(pilot)
        assert "Misheard at the start" in screen_text(app)
        assert "o Signed version" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        original = app.screen
        assert isinstance(original, SummaryScreen) and original.kept_version
        assert "The version everyone signed before it was amended" in screen_text(app)
        assert "Calm" in screen_text(app) or original.session.checkin.arriving == "Calm"
        await pilot.press("c")  # nothing to correct in a kept version
        await pilot.press("s")
        await settle(pilot)
        assert app.screen is original
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is summary
    kept = repo.session(done.peer_id, done.id)
    assert kept.checkin.arriving == "Rested"
    assert kept.amendments[0].previous.checkin.arriving == "Calm"
    assert kept.amendments[0].reason == "Misheard at the start"
    assert kept.amendments[0].by == team["sup"].id  # the supervisor is offered first


async def test_a_correction_left_half_way_is_resumed_from_home(repo, team):
    done = held(repo, team)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(pilot, team)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await fill(pilot, "#f__checkin__arriving", "Half way")
        await pilot.press("escape")  # kept as a draft
        await settle(pilot)
        while not hasattr(app.screen, "action_resume"):
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, DraftsDialog)
        assert "correction of a finished" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        await settle(pilot)
        assert app.screen.draft.checkin.arriving == "Half way"
        assert app.screen.draft.correcting is not None
    assert repo.session(done.peer_id, done.id).checkin.arriving == "Calm"  # not yet kept


async def test_a_session_made_by_mistake_is_withdrawn_and_drops_out_of_the_figures(repo, team):
    held(repo, team)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        summary = await open_summary(pilot, team)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ReasonDialog)
        assert "cannot be undone" in screen_text(app)
        await type_text(pilot, "Started for the wrong peer")
        await pilot.press("f2")
        await settle(pilot)
        await wait_for(lambda: summary.session.status == SessionStatus.WITHDRAWN)
        await settle(pilot)
        assert "Withdrawn: kept as it was" in screen_text(app)
        assert "s Sign off" not in screen_text(app) and "c Correct" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen
        # read again on coming back (a worker: give a busy machine time)
        await wait_for(lambda: any(r.withdrawn for r in history.shown or []), timeout=30)
        await wait_for(lambda: "withdrawn" in screen_text(app), timeout=30)
    tally = repo.tallies()[team["peer"].id]
    assert (tally.sessions, tally.open_concerns, tally.awaiting_signoff) == (0, 0, 0)


async def test_in_a_peers_own_view_nothing_is_corrected_or_withdrawn(repo, team):
    done = held(repo, team)
    app = build_app(repo, peer_name=team["peer"].name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        people = {p.id: p for p in repo.people()}
        app.push_screen(SummaryScreen(done, people, repo.tracks(team["peer"].id)))
        await settle(pilot)
        summary = app.screen
        await pilot.press("c", "w")
        await settle(pilot)
        assert app.screen is summary
        assert "Correct" not in screen_text(app)
    kept = repo.session(done.peer_id, done.id)
    assert kept == done and kept.checkin.ratings[RatingKey.ROLE_CLARITY].value is None


async def test_a_correction_that_changes_nothing_says_so(repo, team):
    done = held(repo, team)
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(pilot, team)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(lambda: isinstance(app.screen, SessionScreen))
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        await wait_for(lambda: isinstance(app.screen, SummaryScreen))
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any("Nothing was changed" in note for note in notes)
    assert repo.session(done.peer_id, done.id) == done and repo.drafts() == []


async def test_a_summary_is_written_as_a_page_to_print_and_sign(repo, team, tmp_path):
    import stat

    from supervise_tui.ui.dialogs.export import ExportDialog

    held(repo, team, signed=True)
    target = tmp_path / "jordan-session.html"
    app = build_app(repo)
    async with app.run_test(size=SIZE) as pilot:
        summary = await open_summary(pilot, team)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "html" in [value for _, value in app.screen.formats]
        await fill(pilot, "#path", str(target))  # the format follows the ending
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is summary
    page = target.read_text()
    assert "<title>Supervision session — Jordan Ellery" in page
    assert page.count('class="signature"') == 2 and "Calm" in page
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
