"""The records: people, and sessions with everything said in them.

These are plain containers. A draft may be half filled in (that is what a draft
is); :mod:`.validation` says what a stored or finished record must hold. The items a
session raises and updates (concerns, goals, actions) are in :mod:`.items`, and
:mod:`.tracks` follows each across sessions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .enums import (
    Decision,
    FeedbackKey,
    Fit,
    KeyFunction,
    NoticedBy,
    RatingKey,
    Section,
    SessionKind,
    SessionStatus,
)

# A session's items live in items.py; callers may still import them from here.
from .items import (  # noqa: F401
    Action,
    ActionUpdate,
    Concern,
    ConcernUpdate,
    Goal,
    GoalUpdate,
    Idea,
    IdeaUpdate,
)
from .person import Person  # noqa: F401 - a person (light: Home's start needs no more)
from .stamps import (  # noqa: F401 - the names records are made with, kept here too
    IDENTITY,
    MAX_REVISIONS,
    _id,
    _stamp,
    new_id,
    next_revisions,
    next_stamp,
    now_utc,
)

MAX_MINUTES = 12 * 60  # a longer "session" is a draft left open, not a meeting


@dataclass(slots=True)
class Rating:
    value: int | None = None  # 1–5, or not asked
    note: str = ""


def _ratings() -> dict[RatingKey, Rating]:
    return {key: Rating() for key in RatingKey}


@dataclass(slots=True)
class CheckIn:
    arriving: str = ""  # "how are you arriving today"
    ratings: dict[RatingKey, Rating] = field(default_factory=_ratings)


@dataclass(slots=True)
class RoleItem:
    activity: str = ""
    function: KeyFunction | None = None
    fit: Fit | None = None
    rationale: str = ""  # why the supervisor asked for it
    decision: Decision | None = None
    note: str = ""
    id: str = _id()


@dataclass(slots=True)
class Strength:
    skill: str = ""
    example: str = ""
    noticed_by: NoticedBy | None = None
    id: str = _id()
    idea_id: str = ""  # an adopted idea named as a strength (none before the link was kept)


def _feedback() -> dict[FeedbackKey, int | None]:
    return {key: None for key in FeedbackKey}


@dataclass(slots=True)
class Feedback:
    """The peer's feedback on the supervision itself."""

    ratings: dict[FeedbackKey, int | None] = field(default_factory=_feedback)
    text: str = ""


@dataclass(slots=True)
class Voices:
    """Two voices: the peer's own words, and the supervisor's notes."""

    peer: str = ""
    supervisor: str = ""


def _voices() -> dict[Section, Voices]:
    return {section: Voices() for section in Section}


@dataclass(slots=True)
class SignOff:
    person_id: str
    at: datetime
    comment: str = ""


@dataclass(slots=True)
class AgendaItem:
    """Something the peer asked to talk about next time (peer input)."""

    text: str
    added_on: date
    id: str = _id()


@dataclass(slots=True)
class PeerInput:
    """What a peer adds in their own view for the next session."""

    items: list[AgendaItem] = field(default_factory=list)
    note: str = ""
    updated_at: datetime | None = None

    @property
    def empty(self) -> bool:
        return not self.items and not self.note.strip()


@dataclass(slots=True)
class Correction:
    """On a draft: it corrects the finished session with the same id, as it was kept at
    ``of`` (its ``updated_at``). Said by whom, and why (required once everyone signed)."""

    of: datetime
    by: str  # person id
    reason: str = ""


@dataclass(slots=True)
class Amendment:
    """A correction made after everyone had signed: who, when, why, and the signed
    version as it was (``previous``, without its own amendments: they are listed here)."""

    by: str  # person id
    at: datetime
    reason: str
    previous: Session
    id: str = _id()


@dataclass(slots=True)
class Withdrawal:
    """A session kept but withdrawn (made by mistake): out of every figure."""

    by: str  # person id
    at: datetime
    reason: str


@dataclass(slots=True)
class Session:
    peer_id: str
    supervisor_ids: list[str]
    kind: SessionKind
    when: datetime  # local wall-clock time of the meeting
    site: str = ""
    pack_id: str = ""
    status: SessionStatus = SessionStatus.DRAFT
    checkin: CheckIn = field(default_factory=CheckIn)
    strengths: list[Strength] = field(default_factory=list)
    role_items: list[RoleItem] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    concern_updates: list[ConcernUpdate] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)  # and what clients are saying
    idea_updates: list[IdeaUpdate] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    goal_updates: list[GoalUpdate] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    action_updates: list[ActionUpdate] = field(default_factory=list)
    feedback: Feedback = field(default_factory=Feedback)
    voices: dict[Section, Voices] = field(default_factory=_voices)
    ticked: dict[str, list[str]] = field(default_factory=dict)  # section -> prompt ids
    # Walk-through state of a draft: the step shown, steps visited or skipped, and
    # text typed into a field that is not valid yet (kept verbatim, by field path).
    step: str = ""
    visited: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pending: dict[str, str] = field(default_factory=dict)
    agenda: list[AgendaItem] = field(default_factory=list)  # brought by the peer
    peer_note: str = ""  # the peer's own note for this session, written beforehand
    next_session: date | None = None
    # the supervisor's own learning at wrap-up (optional; the peer reads it too)
    learning: str = ""
    # Local wall-clock times it began and ended (None: not known, e.g. older records).
    started: datetime | None = None
    ended: datetime | None = None
    signoffs: list[SignOff] = field(default_factory=list)
    correcting: Correction | None = None  # a draft that corrects a finished session
    amendments: list[Amendment] = field(default_factory=list)  # oldest first
    withdrawn: Withdrawal | None = None
    id: str = _id()
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()
    revisions: list[datetime] = field(default_factory=list)  # see Person.revisions

    @property
    def participants(self) -> list[str]:
        return [self.peer_id, *self.supervisor_ids]

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def minutes(self) -> int | None:
        """How long it lasted, when both times are known and make sense (≤ 12 hours)."""
        if self.started is None or self.ended is None:
            return None
        minutes = int((self.ended - self.started).total_seconds() // 60)
        return minutes if 0 < minutes <= MAX_MINUTES else None

    def signed_by(self, person_id: str) -> SignOff | None:
        return next((s for s in self.signoffs if s.person_id == person_id), None)
