"""Periods typed the way people talk."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervise_tui.domain.errors import ValidationError
from supervise_tui.services.periods import parse_period

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2026-01-01..2026-06-30", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-03-01..", date(2026, 3, 1), TODAY),
        ("..2026-03-01", None, date(2026, 3, 1)),
        ("last 90 days", date(2026, 8, 25), TODAY),
        ("last 2 weeks", date(2026, 11, 9), TODAY),
        ("last 3 months", date(2026, 8, 23), TODAY),
        ("this year", date(2026, 1, 1), TODAY),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("this month", date(2026, 11, 1), TODAY),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("since March", date(2026, 3, 1), TODAY),
        ("since december", date(2025, 12, 1), TODAY),
        ("since 2026-03-15", date(2026, 3, 15), TODAY),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("all", None, TODAY),
        ("", None, TODAY),
        ("  Last   90  Days ", date(2026, 8, 25), TODAY),
    ],
)
def test_periods(text, start, end):
    period = parse_period(text, TODAY)
    assert (period.start, period.end) == (start, end)
    assert period.label


@pytest.mark.parametrize(
    "text",
    [
        "soon",
        "last blue moon",
        "2026-06-30..2026-01-01",
        "since 31/02",
        "last 0 days",
        "3000",
        "since tomorrow",
    ],
)
def test_bad_periods_get_examples(text):
    with pytest.raises(ValidationError) as err:
        parse_period(text, TODAY)
    assert err.value.message


def test_unknown_period_lists_examples():
    with pytest.raises(ValidationError) as err:
        parse_period("soon", TODAY)
    assert "last 90 days" in err.value.message and "since March" in err.value.message


@given(st.text(max_size=70))
def test_any_text_is_a_period_or_a_clear_error(text):
    try:
        period = parse_period(text, TODAY)
    except ValidationError as error:
        assert error.message
    else:
        assert period.start is None or period.start <= period.end
