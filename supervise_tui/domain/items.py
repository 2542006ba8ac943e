"""Items: the concerns, ideas, development goals and actions raised in a session, and the
updates a later session makes to them (each update names its item by id).

:mod:`.tracks` follows one item across sessions, folding its updates; :mod:`.links` says
which items a session may update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import ConcernCategory, ConcernStatus, GoalArea, GoalStatus, IdeaKind, IdeaStatus
from .stamps import _id


@dataclass(slots=True)
class Concern:
    """A concern as it was raised. Later sessions add ConcernUpdates."""

    text: str = ""
    category: ConcernCategory | None = None
    raised_by: str = ""  # person id
    owner: str = ""  # person id
    status: ConcernStatus = ConcernStatus.OPEN
    follow_up: date | None = None
    resolution_note: str = ""
    id: str = _id()


@dataclass(slots=True)
class ConcernUpdate:
    concern_id: str
    status: ConcernStatus
    note: str = ""
    follow_up: date | None = None
    owner: str = ""
    resolution_note: str = ""
    id: str = _id()


@dataclass(slots=True)
class Goal:
    text: str = ""
    area: GoalArea | None = None
    target_date: date | None = None
    progress: int = 0  # 0–100
    status: GoalStatus = GoalStatus.ACTIVE
    next_step: str = ""
    id: str = _id()


@dataclass(slots=True)
class GoalUpdate:
    goal_id: str
    progress: int
    status: GoalStatus
    next_step: str = ""
    note: str = ""
    id: str = _id()


@dataclass(slots=True)
class Action:
    text: str = ""
    owner: str = ""  # person id: the peer or a supervisor
    due: date | None = None
    done_on: date | None = None
    id: str = _id()


@dataclass(slots=True)
class ActionUpdate:
    action_id: str
    done_on: date | None = None
    due: date | None = None
    note: str = ""
    id: str = _id()


@dataclass(slots=True)
class Idea:
    """An idea for the programme, or what the people the peer serves are saying (never
    a client's name), as it was raised. Later sessions add IdeaUpdates: taken to the
    team (by whom, when), then adopted, not adopted or adapted, the reason told back."""

    text: str = ""
    kind: IdeaKind = IdeaKind.PROGRAMME
    raised_by: str = ""  # person id
    status: IdeaStatus = IdeaStatus.NOTED
    taken_by: str = ""  # person id: who took it to the team
    taken_on: date | None = None
    reason: str = ""  # the team's reason, told back to the peer
    id: str = _id()


@dataclass(slots=True)
class IdeaUpdate:
    idea_id: str
    status: IdeaStatus
    taken_by: str = ""  # "" = unchanged
    taken_on: date | None = None  # None = unchanged
    reason: str = ""
    note: str = ""
    id: str = _id()
