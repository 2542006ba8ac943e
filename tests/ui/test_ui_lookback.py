"""History, items, trends, team and the peer's own view, driven at 80×24."""

from __future__ import annotations

import pytest

from supervise_tui.domain.enums import Role
from supervise_tui.ui.screens.history import HistoryScreen
from supervise_tui.ui.screens.home import HomeScreen
from supervise_tui.ui.screens.items import ItemsScreen, TimelineScreen
from supervise_tui.ui.screens.peer_view import PeerViewScreen
from supervise_tui.ui.screens.session import SessionScreen
from supervise_tui.ui.screens.summary import SummaryScreen
from supervise_tui.ui.screens.team import TeamScreen
from supervise_tui.ui.screens.trends import TrendsScreen
from supervise_tui.usecases.people import find_people
from supervise_tui.usecases.sessions import finish_session

from .helpers import (
    SIZE,
    build_app,
    fill,
    finish,
    highlight_peer,
    open_export,
    screen_text,
    settle,
    text_of,
    tick_and_start,
    type_text,
    wait_for,
)


@pytest.fixture
def demo(demo_of):
    return demo_of(3, 12, seed=3)


async def test_history_filter_search_and_open(demo):
    async with build_app(demo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("enter")
        await settle(pilot)
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one("#sessions")
        everything = table.row_count
        assert everything >= 10
        await fill(pilot, "#period", "last 30 days")
        assert 0 < table.row_count < everything
        assert "last 30 days" in text_of(history.query_one("#history-note"))
        await fill(pilot, "#period", "someday")
        assert "could not understand" in text_of(history.query_one("#history-note"))
        await fill(pilot, "#period", "all")
        await fill(pilot, "#search", "zzz-not-there")
        assert table.row_count == 0
        await fill(pilot, "#search", "")
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        # The banner and the key always agree: sign here exactly when someone has not.
        unsigned = [p for p in summary.session.participants if summary.session.signed_by(p) is None]
        banner = text_of(summary.query_one("#signoff-state"))
        assert summary.check_action("sign", ()) is bool(unsigned)
        assert ("Press s to sign" in banner) is bool(unsigned)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        items = pilot.app.screen
        assert isinstance(items, ItemsScreen)
        assert items.query_one("DataTable").row_count > 0
        await pilot.press("enter")
        await settle(pilot)
        timeline = pilot.app.screen
        assert isinstance(timeline, TimelineScreen)
        assert "**Now:**" in timeline.markdown
        assert (
            "raised" in timeline.markdown
            or "set (" in timeline.markdown
            or "agreed" in timeline.markdown
        )


async def test_trends_show_numbers_beside_charts(demo):
    async with build_app(demo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        trends = pilot.app.screen
        assert isinstance(trends, TrendsScreen)
        await settle(pilot)
        texts = " ".join(text_of(w) for w in trends.query(".trend-figures"))
        assert "latest" in texts and "average" in texts
        assert any(w in texts for w in ("improving", "steady", "falling"))
        assert trends.query("Sparkline")
        await fill(pilot, "#period", "nonsense period")
        assert "last 90 days" in text_of(trends.query_one("#trends-note"))


async def test_team_rows_sorting_and_recurring(demo):
    async with build_app(demo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        team = pilot.app.screen
        assert isinstance(team, TeamScreen)
        await settle(pilot)
        table = team.query_one("DataTable")
        assert table.row_count == 3
        assert "Concern categories" in text_of(team.query_one("#recurring"))
        await pilot.press("o")
        assert "Ordered by" in text_of(team.query_one("#team-note"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)


async def test_peer_view_adds_topics_that_reach_the_next_session(demo):
    peer = find_people(demo, "Jordan Ellery", role=Role.PEER)[0]
    app = build_app(demo, peer_name="Jordan Ellery")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen
        assert isinstance(view, PeerViewScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Front desk cover")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await type_text(pilot, "Tired lately")
        await pilot.press("f2")
        await settle(pilot)
        from supervise_tui.ui.commands import SuperviseCommands

        names = [a.title for a in SuperviseCommands(app.screen)._entries()]
        assert "session: start" not in names and "team: open" not in names
        await pilot.press("escape")  # nowhere to escape to: stays in the own view
        assert isinstance(app.screen, PeerViewScreen)
    waiting = demo.peer_input(peer.id)
    assert [i.text for i in waiting.items] == ["Front desk cover"]
    assert waiting.note == "Tired lately"

    # The supervisor's next session shows it at the check-in, and finishing uses it up.
    async with build_app(demo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("n")
        await settle(pilot)
        await tick_and_start(pilot)
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        if screen.current == "review":
            await pilot.press("f8")
            await settle(pilot)
        agenda = text_of(screen.query_one(".peer-agenda"))
        assert "Front desk cover" in agenda and "Tired lately" in agenda
        await finish(pilot)
        await settle(pilot)
        assert isinstance(pilot.app.screen, SummaryScreen)
        assert "Front desk cover" in pilot.app.screen.query_one("#summary")._markdown
    assert demo.peer_input(peer.id).empty


async def test_export_from_history_writes_a_private_file(demo, tmp_path):
    import stat

    from supervise_tui.ui.dialogs.export import ExportDialog

    target = tmp_path / "jordan.md"
    async with build_app(demo).run_test(size=SIZE) as pilot:
        await open_export(pilot)
        assert isinstance(pilot.app.screen, ExportDialog)
        await fill(pilot, "#path", str(target))
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
    text = target.read_text()
    assert text.startswith("# Supervision record — Jordan Ellery")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_export_follows_the_file_ending_or_says_it_differs(demo, tmp_path):
    from textual.widgets import Select

    from supervise_tui.ui.dialogs.export import ExportDialog

    async with build_app(demo).run_test(size=SIZE) as pilot:
        await open_export(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        await fill(pilot, "#path", str(tmp_path / "jordan.csv"))
        await settle(pilot)
        assert dialog.query_one("#format", Select).value == "csv"  # followed the ending
        await fill(pilot, "#path", str(tmp_path / "jordan.txt"))
        await pilot.press("f2")
        await settle(pilot)
        assert pilot.app.screen is dialog
        said = str(dialog.query_one("#dialog-error").render())
        assert ".txt" in said and "CSV" in said
        assert not (tmp_path / "jordan.txt").exists()


async def test_team_sorts_every_column_even_with_missing_figures(repo, team):
    # Robin has no sessions: several of his figures are missing ("—").
    from supervise_tui.domain.enums import ConcernCategory
    from supervise_tui.domain.models import Concern

    from ..conftest import make_session

    first = make_session(team)
    first.concerns.append(Concern("forms", ConcernCategory.WORKLOAD))
    finish_session(repo, first, clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = pilot.app.screen
        await fill(pilot, "#period", "all")
        await settle(pilot)
        screen.query_one("DataTable").focus()
        for _ in range(len(screen.columns())):
            await pilot.press("o")
            await pilot.pause()
            assert "Ordered by" in text_of(screen.query_one("#team-note"))
        assert screen.query_one("DataTable").row_count == 2


async def test_an_older_session_awaiting_sign_off_can_be_signed_from_history(repo, team):
    from datetime import datetime

    from supervise_tui.domain.enums import SessionStatus

    from ..conftest import make_session

    older = finish_session(
        repo, make_session(team, when=datetime(2026, 11, 3, 10)), clock=repo.clock
    )
    finish_session(repo, make_session(team, when=datetime(2026, 11, 10, 10)), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("enter")
        await settle(pilot)
        history = pilot.app.screen
        table = history.query_one("#sessions")
        table.move_cursor(row=1)  # newest first: the older session is the second row
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(2):  # the peer, then the supervisor
            await pilot.press("s")
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
        assert pilot.app.screen.session.status == SessionStatus.ACKNOWLEDGED
        await pilot.press("escape")
        await settle(pilot)
        assert "signed" in [str(c) for c in table.get_row_at(1)]
    assert repo.session(team["peer"].id, older.id).status == SessionStatus.ACKNOWLEDGED


async def test_history_opens_on_the_last_year_and_reaches_back_when_asked(repo, team):
    from datetime import datetime

    from ..conftest import make_session

    old = make_session(team, when=datetime(2023, 5, 2, 10))
    old.checkin.arriving = "Thinking about the allotment project"
    finish_session(repo, old, clock=repo.clock)
    finish_session(repo, make_session(team, when=datetime(2025, 2, 4, 10)), clock=repo.clock)
    for day in (3, 10, 17):
        finish_session(repo, make_session(team, when=datetime(2026, 11, day, 10)), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await highlight_peer(pilot, "Jordan Ellery")
        await pilot.press("enter")
        await settle(pilot)
        history = pilot.app.screen
        table = history.query_one("#sessions")
        assert table.row_count == 3
        note = text_of(history.query_one("#history-note"))
        assert "3 of 5 sessions, last 12 months" in note and "“all”" in note
        assert history.loaded_from is not None  # only the recent rows were read
        await fill(pilot, "#period", "all")
        await settle(pilot)
        assert table.row_count == 5
        await fill(pilot, "#search", "allotment")
        await settle(pilot)
        assert table.row_count == 1
        assert "02 May 2023" in str(table.get_row_at(0)[0])
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SummaryScreen)
        assert pilot.app.screen.session.id == old.id


async def test_a_sealed_bundle_from_history_opens_only_with_its_passphrase(demo, tmp_path):
    from textual.widgets import Select

    from supervise_tui.usecases.imports import is_sealed, unseal

    target = tmp_path / "jordan.bundle"
    async with build_app(demo).run_test(size=SIZE) as pilot:
        await open_export(pilot)
        pilot.app.screen.query_one("#format", Select).value = "sealed"
        await settle(pilot)
        await fill(pilot, "#path", str(target))
        await pilot.press("f2")
        await settle(pilot)
        for _ in range(2):
            await type_text(pilot, "linden street bundle")
            await pilot.press("enter")
        await settle(pilot)
        await wait_for(lambda: target.exists())
    raw = target.read_bytes()
    assert is_sealed(raw) and b"Jordan" not in raw
    assert b"Jordan Ellery" in unseal(raw, "linden street bundle")


async def test_hours_are_written_out_per_peer_with_who_is_below_target(
    repo, team, tmp_path, monkeypatch
):
    from datetime import datetime, timedelta

    from supervise_tui.ui.screens.hours import HoursScreen
    from supervise_tui.ui.screens.team import TeamScreen

    from ..conftest import make_session

    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('[hours]\nformal = "1 hour per month"\n')
    monkeypatch.setenv("SUPERVISE_CONFIG_DIR", str(config))
    session = make_session(team, when=datetime(2026, 11, 3, 10, 0))
    session.started, session.ended = session.when, session.when + timedelta(minutes=45)
    finish_session(repo, session, clock=repo.clock)
    finish_session(repo, make_session(team, when=datetime(2026, 11, 10, 10, 0)), clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TeamScreen)
        await wait_for(lambda: "Below the hours target" in screen_text(pilot.app))
        assert "Robin Takahashi: 0 of 1 h 00 formal per month" in screen_text(pilot.app)
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HoursScreen)
        await wait_for(lambda: bool(screen.lines))
        await settle(pilot)
        text = screen_text(pilot.app)
        assert "No length" in text
        jordan = next(line for line in text.splitlines() if "Jordan Ellery    45 min" in line)
        assert jordan.split()[-2:] == ["2", "1"]  # two sessions, one of unknown length
        assert "Jordan Ellery: 45 min of 1 h 00 formal per month so far this month" in text
        assert "Robin Takahashi: 0 of 1 h 00 formal" in text
        await fill(pilot, "#period", "2025")
        await settle(pilot)
        await wait_for(lambda: screen.lines[0].total == 0)  # nothing held in 2025
        assert screen.lines[0].sessions == 0
        await pilot.press("enter", "x")  # out of the period box, then a page to print
        await settle(pilot)
        await fill(pilot, "#path", str(tmp_path / "hours.html"))
        await pilot.press("f2")
        await settle(pilot)
        assert pilot.app.screen is screen
    page = (tmp_path / "hours.html").read_text()
    assert "Supervision hours — in 2025" in page or "Supervision hours — 2025" in page
    assert 'class="signature"' in page


async def test_a_peer_reads_their_portfolio_adds_concerns_by_choice_and_writes_it(
    repo, team, tmp_path
):
    from supervise_tui.ui.screens.portfolio import PortfolioScreen

    from ..conftest import full_session

    session = full_session(team)
    session.strengths[0].skill = "Listening without fixing"
    finish_session(repo, session, clock=repo.clock)
    app = build_app(repo, peer_name=team["peer"].name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await wait_for(lambda: screen.folio is not None)
        shown = screen_text(app)
        assert "Portfolio — Jordan Ellery" in shown and "concerns left out" in shown
        assert screen.folio.concerns is None
        await pilot.press("c")
        await settle(pilot)
        await wait_for(lambda: screen.folio.concerns is not None)
        assert [t.base.text for t in screen.folio.concerns] == ["Too many forms"]
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, "#path", str(tmp_path / "folio.md"))
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is screen
    written = (tmp_path / "folio.md").read_text()
    assert "Listening without fixing" in written and "Too many forms" in written


async def test_a_supervisor_reads_their_own_view_from_home(repo, team):
    from datetime import datetime

    from supervise_tui.ui.dialogs.pick import PickOne
    from supervise_tui.ui.screens.mine import MineScreen

    from ..conftest import make_session

    session = make_session(team, when=datetime(2026, 11, 3, 10, 0))
    session.learning = "Letting them set the agenda first helped."
    finish_session(repo, session, clock=repo.clock)
    async with build_app(repo).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PickOne)  # two supervisors, nobody signed in
        await pilot.press("enter")  # Dana, first
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MineScreen)
        await wait_for(lambda: screen.mine is not None)
        shown = screen_text(pilot.app)
        assert "Dana Whitfield — what I learned" in shown
        assert "Letting them set the agenda first helped." in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
