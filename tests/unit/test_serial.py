"""The quick reader and writer (one per type) take and give exactly what the general
rules do, and a value they refuse is still named by its place."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supervise_tui.domain import serial
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import Amendment, Person, Session

from ..conftest import FIXED_NOW, full_session, tree_paths


def _general(cls, data, strict):
    try:
        return serial._convert(cls, data, "", strict)
    except ValidationError as error:
        return ("refused", error.field)


def _quick(cls, data, strict):
    try:
        return serial.from_data(cls, data, strict=strict)
    except ValidationError as error:
        return ("refused", error.field)


@pytest.fixture
def record(team):
    session = full_session(team)
    previous = copy.deepcopy(session)
    session.amendments.append(Amendment(team["sup"].id, FIXED_NOW, "a typo", previous))
    return serial._to_data(session)


def test_a_record_reads_and_writes_the_same_both_ways(record):
    quick = serial.from_data(Session, record, strict=True)
    assert quick == serial._convert(Session, record, "", True)
    assert serial.to_data(quick) == serial._to_data(quick) == record


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_changed_record_is_taken_or_refused_as_the_general_rules_say(record, data):
    tree = copy.deepcopy(record)
    paths = tree_paths(tree)
    path = data.draw(st.sampled_from(paths[1:]))
    value = data.draw(
        st.one_of(
            st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.just({}), st.just([])
        )
    )
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, dict) and data.draw(st.booleans()):
        parent.pop(path[-1])
    else:
        parent[path[-1]] = value
    assert _quick(Session, tree, True) == _general(Session, tree, True)
    quick, general = _quick(Session, tree, False), _general(Session, tree, False)
    if isinstance(general, tuple):  # (an id left out is made afresh, so only the
        assert quick == general  # outcome is compared when not strict)
    else:
        assert isinstance(quick, Session)


def test_a_person_refused_is_named_by_its_place(team):
    data = serial.to_data(team["peer"])
    data["active"] = "yes"
    with pytest.raises(ValidationError) as caught:
        serial.from_data(Person, data, "people[2]", strict=True)
    assert caught.value.field == "people[2].active"


def _text_rules(value, limit, required):
    """check_text's rules applied in full, every time (what its one pass must equal)."""
    from supervise_tui.domain.text import clean

    if not isinstance(value, str):
        return ("refused", "must be text")
    value = clean(value)
    if required and not value.strip():
        return ("refused", "fill in")
    if len(value) > limit:
        return ("refused", "too long")
    return value


@settings(max_examples=400)
@given(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        st.text(alphabet="ab \r\n\t\x00\x1f\x7f\x85\x9f\u00a0é\ud800", max_size=12),
        st.none(),
        st.integers(),
    ),
    st.integers(min_value=0, max_value=10),
    st.booleans(),
)
def test_check_text_in_one_pass_keeps_every_rule(value, limit, required):
    from supervise_tui.domain.text import check_text

    expected = _text_rules("" if value is None else value, limit, required)
    try:
        found = check_text(value, "note", limit=limit, required=required)
    except ValidationError as error:
        message = error.message
        found = ("refused", next(k for k in ("must be text", "fill in", "long") if k in message))
        found = (found[0], "too long" if found[1] == "long" else found[1])
    assert found == expected


MOMENT_ENDS = ["Z", "+00:00", "+02:00", "-05:30", "+00:00:30", ""]  # "": a naive moment


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_store_writes_a_record_exactly_as_to_data(record, data):
    """store.record_data (msgspec where that gives the same) == to_data, with moments
    in UTC, naive, or in other zones (which msgspec would write otherwise)."""
    from datetime import datetime

    from supervise_tui.domain.derived import history_of
    from supervise_tui.store.record_data import record_data

    tree = copy.deepcopy(record)
    for path in tree_paths(tree)[1:]:
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        value = parent[path[-1]]
        if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
            base = datetime.fromisoformat(value).replace(tzinfo=None).isoformat()
            parent[path[-1]] = base + data.draw(st.sampled_from(MOMENT_ENDS))
    session = serial.from_data(Session, tree, strict=True)
    assert record_data(session) == serial.to_data(session) == serial._to_data(session)
    history = history_of(session.peer_id, [session])
    for tracks in (history.tracks.concerns, history.tracks.goals, history.tracks.actions):
        for track in tracks.values():
            assert record_data(track) == serial.to_data(track)
