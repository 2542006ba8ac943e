"""The quick reader and writer (one per type) take and give exactly what the general
rules do, and a value they refuse is still named by its place."""

from __future__ import annotations

import copy

import orjson
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


def _from_bytes(raw: bytes):
    """What the import's quick way reads from a session's bytes (None: it leaves the
    session to the general rules)."""
    from supervise_tui.store.record_bytes import read_record

    return read_record(Session, raw)


# Values a changed field may take: the general rules' edge cases (moments spelled in
# other ways, numbers beyond what orjson reads as whole, texts near the length limit).
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63 - 2, max_value=2**64 + 2),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.just({}),
    st.just([]),
    st.sampled_from(
        [
            "2026-11-24T10:00:00",
            "2026-11-24T10:00:00.123456Z",
            "2026-11-24T10:00:00+05:30",
            "2026-11-24T10:00:00-00:00",
            "2026-11-24t10:00:00",
            "2026-11-24 10:00:00",
            "2026-11-24T10:00",
            "2026-11-24T10:00:00.1234567",
            "2026-11-24T10:00:00.123",
            "2026-11-24T24:00:00",
            "2026-11-24T10:00:00+00:60",
            "2026-11-24T10:00:00+24:00",
            "2026-02-30T10:00:00",
            "2026-11-24",
            "2026-W48-1",
            "٢٠٢٦-١١-٢٤T10:00:00",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_changed_record_read_from_its_bytes_is_the_general_rules_record_or_left_to_them(
    record, data
):
    """The import's quick way (msgspec, from the bytes) never takes what the general
    rules refuse, and what it takes is their record, value for value."""
    tree = copy.deepcopy(record)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        paths = tree_paths(tree)
        path = data.draw(st.sampled_from(paths[1:]))
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["set", "drop", "add"]))
        if isinstance(parent, dict) and action == "drop":
            parent.pop(path[-1])
        elif isinstance(parent, dict) and action == "add":
            parent[data.draw(st.sampled_from(["extra", "id", "updated_at", "notes"]))] = data.draw(
                ODD_VALUES
            )
        else:
            parent[path[-1]] = data.draw(ODD_VALUES)
    try:
        raw = orjson.dumps(tree)
    except TypeError:  # (an integer orjson does not write: not a bundle's)
        return
    general = _general(Session, orjson.loads(raw), True)
    quick = _from_bytes(raw)
    if isinstance(general, tuple):
        assert quick is None
    else:
        assert quick is None or quick == general
        if quick is not None:
            assert serial.to_data(quick) == serial.to_data(general)


def test_a_whole_record_is_read_from_its_bytes_the_quick_way(record):
    quick = _from_bytes(orjson.dumps(record))
    assert quick is not None and quick == serial._convert(Session, record, "", True)
    assert serial.to_data(quick) == record
    assert type(quick.amendments[0].previous) is Session


def test_the_quick_way_leaves_to_the_general_rules_what_it_cannot_be_sure_of(record):
    """Texts over the limit, fields it does not know, an id left out, moments spelled
    otherwise, numbers orjson would not read as whole, and bytes that are not JSON."""
    from supervise_tui.domain.readers import MAX_STRING

    cases = {
        "long": dict(record, learning="x" * (MAX_STRING + 1)),
        "unknown": dict(record, extra=1),
        "no id": {k: v for k, v in record.items() if k != "id"},
        "spelled": dict(record, when=record["when"].replace("T", " ")),
        "large": dict(record, goals=[dict(record["goals"][0], progress=2**63)]),
    }
    for name, tree in cases.items():
        assert _from_bytes(orjson.dumps(tree)) is None, name
    assert _from_bytes(orjson.dumps(record)[:-1]) is None
    assert (
        _from_bytes(orjson.dumps(record).replace(b'"learning":"', b'"learning":"\\ud800')) is None
    )
