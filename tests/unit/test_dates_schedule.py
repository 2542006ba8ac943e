"""Typed dates and the session schedule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervise_tui.domain.dates import human_date, parse_date, parse_datetime
from supervise_tui.domain.enums import Cadence
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.schedule import due, expected_dates, next_due

TODAY = date(2026, 11, 22)  # a Sunday
NOW = datetime(2026, 11, 22, 15, 7)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 21)),
        ("2026-11-24", date(2026, 11, 24)),
        ("2026-03-01", date(2026, 3, 1)),  # ISO is never read day first
        ("01/03/2026", date(2026, 3, 1)),  # but slashes are: 1 March
        ("2026/03/01", date(2026, 3, 1)),
        ("24/11/2026", date(2026, 11, 24)),
        ("24 Nov", date(2026, 11, 24)),
        ("friday", date(2026, 11, 27)),
        ("in 2 weeks", date(2026, 12, 6)),
        ("in 1 month", date(2026, 12, 22)),
    ],
)
def test_dates_people_type(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("31/02", "not a real date"),
        ("2026-02-30", "not a real date"),
        ("", "Please type a date"),
        ("next thursdayish", "could not read"),
        ("24/11/1066", "typing slip"),
        ("x" * 100, "too long"),
    ],
)
def test_wrong_dates_get_a_clear_message(text, words):
    with pytest.raises(ValidationError) as err:
        parse_date(text, TODAY, field="due")
    assert words in err.value.message
    assert err.value.field == "due"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("now", datetime(2026, 11, 22, 15, 7)),
        ("today 10:30", datetime(2026, 11, 22, 10, 30)),
        ("tomorrow 9am", datetime(2026, 11, 23, 9, 0)),
        ("24/11/2026 14:00", datetime(2026, 11, 24, 14, 0)),
        ("2026-11-24 08:15", datetime(2026, 11, 24, 8, 15)),
        ("2026-03-01 08:15", datetime(2026, 3, 1, 8, 15)),
    ],
)
def test_date_and_time(text, expected):
    assert parse_datetime(text, NOW) == expected


def test_bad_time_is_explained():
    with pytest.raises(ValidationError):
        parse_datetime("today 25:99", NOW)


@given(st.text(max_size=60))
def test_any_text_is_a_date_or_a_clear_error(text):
    try:
        value = parse_date(text, TODAY)
    except ValidationError as error:
        assert error.message
    else:
        assert 1990 <= value.year <= 2100


@given(st.text(max_size=60))
def test_any_text_is_a_datetime_or_a_clear_error(text):
    try:
        parse_datetime(text, NOW)
    except ValidationError as error:
        assert error.message


def test_human_date_is_unambiguous():
    assert human_date(date(2026, 3, 4)) == "Wed 04 Mar 2026"
    assert human_date(None) == "—"


class TestSchedule:
    def test_first_session_is_due_today(self):
        assert next_due(Cadence.WEEKLY, None, None, TODAY) == TODAY

    def test_weekly_fortnightly_monthly(self):
        last = date(2026, 11, 10)
        assert next_due(Cadence.WEEKLY, None, last, TODAY) == date(2026, 11, 17)
        assert next_due(Cadence.FORTNIGHTLY, None, last, TODAY) == date(2026, 11, 24)
        assert next_due(Cadence.MONTHLY, None, date(2026, 1, 31), TODAY) == date(2026, 2, 28)

    def test_preferred_weekday_nearest_the_step(self):
        # last met Thursday 12 Nov; prefers Tuesdays -> Tuesday 17 Nov, not 24 Nov
        assert next_due(Cadence.WEEKLY, 1, date(2026, 11, 12), TODAY) == date(2026, 11, 17)
        # never on or before the last session
        assert next_due(Cadence.WEEKLY, 1, date(2026, 11, 16), TODAY) > date(2026, 11, 16)

    def test_overdue_is_said_in_words(self):
        d = due(Cadence.WEEKLY, None, date(2026, 11, 5), TODAY)
        assert d.overdue and d.days_late == 10
        assert d.describe(TODAY) == "OVERDUE by 10 days"
        ok = due(Cadence.WEEKLY, None, date(2026, 11, 20), TODAY)
        assert not ok.overdue and ok.describe(TODAY) == "due in 5 days"

    def test_expected_dates(self):
        days = expected_dates(Cadence.WEEKLY, 1, date(2026, 11, 1), date(2026, 11, 30))
        assert days == [
            date(2026, 11, 3),
            date(2026, 11, 10),
            date(2026, 11, 17),
            date(2026, 11, 24),
        ]
        assert (
            len(expected_dates(Cadence.FORTNIGHTLY, None, date(2026, 1, 1), date(2026, 1, 31))) == 3
        )
        assert len(expected_dates(Cadence.MONTHLY, None, date(2026, 1, 15), date(2026, 6, 30))) == 6
        assert expected_dates(Cadence.WEEKLY, None, TODAY, date(2026, 1, 1)) == []


def test_a_date_meant_to_lie_ahead_says_when_it_is_past():
    from supervise_tui.services.draft_edit import past_but_meant_ahead

    today = date(2026, 11, 29)
    march = parse_date("March", today)
    assert past_but_meant_ahead("goals.g1.target_date", march, today)
    assert past_but_meant_ahead("f__concerns__c1__follow_up", date(2026, 3, 1), today)
    assert not past_but_meant_ahead("actions.a1.due", date(2026, 12, 20), today)
    assert not past_but_meant_ahead("review.action.a1.done_on", date(2026, 3, 1), today)
    assert not past_but_meant_ahead("goals.g1.target_date", today, today)  # today is fine


def test_the_usual_supervisors_are_named_then_who_met_last_then_me(repo, team):
    import dataclasses

    from supervise_tui.usecases.people import save_person
    from supervise_tui.usecases.sessions import finish_session, usual_supervisors

    from ..conftest import fixed_clock, make_session

    peer, sup, sup2 = team["peer"].id, team["sup"].id, team["sup2"].id
    assert usual_supervisors(repo, peer) == []  # two supervisors, none to choose
    assert usual_supervisors(repo, peer, me=sup2) == [sup2]
    last = make_session(team)
    last.supervisor_ids = [sup2]
    finish_session(repo, last, clock=fixed_clock)
    assert usual_supervisors(repo, peer, me=sup) == [sup2]  # who met them last
    save_person(repo, dataclasses.replace(team["peer"], supervisor_ids=[sup]), clock=fixed_clock)
    assert usual_supervisors(repo, peer, me=sup2) == [sup]  # named on the peer


@given(
    st.sampled_from(list(Cadence)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
)
def test_next_due_steps_as_the_calendar_does(cadence, weekday, last):
    """Weeks are stepped without dateutil (Home works one out per peer at start): the
    same dates as one cadence step by relativedelta, moved to the preferred weekday."""
    from dateutil.relativedelta import relativedelta

    from supervise_tui.domain.schedule import interval

    step = last + interval(cadence)
    expected = step
    if weekday is not None:
        start = max(step - relativedelta(days=3), last + relativedelta(days=1))
        expected = start + timedelta(days=(weekday - start.weekday()) % 7)
    assert next_due(cadence, weekday, last, TODAY) == expected
