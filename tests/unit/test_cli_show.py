"""`supervise show SESSION`: one record as plain text, read top to bottom."""

from __future__ import annotations

import pytest

from supervise_tui.cli import main
from supervise_tui.services.plain_text import plain_text
from supervise_tui.store.errors import NotFound
from supervise_tui.usecases.lookup import find_session

from ..conftest import fixed_clock, full_session, keep_sessions


@pytest.fixture
def held(repo, team):
    session = full_session(team)
    session.checkin.arriving = "Calm *today* | 3 > 2"
    keep_sessions(repo, team["peer"].id, [session])
    repo.close()
    return session


def test_show_prints_the_record_plain_by_a_short_id(held, data_dir, capsys):
    code = main(["show", held.id[:6], "--data-dir", str(data_dir)], clock=fixed_clock)
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Supervision session — Jordan Ellery, Tue 17 Nov 2026"
    assert "Peer specialist: Jordan Ellery" in lines
    assert "  Calm *today* | 3 > 2" in lines  # typed text as typed, markup gone
    assert "- Listening: Stayed with a resident through a hard talk" in lines
    assert "- Ask for admin help — Dana Whitfield" in lines
    assert all(len(line) <= 72 for line in lines)
    assert "**" not in out and "##" not in out and "\\" not in out


@pytest.mark.parametrize(
    ("given", "said"),
    [("ab", "at least 4 characters"), ("ffffffff", "There is no session 'ffffffff'")],
)
def test_show_a_session_not_there_is_one_sentence(held, data_dir, capsys, given, said):
    code = main(["show", given, "--data-dir", str(data_dir)], clock=fixed_clock)
    err = capsys.readouterr().err
    assert code == 1
    assert said in err and err.count("\n") == 1


def test_two_sessions_beginning_alike_need_more_of_the_id(repo, team):
    first, second = full_session(team), full_session(team)
    first.id = "abcd1111-0000-4000-8000-000000000000"
    second.id = "abcd2222-0000-4000-8000-000000000000"
    keep_sessions(repo, team["peer"].id, [first, second])
    with pytest.raises(NotFound, match="2 sessions begin with 'abcd'"):
        find_session(repo, "abcd")
    assert find_session(repo, "abcd2").session.id == second.id
    assert find_session(repo, second.id).session.id == second.id


def test_tables_become_labelled_lines():
    text = "# T\n\n| Check-in | Rating (1–5) | Note |\n|---|---|---|\n| Clarity | 4 | a \\| b |\n"
    assert plain_text(text).splitlines() == ["T", "", "- Clarity: Rating (1–5) 4, Note a | b"]
