"""Which items a session may update, and what a new session carries forward.

A session may update only its peer's items that were raised on or before its own date
(a back-dated session cannot change the past out of order). A new session reviews the
open concerns and ideas, active goals and unfinished actions, linked by id, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .enums import SessionStatus
from .errors import ValidationError
from .models import Session
from .tracks import ActionTrack, ConcernTrack, GoalTrack, IdeaTrack, Tracks, fold_sessions

_UPDATES = (
    ("concern_updates", "concern_id"),
    ("idea_updates", "idea_id"),
    ("goal_updates", "goal_id"),
    ("action_updates", "action_id"),
)


def link_problem(session: Session, tracks: Tracks) -> ValidationError | None:
    """Why ``session`` may not update the items it names, given the peer's ``tracks``
    (None when it may): each item must be the peer's, raised on or before its day."""
    allowed = items_before(tracks, session.day)
    known = set(tracks.concerns) | set(tracks.ideas) | set(tracks.goals) | set(tracks.actions)
    for attr, key in _UPDATES:
        for i, update in enumerate(getattr(session, attr)):
            item_id = getattr(update, key)
            if item_id not in known:
                return ValidationError(
                    "This session updates an item that is not in this peer's record.",
                    f"{attr}[{i}]",
                )
            if item_id not in allowed:
                return ValidationError(
                    "This session is dated before the item it updates was raised; "
                    "check the session's date.",
                    f"{attr}[{i}]",
                )
    return None


def history_problems(sessions: list[Session]) -> list[tuple[Session, ValidationError]]:
    """Every session of a peer's history that updates an item it may not (see
    :func:`link_problem`), with why."""
    tracks = fold_sessions(sessions)
    raised = items_before(tracks, date.max)  # every item, with the day it was raised
    found = []
    for session in sorted(sessions, key=lambda s: (s.when, s.id)):
        if session.status == SessionStatus.WITHDRAWN:
            continue  # it updates nothing (its updates are kept, to read)
        day = session.day
        if all(
            (raised.get(getattr(update, key)) or date.max) <= day
            for attr, key in _UPDATES
            for update in getattr(session, attr)
        ):
            continue  # (looked up once for the history, not for each session)
        problem = link_problem(session, tracks)
        if problem is not None:
            found.append((session, problem))
    return found


def items_before(tracks: Tracks, day: date) -> dict[str, date]:
    """Ids of the items a session on ``day`` may update, with the day each was raised."""
    found: dict[str, date] = {}
    for held, start in (
        (tracks.concerns, "raised_on"),
        (tracks.ideas, "raised_on"),
        (tracks.goals, "set_on"),
        (tracks.actions, "agreed_on"),
    ):
        for h in held.values():
            if getattr(h, start) <= day:
                found[h.id] = getattr(h, start)
    return found


@dataclass
class CarryForward:
    """What a new session reviews before new material: linked by id."""

    concerns: list[ConcernTrack]
    goals: list[GoalTrack]
    actions: list[ActionTrack]
    ideas: list[IdeaTrack] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.concerns or self.goals or self.actions or self.ideas)


def carry_forward(tracks: Tracks, before: date | None = None) -> CarryForward:
    """Open concerns, active goals, unfinished actions and open ideas, oldest first."""

    def early(on: date) -> bool:
        return before is None or on <= before

    return CarryForward(
        concerns=sorted(
            (h for h in tracks.concerns.values() if h.is_open and early(h.raised_on)),
            key=lambda h: (h.raised_on, h.id),
        ),
        goals=sorted(
            (h for h in tracks.goals.values() if h.is_active and early(h.set_on)),
            key=lambda h: (h.set_on, h.id),
        ),
        actions=sorted(
            (h for h in tracks.actions.values() if h.is_open and early(h.agreed_on)),
            key=lambda h: (h.current.due or date.max, h.agreed_on, h.id),
        ),
        ideas=sorted(
            (h for h in tracks.ideas.values() if h.is_open and early(h.raised_on)),
            key=lambda h: (h.raised_on, h.id),
        ),
    )
