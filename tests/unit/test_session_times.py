"""How long a session took: begun when it is opened (or when it was planned for), ended
when it is finished, both editable; unknown rather than wrong when it cannot be said."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from supervise_tui.domain.dates import parse_clock
from supervise_tui.domain.errors import ValidationError
from supervise_tui.services.draft_edit import apply_input
from supervise_tui.services.summary import session_markdown
from supervise_tui.usecases.sessions import finish_session, start_session
from tests.conftest import FIXED_NOW, fixed_clock, make_session, on_both_backends

NOON = datetime(2026, 11, 22, 12, 0)  # the day of FIXED_NOW (15:00 UTC; TZ=UTC in tests)


def later(minutes: int):
    return lambda: FIXED_NOW + timedelta(minutes=minutes)


def started(repo, team, when):
    return start_session(
        repo, team["peer"], [team["sup"].id], make_session(team).kind, when, "", clock=fixed_clock
    )


@pytest.mark.parametrize(
    ("typed", "hour", "minute"),
    [("10:05", 10, 5), ("14.30", 14, 30), ("2:30pm", 14, 30), ("9", 9, 0), (" 16:45 ", 16, 45)],
)
def test_a_time_of_day_is_read_as_people_type_it(typed, hour, minute):
    assert parse_clock(typed, NOON.date(), "ended") == NOON.replace(hour=hour, minute=minute)


@pytest.mark.parametrize("typed", ["25:00", "soon", "10:61", "", "24/11/2026 10:00"])
def test_anything_else_gets_a_plain_sentence(typed):
    with pytest.raises(ValidationError) as caught:
        parse_clock(typed, NOON.date(), "ended")
    assert caught.value.field == "ended" and "time of day" in caught.value.message


@on_both_backends
def test_it_begins_when_opened_and_ends_when_finished(repo, team):
    draft = started(repo, team, datetime(2026, 11, 22, 14, 30))  # opened at 15:00
    assert draft.started == datetime(2026, 11, 22, 15, 0)
    done = finish_session(repo, draft, clock=later(50))
    assert done.ended == datetime(2026, 11, 22, 15, 50) and done.minutes == 50
    assert "15:00–15:50 (50 minutes)" in session_markdown(done, {}, None)


@on_both_backends
def test_opened_ahead_it_begins_at_the_time_planned(repo, team):
    draft = started(repo, team, datetime(2026, 11, 22, 16, 0))
    assert draft.started == datetime(2026, 11, 22, 16, 0)
    done = finish_session(repo, draft, clock=later(100))  # 16:40
    assert done.minutes == 40


@on_both_backends
def test_a_session_recorded_afterwards_has_no_made_up_beginning(repo, team):
    draft = started(repo, team, datetime(2026, 11, 17, 10, 0))  # typed up five days later
    assert draft.started is None
    done = finish_session(repo, draft, clock=later(40))
    assert done.minutes is None and "length not recorded" in session_markdown(done, {}, None)


@on_both_backends
def test_a_draft_finished_days_later_has_no_made_up_length(repo, team):
    draft = started(repo, team, datetime(2026, 11, 22, 14, 30))
    done = finish_session(repo, draft, clock=later(60 * 24 * 3))
    assert done.ended is None and done.minutes is None
    assert "began 15:00, length not recorded" in session_markdown(done, {}, None)


@on_both_backends
def test_typed_times_are_kept_and_an_end_before_the_start_is_refused(repo, team):
    draft = started(repo, team, NOON)
    assert apply_input(draft, "started", "10:00", today=NOON.date()) is None
    assert apply_input(draft, "ended", "09:30", today=NOON.date()) is None
    with pytest.raises(ValidationError) as caught:
        finish_session(repo, draft, clock=later(5))
    assert caught.value.field == "ended" and "before it began" in caught.value.message
    assert apply_input(draft, "ended", "11:05", today=NOON.date()) is None
    assert finish_session(repo, draft, clock=later(5)).minutes == 65


def test_older_records_without_times_say_so(team):
    session = make_session(team)
    assert session.minutes is None
    assert "**Time:** length not recorded" in session_markdown(session, {}, None)


def test_a_length_of_one_minute_is_said_in_the_singular(repo, team):
    draft = started(repo, team, datetime(2026, 11, 22, 14, 30))  # opened at 15:00
    done = finish_session(repo, draft, clock=later(1))
    assert "15:00–15:01 (1 minute)" in session_markdown(done, {}, None)
