"""Items: the concerns, development goals and actions raised in a session, and the
updates a later session makes to them (each update names its item by id).

:mod:`.tracks` follows one item across sessions, folding its updates; :mod:`.links` says
which items a session may update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import ConcernCategory, ConcernStatus, GoalArea, GoalStatus
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
