"""Each person's preferences on this machine: kept whole, privately, and never a reason
for the app not to start."""

from __future__ import annotations

import pytest

from supervise_tui.store import preferences as prefs


def test_one_persons_choice_keeps_the_others():
    prefs.remember("a-person-id", "theme", "ansi-dark")
    prefs.remember("another-id", "theme", "high-contrast")
    prefs.remember("a-person-id", "theme", "ansi-light")
    assert prefs.preferences("a-person-id") == {"theme": "ansi-light"}
    assert prefs.preferences("another-id") == {"theme": "high-contrast"}
    assert prefs.preferences("nobody-yet") == {}


@pytest.mark.parametrize(
    "text",
    ["not json {", '{"people": ["a list"]}', '{"people": {"x": {"theme": 7}}}', ""],
)
def test_a_file_that_cannot_be_read_is_no_preferences(text):
    path = prefs.preferences_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    assert prefs.preferences("x") == {}
    prefs.remember("x", "theme", "ansi-dark")  # and the next choice is kept whole
    assert prefs.preferences("x") == {"theme": "ansi-dark"}
