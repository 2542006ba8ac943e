"""What the whole session of the walk-through tests holds, however it was typed (the TUI,
or the plain line-by-line mode): the same answers make the same record."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

from supervise_tui.cli import main
from supervise_tui.domain.enums import (
    ConcernCategory,
    Decision,
    FeedbackKey,
    Fit,
    GoalArea,
    IdeaKind,
    IdeaStatus,
    KeyFunction,
    NoticedBy,
    RatingKey,
    Section,
    SessionStatus,
)
from supervise_tui.domain.models import Person, Session

from .conftest import fixed_clock

# The answers of the TUI's whole-session walk (tests/ui), one a line: the supervisor
# (1: Dana), the kind and the time as offered; then every step, with a rating out of
# range, a date that does not exist and a way back to change the goal's progress.
ANSWERS = [
    "1", "", "",
    # check-in
    "Tired 🌱", "4", "clearer", "", "", "7", "2", "", "Went well.", "",
    # strengths
    "Listening", "Stayed calm", "4", "done",
    # role negotiation
    "Med logs", "5", "3", "Nurse off", "3", "done",
    # concerns: raised by the peer and owned by the supervisor, as offered
    "Not invited", "3", "", "", "31/02", "friday", "done",
    # ideas: what clients are saying, raised by the peer as offered
    "Clients ask for a later group", "2", "", "done",
    # goals, then into the feedback and back to change the progress
    "Lead a call", "3", "", "20", "", "done",
    "back", "back", "back", "back", "back", "25", "", "done",
    # feedback on supervision
    "5", "", "", "", "", "Helps. סבבה", "",
    # wrap-up
    "Ask agency", "2", "in 1 week", "", "", "Thanks.", "", "Ask before fixing.",
    # finish, then Jordan signs, then Dana with a comment
    "yes", "yes", "", "yes", "Fair record",
]  # fmt: skip


def run_plain(data_dir: Path, answers: list[str], *args: str, monkeypatch, capsys):
    """In this process: the answers as standard input, what was written, the exit code."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(a + "\n" for a in answers)))
    code = main(["session", "--plain", *args, "--data-dir", str(data_dir)], clock=fixed_clock)
    out, err = capsys.readouterr()
    return code, out, err


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
    (idea,) = stored.ideas
    assert (idea.text, idea.kind, idea.raised_by, idea.status) == (
        "Clients ask for a later group",
        IdeaKind.CLIENTS,
        peer.id,
        IdeaStatus.NOTED,
    )
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
    assert stored.learning == "Ask before fixing."
    said = {s.person_id: s.comment for s in stored.signoffs}
    assert said == {sup.id: "Fair record", peer.id: ""}
    assert stored.pending == {}


WALK_STATE = {"id", "created_at", "updated_at", "revisions", "at"}
WALK_STATE |= {"step", "visited", "skipped", "ticked", "pending"}


def comparable(value):
    """A record's data (``serial.to_data``) without ids, stamps and walk-through state:
    what two walks of the same answers must keep alike."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in WALK_STATE}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value
