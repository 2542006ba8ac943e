"""The difference between two versions of a record (services/differences.py): pure."""

from __future__ import annotations

from supervise_tui.services.differences import MISSING, Difference, differences, shorten

PERSON = {
    "name": "Jordan Ellery",
    "site": "Maple Court",
    "supervisor_ids": ["sup-1"],
    "updated_at": "2026-11-22T15:00:00Z",
    "revisions": ["2026-11-20T09:00:00Z"],
}


def test_the_same_record_has_no_differences():
    assert differences(PERSON, dict(PERSON)) == []


def test_each_changed_field_once_in_the_records_order():
    theirs = {**PERSON, "site": "Harbor House", "updated_at": "2026-11-22T18:00:00Z"}
    assert differences(PERSON, theirs) == [
        Difference("site", "Maple Court", "Harbor House"),
        Difference("updated_at", "2026-11-22T15:00:00Z", "2026-11-22T18:00:00Z"),
    ]


def test_revisions_are_bookkeeping_and_left_out():
    theirs = {**PERSON, "revisions": ["2026-11-21T09:00:00Z"]}
    assert differences(PERSON, theirs) == []


def test_nested_fields_are_named_by_their_path():
    mine = {"checkin": {"arriving": "", "ratings": {"workload": {"value": 2, "note": ""}}}}
    theirs = {"checkin": {"arriving": "Tired", "ratings": {"workload": {"value": 4, "note": ""}}}}
    assert differences(mine, theirs) == [
        Difference("checkin.arriving", '""', "Tired"),
        Difference("checkin.ratings.workload.value", "2", "4"),
    ]


def test_items_are_matched_by_id_so_one_added_shifts_nothing():
    a = {"id": "a", "text": "Too many forms"}
    b = {"id": "b", "text": "Late rota"}
    new = {"id": "n", "text": "Book a room"}
    found = differences({"concerns": [a, b]}, {"concerns": [new, a, dict(b, text="Rota")]})
    assert [(d.path, d.local, d.incoming) for d in found] == [
        ("concerns[0]", MISSING, '{"id":"n","text":"Book a room"}'),
        ("concerns[2].text", "Late rota", "Rota"),
    ]


def test_an_item_gone_on_one_side():
    a = {"id": "a", "text": "Too many forms"}
    (gone,) = differences({"concerns": [a]}, {"concerns": []})
    assert gone == Difference("concerns[0]", '{"id":"a","text":"Too many forms"}', MISSING)


def test_a_field_only_one_side_has():
    (only,) = differences({"a": 1}, {"a": 1, "next_session": "2026-12-01"})
    assert only == Difference("next_session", MISSING, "2026-12-01")


def test_no_version_here_shows_every_field_as_missing_here():
    found = differences(None, PERSON)
    assert found == [Difference("(the whole record)", MISSING, found[0].incoming)]
    assert found[0].incoming.startswith("{")


def test_plain_lists_are_compared_whole_with_labels():
    theirs = {**PERSON, "supervisor_ids": ["sup-1", "sup-2"]}
    labels = {"sup-1": "Dana Whitfield", "sup-2": "Marcus Oyelaran"}
    assert differences(PERSON, theirs, labels=labels) == [
        Difference("supervisor_ids", "Dana Whitfield", "Dana Whitfield, Marcus Oyelaran")
    ]


def test_lists_of_records_without_ids_go_place_by_place():
    mine = {"signoffs": [{"person_id": "p", "comment": ""}]}
    theirs = {"signoffs": [{"person_id": "p", "comment": "Agreed"}, {"person_id": "q"}]}
    assert [d.path for d in differences(mine, theirs)] == ["signoffs[0].comment", "signoffs[1]"]


def test_long_texts_are_shortened_to_one_line_without_control_characters():
    text = "First line\nsecond line \x1b[31mred\x1b[0m " + "word " * 40
    (d,) = differences({"note": ""}, {"note": text}, width=40)
    assert len(d.incoming) == 40 and d.incoming.endswith("…")
    assert "\n" not in d.incoming and "\x1b" not in d.incoming
    assert d.incoming.startswith("First line ⏎ second line")
    assert shorten("short") == "short"


def test_none_and_empty_are_told_apart():
    (d,) = differences({"due": None}, {"due": "2026-12-01"})
    assert d.local == "(empty)"
