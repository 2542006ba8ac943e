"""The peer's portfolio: what goes in (and what stays out unless they choose), and the
command that writes it."""

from __future__ import annotations

from datetime import datetime

import pytest

from supervise_tui.cli import main
from supervise_tui.domain.enums import FeedbackKey, GoalArea, GoalStatus, NoticedBy, SessionStatus
from supervise_tui.domain.models import Goal, GoalUpdate, Strength
from supervise_tui.services.portfolio import portfolio_markdown
from supervise_tui.store.errors import Refused
from supervise_tui.usecases.corrections import withdraw_session
from supervise_tui.usecases.portfolio import portfolio_of
from supervise_tui.usecases.sessions import finish_session
from tests.conftest import fixed_clock, full_session, make_session, on_both_backends


@pytest.fixture
def history(repo, team):
    """Three held sessions: a goal set, then completed; strengths, feedback, a concern."""
    first = full_session(team, when=datetime(2026, 9, 1, 10, 0))  # concern, goal, action
    first.goals[0] = Goal("Present at the regional conference", GoalArea.CONFERENCE, progress=10)
    first.strengths = [Strength("Listening", "Stayed with a resident", NoticedBy.TEAM)]
    first.feedback.ratings[FeedbackKey.ADVOCATES] = 4
    first.feedback.text = "Felt heard about the rota."
    first = finish_session(repo, first, clock=fixed_clock)
    second = make_session(team, when=datetime(2026, 10, 6, 10, 0))
    second.goal_updates.append(GoalUpdate(first.goals[0].id, 100, GoalStatus.ACTIVE))
    second.strengths = [Strength("listening ", "Calmed a tense hallway")]
    second.feedback.ratings[FeedbackKey.ADVOCATES] = 5
    finish_session(repo, second, clock=fixed_clock)
    mistaken = make_session(team, when=datetime(2026, 10, 20, 10, 0))
    mistaken.strengths = [Strength("Should not show", "made by mistake")]
    mistaken = finish_session(repo, mistaken, clock=fixed_clock)
    withdraw_session(
        repo, mistaken.peer_id, mistaken.id, team["sup"].id, "wrong peer", clock=fixed_clock
    )
    return first


@on_both_backends
def test_the_portfolio_holds_goals_strengths_and_feedback_and_no_concern(repo, team, history):
    folio = portfolio_of(repo, team["peer"])
    assert folio.sessions == 2  # the withdrawn one counts for nothing
    [(on, goal)] = folio.done[GoalArea.CONFERENCE]
    assert goal.text == "Present at the regional conference" and on.isoformat() == "2026-10-06"
    text = portfolio_markdown(folio)
    assert "### Conference or presentation" in text
    assert "**Listening** — named 2 times" in text
    assert "Tue 01 Sep 2026: Stayed with a resident (noticed by the team)" in text
    assert "My supervisor advocates for me: 4.5 of 5 on average (2 times)" in text
    assert "Felt heard about the rota." in text
    assert "Should not show" not in text
    assert "Too many forms" not in text and "Concerns" not in text
    with_concerns = portfolio_markdown(portfolio_of(repo, team["peer"], with_concerns=True))
    assert "## Concerns raised (included by my choice)" in with_concerns
    assert "Too many forms — raised Tue 01 Sep 2026, open" in with_concerns


@on_both_backends
def test_a_peer_with_nothing_yet_gets_a_plain_empty_portfolio(repo, team):
    text = portfolio_markdown(portfolio_of(repo, team["peer2"]))
    assert "No supervision sessions held yet" in text
    assert "None completed yet." in text and "None named yet." in text


@on_both_backends
def test_a_portfolio_is_only_a_peers(repo, team):
    with pytest.raises(Refused) as caught:
        portfolio_of(repo, team["sup"])
    assert str(caught.value) == (
        "A portfolio is a peer specialist's own; Dana Whitfield is a supervisor."
    )


def test_the_command_writes_markdown_or_a_page_and_refuses_plainly(
    repo, team, history, data_dir, tmp_path, capsys
):
    repo.close()
    base = ["portfolio", "--data-dir", str(data_dir), "--peer", "Jordan Ellery"]
    assert main(base, clock=fixed_clock) == 0
    assert "Present at the regional conference" in capsys.readouterr().out
    page = tmp_path / "folio.html"
    assert main([*base, "-o", str(page)], clock=fixed_clock) == 0
    html = page.read_text()
    assert "<h1>Portfolio — Jordan Ellery</h1>" in html and "http" not in html.split("<body")[1]
    assert page.stat().st_mode & 0o777 == 0o600
    assert main([*base, "-o", str(page)], clock=fixed_clock) == 1  # exists: --force
    assert "already exists" in capsys.readouterr().err
    assert main([*base, "-o", str(tmp_path / "folio.pdf")], clock=fixed_clock) == 2
    assert main([*base, "-o", str(tmp_path / "no" / "such" / "f.md")], clock=fixed_clock) == 1
    assert "does not exist" in capsys.readouterr().err
    sup = ["portfolio", "--data-dir", str(data_dir), "--peer", "Dana Whitfield"]
    assert main(sup, clock=fixed_clock) == 1
    assert "is a supervisor" in capsys.readouterr().err
    assert SessionStatus.WITHDRAWN.value == "withdrawn"
