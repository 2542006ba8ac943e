"""The supervisor's learning (said at wrap-up, shared with the peer) and their own view:
what they learned over time, and their actions' follow-through."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from supervise_tui.cli import main
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Action, ActionUpdate
from supervise_tui.services.mine import follow_through, mine_markdown
from supervise_tui.services.summary import session_markdown
from supervise_tui.store.errors import Refused
from supervise_tui.usecases.mine import mine_of
from supervise_tui.usecases.sessions import finish_session
from tests.conftest import fixed_clock, make_session

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("due", "done_on", "words"),
    [
        (date(2026, 11, 10), date(2026, 11, 9), "done on time"),
        (date(2026, 11, 10), date(2026, 11, 13), "done 3 day(s) late"),
        (None, date(2026, 11, 13), "done on time"),
        (date(2026, 11, 20), None, "open, 2 day(s) late"),
        (date(2026, 11, 30), None, "open"),
        (None, None, "open"),
    ],
)
def test_follow_through_in_words(due, done_on, words):
    assert follow_through(due, done_on, TODAY) == words


@pytest.fixture
def held(repo, team):
    first = make_session(team, when=datetime(2026, 11, 3, 10, 0))
    first.learning = "I jumped to solutions; next time I ask what they tried."
    first.actions = [
        Action("Ask the agency about the care meeting", team["sup"].id, due=date(2026, 11, 10)),
        Action("Send the training dates", team["sup"].id, due=date(2026, 11, 20)),
        Action("Bring the rota", team["peer"].id, due=date(2026, 11, 10)),
    ]
    first = finish_session(repo, first, clock=fixed_clock)
    second = make_session(team, when=datetime(2026, 11, 17, 10, 0))
    second.action_updates.append(ActionUpdate(first.actions[0].id, done_on=date(2026, 11, 12)))
    finish_session(repo, second, clock=fixed_clock)
    other = make_session(team, when=datetime(2026, 11, 18, 10, 0))
    other.supervisor_ids = [team["sup2"].id]
    other.learning = "Marcus's own words."
    finish_session(repo, other, clock=fixed_clock)
    return first


def test_the_learning_is_in_the_shared_summary(repo, team, held):
    people = {p.id: p for p in repo.people()}
    text = session_markdown(held, people, repo.tracks(team["peer"].id))
    assert "What the supervisor learned, and will do differently" in text
    assert "I jumped to solutions" in text


def test_a_supervisors_view_holds_their_learning_and_their_actions_follow_through(repo, team, held):
    mine = mine_of(repo, team["sup"], TODAY)
    assert [(x.on, x.text[:14]) for x in mine.learned] == [(date(2026, 11, 3), "I jumped to so")]
    states = {a.text: a.state for a in mine.actions}
    assert states == {
        "Ask the agency about the care meeting": "done 2 day(s) late",
        "Send the training dates": "open, 2 day(s) late",
    }  # the peer's own action is not the supervisor's
    text = mine_markdown(mine)
    assert "(0 done on time, 1 late, 1 open)" in text and "Marcus's own words" not in text
    with pytest.raises(Refused):
        mine_of(repo, team["peer"], TODAY)


def test_the_learning_has_a_limit_like_every_text(repo, team):
    session = make_session(team)
    session.learning = "x" * 20_001
    with pytest.raises(ValidationError) as caught:
        finish_session(repo, session, clock=fixed_clock)
    assert caught.value.field == "learning"


def test_the_command_says_it_in_text_or_json(repo, team, held, data_dir, capsys):
    repo.close()
    base = ["mine", "--data-dir", str(data_dir)]
    assert main([*base, "--supervisor", "Dana Whitfield"], clock=fixed_clock) == 0
    out = capsys.readouterr().out
    assert "I jumped to solutions" in out and "open, 2 day(s) late" in out
    assert main([*base, "--supervisor", "Dana Whitfield", "--json"], clock=fixed_clock) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["learned"]) == 1 and len(data["actions"]) == 2
    assert main([*base, "--supervisor", "Jordan Ellery"], clock=fixed_clock) == 1
    assert "this view is a supervisor's own" in capsys.readouterr().err
    assert main(base, clock=fixed_clock) == 2
