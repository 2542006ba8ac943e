"""Domain rules: validation, lifecycles, carry-forward, summaries."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from supervise_tui.domain import lifecycle, links, tallies, validation
from supervise_tui.domain.enums import (
    ConcernCategory,
    ConcernStatus,
    Fit,
    GoalArea,
    GoalStatus,
    Role,
    SessionKind,
    SessionStatus,
)
from supervise_tui.domain.errors import ValidationError
from supervise_tui.domain.models import (
    Action,
    ActionUpdate,
    Concern,
    ConcernUpdate,
    Goal,
    GoalUpdate,
    Person,
    RoleItem,
    Session,
    Strength,
)
from supervise_tui.domain.tracks import Tracks, apply_session, fold_sessions, settle_goal

NOW = datetime(2026, 11, 22, 15, 0)


def session(when=datetime(2026, 11, 17, 10), sid=None, **kw) -> Session:
    s = Session("peer-1", ["sup-1"], SessionKind.WEEKLY, when, **kw)
    if sid:
        s.id = sid
    return s


class TestPeople:
    def test_name_is_required_and_cleaned(self):
        with pytest.raises(ValidationError) as err:
            validation.validate_person(Person("   ", Role.PEER))
        assert err.value.field == "name"
        cleaned = validation.validate_person(Person("  Ana \t Lopez\x07 ", Role.PEER, " Elm  St "))
        assert cleaned.name == "Ana Lopez"
        assert cleaned.site == "Elm St"

    def test_duplicate_name_needs_a_different_site(self):
        first = Person("Sam Ortiz", Role.PEER, "Elm St")
        with pytest.raises(ValidationError) as err:
            validation.validate_person(Person("sam ortiz", Role.PEER, "elm st"), [first])
        assert "already someone called" in err.value.message
        ok = validation.validate_person(Person("Sam Ortiz", Role.PEER, "Oak Ave"), [first])
        assert ok.site == "Oak Ave"

    def test_editing_yourself_is_not_a_duplicate(self):
        first = Person("Sam Ortiz", Role.PEER, "Elm St")
        assert validation.validate_person(first, [first]).name == "Sam Ortiz"

    def test_emoji_and_rtl_names_are_kept(self):
        person = validation.validate_person(Person("سارا 🌱", Role.PEER))
        assert person.name == "سارا 🌱"

    def test_weekday_range(self):
        with pytest.raises(ValidationError):
            validation.validate_person(Person("A", Role.PEER, weekday=7))


class TestSessionValidation:
    def test_needs_peer_and_supervisor(self):
        s = session()
        s.supervisor_ids = []
        with pytest.raises(ValidationError) as err:
            validation.validate_session(s)
        assert err.value.field == "supervisor_ids"

    def test_peer_cannot_supervise_themselves(self):
        s = session()
        s.supervisor_ids = ["peer-1"]
        with pytest.raises(ValidationError):
            validation.validate_session(s)

    def test_several_supervisors_are_welcome_but_not_twice(self):
        s = session()
        s.supervisor_ids = ["sup-1", "sup-2"]
        validation.validate_session(s)
        s.supervisor_ids = ["sup-1", "sup-1"]
        with pytest.raises(ValidationError):
            validation.validate_session(s)

    @pytest.mark.parametrize("value", [0, 6, -1, True])
    def test_rating_out_of_range(self, value):
        s = session()
        from supervise_tui.domain.enums import RatingKey

        s.checkin.ratings[RatingKey.WORKLOAD].value = value
        with pytest.raises(ValidationError) as err:
            validation.validate_session(s)
        assert err.value.field == "checkin.ratings.workload"

    def test_huge_text_is_refused_with_its_length(self):
        s = session()
        s.feedback.text = "x" * 50_000
        with pytest.raises(ValidationError) as err:
            validation.validate_session(s)
        assert "50,000" in err.value.message

    def test_finishing_needs_required_fields_but_drafts_do_not(self):
        s = session()
        s.concerns.append(Concern(text="too many forms"))  # no category yet
        validation.validate_session(s)  # fine as a draft
        with pytest.raises(ValidationError) as err:
            lifecycle.finish(s, NOW)
        assert err.value.field == "concerns[0].category"

    def test_blank_rows_are_dropped_when_finishing(self):
        s = session()
        s.strengths.append(Strength())
        s.role_items.append(RoleItem())
        s.concerns.append(Concern())
        finished = lifecycle.finish(s, NOW)
        assert finished.strengths == [] and finished.role_items == []
        assert finished.concerns == []
        assert finished.status == SessionStatus.COMPLETED

    def test_role_item_needs_a_fit(self):
        s = session()
        s.role_items.append(RoleItem(activity="Front desk"))
        with pytest.raises(ValidationError) as err:
            lifecycle.finish(s, NOW)
        assert err.value.field == "role_items[0].fit"

    def test_action_owner_must_be_in_the_session(self):
        s = session()
        s.actions.append(Action("Call the agency", owner="stranger"))
        with pytest.raises(ValidationError) as err:
            validation.validate_session(s)
        assert err.value.field == "actions[0].owner"

    def test_resolving_needs_a_note(self):
        s = session()
        s.concern_updates.append(ConcernUpdate("c1", ConcernStatus.RESOLVED))
        with pytest.raises(ValidationError) as err:
            lifecycle.finish(s, NOW)
        assert err.value.field == "concern_updates[0].resolution_note"


class TestSignOff:
    def test_mutual_sign_off(self):
        s = lifecycle.finish(session(), NOW)
        s = lifecycle.sign_off(s, "peer-1", "Fair summary", NOW)
        assert s.status == SessionStatus.COMPLETED
        s = lifecycle.sign_off(s, "sup-1", "", NOW)
        assert s.status == SessionStatus.ACKNOWLEDGED
        assert [x.person_id for x in s.signoffs] == ["peer-1", "sup-1"]
        assert s.signoffs[0].comment == "Fair summary"

    def test_draft_cannot_be_signed(self):
        with pytest.raises(ValidationError):
            lifecycle.sign_off(session(), "peer-1", "", NOW)

    def test_outsider_cannot_sign(self):
        with pytest.raises(ValidationError):
            lifecycle.sign_off(lifecycle.finish(session(), NOW), "someone", "", NOW)


class TestLifecycles:
    def _raise_items(self):
        first = session(datetime(2026, 11, 3, 10), sid="s1")
        first.concerns.append(Concern("forms", ConcernCategory.WORKLOAD, id="c1"))
        first.goals.append(Goal("present", GoalArea.CONFERENCE, progress=10, id="g1"))
        first.actions.append(Action("ask agency", "sup-1", due=date(2026, 11, 10), id="a1"))
        tracks = Tracks()
        apply_session(tracks, first)
        return tracks, first

    def test_concern_lives_across_sessions(self):
        tracks, _ = self._raise_items()
        second = session(datetime(2026, 11, 10, 10), sid="s2")
        second.concern_updates.append(ConcernUpdate("c1", ConcernStatus.IN_PROGRESS, "asked"))
        apply_session(tracks, second)
        third = session(datetime(2026, 11, 17, 10), sid="s3")
        third.concern_updates.append(
            ConcernUpdate("c1", ConcernStatus.RESOLVED, resolution_note="form moved to admin")
        )
        apply_session(tracks, third)
        track = tracks.concerns["c1"]
        assert track.current.status == ConcernStatus.RESOLVED
        assert track.current.resolution_note == "form moved to admin"
        assert track.resolved_on == date(2026, 11, 17)
        assert [log.session_id for log in track.updates] == ["s2", "s3"]

    def test_resolved_then_reopened(self):
        tracks, _ = self._raise_items()
        steps = (("s2", 10, ConcernStatus.RESOLVED), ("s3", 17, ConcernStatus.OPEN))
        for sid, day, status in steps:
            s = session(datetime(2026, 11, day, 10), sid=sid)
            s.concern_updates.append(ConcernUpdate("c1", status, resolution_note="x"))
            apply_session(tracks, s)
        track = tracks.concerns["c1"]
        assert track.is_open and track.resolved_on is None
        assert track.current.resolution_note == ""

    def test_goal_reaching_100_completes_and_completing_sets_100(self):
        tracks, _ = self._raise_items()
        s = session(datetime(2026, 11, 10, 10), sid="s2")
        s.goal_updates.append(GoalUpdate("g1", 100, GoalStatus.ACTIVE))
        apply_session(tracks, s)
        assert tracks.goals["g1"].current.status == GoalStatus.COMPLETED
        assert settle_goal(40, GoalStatus.COMPLETED) == (100, GoalStatus.COMPLETED)
        assert settle_goal(140, GoalStatus.PAUSED) == (100, GoalStatus.PAUSED)

    def test_reapplying_a_session_keeps_later_updates(self):
        tracks, first = self._raise_items()
        s = session(datetime(2026, 11, 10, 10), sid="s2")
        s.goal_updates.append(GoalUpdate("g1", 60, GoalStatus.ACTIVE))
        apply_session(tracks, s)
        first.status = SessionStatus.ACKNOWLEDGED  # e.g. signed off later
        apply_session(tracks, first)
        assert tracks.goals["g1"].current.progress == 60
        apply_session(tracks, s)  # again: not doubled
        assert len(tracks.goals["g1"].updates) == 1

    def test_removing_an_item_from_its_session(self):
        tracks, first = self._raise_items()
        first.concerns = []
        touched = apply_session(tracks, first)
        assert "c1" in touched and "c1" not in tracks.concerns

    def test_updates_apply_in_date_order_not_save_order(self):
        tracks, _ = self._raise_items()
        late = session(datetime(2026, 11, 17, 10), sid="s3")
        late.goal_updates.append(GoalUpdate("g1", 80, GoalStatus.ACTIVE))
        early = session(datetime(2026, 11, 10, 10), sid="s2")
        early.goal_updates.append(GoalUpdate("g1", 30, GoalStatus.ACTIVE))
        apply_session(tracks, late)
        apply_session(tracks, early)
        assert tracks.goals["g1"].current.progress == 80


class TestCarryForward:
    def test_open_items_carry_forward_closed_ones_do_not(self):
        tracks = Tracks()
        s = session(datetime(2026, 11, 3, 10), sid="s1")
        s.concerns += [
            Concern("a", ConcernCategory.WORKLOAD, id="open"),
            Concern(
                "b",
                ConcernCategory.OTHER,
                id="done",
                status=ConcernStatus.RESOLVED,
                resolution_note="sorted",
            ),
        ]
        s.goals += [
            Goal("g", GoalArea.TRAINING, id="active"),
            Goal("h", GoalArea.TRAINING, status=GoalStatus.DROPPED, id="dropped"),
        ]
        s.actions += [
            Action("x", "sup-1", id="todo"),
            Action("y", "peer-1", done_on=date(2026, 11, 3), id="did"),
        ]
        apply_session(tracks, s)
        carried = links.carry_forward(tracks)
        assert [h.id for h in carried.concerns] == ["open"]
        assert [h.id for h in carried.goals] == ["active"]
        assert [h.id for h in carried.actions] == ["todo"]
        # linked, not copied: the carried track is the same record
        assert carried.concerns[0] is tracks.concerns["open"]

    def test_action_done_later_stops_carrying(self):
        tracks = Tracks()
        s = session(datetime(2026, 11, 3, 10), sid="s1")
        s.actions.append(Action("x", "sup-1", id="a"))
        apply_session(tracks, s)
        s2 = session(datetime(2026, 11, 10, 10), sid="s2")
        s2.action_updates.append(ActionUpdate("a", done_on=date(2026, 11, 8)))
        apply_session(tracks, s2)
        assert links.carry_forward(tracks).empty


def test_summary_counts():
    tracks = Tracks()
    s = session(sid="s1")
    s.concerns.append(Concern("a", ConcernCategory.WORKLOAD))
    s.goals.append(Goal("g", GoalArea.TRAINING))
    s.role_items.append(RoleItem("desk", fit=Fit.UNSURE))
    apply_session(tracks, s)
    from supervise_tui.domain.rows import SessionRow

    refs = [
        SessionRow(s.when, s.kind, SessionStatus.COMPLETED, ["sup-1"], NOW, id="s1"),
        SessionRow(datetime(2026, 11, 1), s.kind, SessionStatus.ACKNOWLEDGED, ["sup-1"], NOW),
    ]
    summary = tallies.tally_from_counts("peer-1", tallies.year_counts(refs), tracks)
    assert summary.sessions == 2
    assert summary.last_session == date(2026, 11, 17)
    assert (summary.open_concerns, summary.active_goals, summary.awaiting_signoff) == (1, 1, 1)


def test_fold_matches_applying_one_by_one_in_any_order():
    import random

    sessions = []
    for i, day in enumerate(range(1, 25, 3)):
        s = session(datetime(2026, 11, day, 10 + (i % 3)), sid=f"s{i}")
        s.concerns.append(Concern(f"c{i}", ConcernCategory.WORKLOAD, id=f"c{i}"))
        s.goals.append(Goal(f"g{i}", GoalArea.TRAINING, id=f"g{i}"))
        if i:
            s.concern_updates.append(ConcernUpdate(f"c{i - 1}", ConcernStatus.IN_PROGRESS))
            s.goal_updates.append(GoalUpdate(f"g{i - 1}", 10 * i, GoalStatus.ACTIVE))
        sessions.append(s)
    live = Tracks()
    for s in sessions:
        apply_session(live, s)
    shuffled = sessions[:]
    random.Random(1).shuffle(shuffled)
    assert fold_sessions(shuffled) == live


def test_overdue_actions_and_follow_ups():
    tracks = Tracks()
    s = session(datetime(2026, 11, 3, 10), sid="s1")
    s.actions += [
        Action("due soon", "sup-1", due=date(2026, 11, 30), id="a1"),
        Action("past due", "sup-1", due=date(2026, 11, 10), id="a2"),
        Action("no due", "sup-1", id="a3"),
        Action("done late", "sup-1", due=date(2026, 11, 10), done_on=date(2026, 11, 12), id="a4"),
    ]
    s.concerns += [
        Concern("late", ConcernCategory.WORKLOAD, follow_up=date(2026, 11, 10), id="c1"),
        Concern(
            "resolved",
            ConcernCategory.WORKLOAD,
            follow_up=date(2026, 11, 10),
            status=ConcernStatus.RESOLVED,
            resolution_note="ok",
            id="c2",
        ),
    ]
    apply_session(tracks, s)
    today = date(2026, 11, 22)
    assert [i for i, h in sorted(tracks.actions.items()) if h.is_overdue(today)] == ["a2"]
    assert tracks.concerns["c1"].follow_up_overdue(today)
    assert not tracks.concerns["c2"].follow_up_overdue(today)
    assert not tracks.concerns["c1"].follow_up_overdue(date(2026, 11, 10))
