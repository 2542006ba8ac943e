"""What the whole session of the walk-through tests holds, however it was typed (the TUI,
or the plain line-by-line mode): the same answers make the same record."""

from __future__ import annotations

from datetime import date

from supervise_tui.domain.enums import (
    ConcernCategory,
    Decision,
    FeedbackKey,
    Fit,
    GoalArea,
    KeyFunction,
    NoticedBy,
    RatingKey,
    Section,
    SessionStatus,
)
from supervise_tui.domain.models import Person, Session


def assert_whole_session(stored: Session, peer: Person, sup: Person) -> None:
    assert stored.status == SessionStatus.ACKNOWLEDGED
    assert stored.supervisor_ids == [sup.id]
    assert stored.checkin.arriving == "Tired 🌱"
    assert stored.checkin.ratings[RatingKey.ROLE_CLARITY].value == 4
    assert stored.checkin.ratings[RatingKey.ROLE_CLARITY].note == "clearer"
    assert stored.checkin.ratings[RatingKey.WORKLOAD].value == 2
    assert stored.checkin.ratings[RatingKey.SUPPORTED].value is None
    assert stored.voices[Section.CHECK_IN].peer == "Went well."
    (strength,) = stored.strengths
    assert (strength.skill, strength.example, strength.noticed_by) == (
        "Listening",
        "Stayed calm",
        NoticedBy.CLIENT,
    )
    (item,) = stored.role_items
    assert (item.activity, item.function, item.fit, item.rationale, item.decision) == (
        "Med logs",
        KeyFunction.NONE,
        Fit.DRIFTING,
        "Nurse off",
        Decision.HAND_OFF,
    )
    (concern,) = stored.concerns
    assert (concern.text, concern.category, concern.follow_up) == (
        "Not invited",
        ConcernCategory.TEAM_CULTURE,
        date(2026, 11, 27),
    )
    assert (concern.raised_by, concern.owner) == (peer.id, sup.id)
    (goal,) = stored.goals
    assert (goal.text, goal.area, goal.progress) == (
        "Lead a call",
        GoalArea.COP_LEAD,
        25,
    )
    assert stored.feedback.ratings[FeedbackKey.UNDERSTANDS_ROLE] == 5
    assert stored.feedback.text == "Helps. סבבה"
    (action,) = stored.actions
    assert (action.text, action.owner, action.due) == (
        "Ask agency",
        sup.id,
        date(2026, 11, 29),
    )
    assert stored.voices[Section.WRAP_UP].peer == "Thanks."
    said = {s.person_id: s.comment for s in stored.signoffs}
    assert said == {sup.id: "Fair record", peer.id: ""}
    assert stored.pending == {}
