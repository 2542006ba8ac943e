"""An idea across sessions: as it was raised, and the updates later sessions made to it
(taken to the team, then adopted, not adopted or adapted, with the reason told back)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .items import Idea, IdeaUpdate
from .logs import UpdateLog, ordered_logs


@dataclass(slots=True)
class IdeaLog(UpdateLog):
    update: IdeaUpdate


@dataclass(slots=True)
class IdeaTrack:
    peer_id: str
    raised_in: str
    raised_on: date
    base: Idea
    updates: list[IdeaLog] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.base.id

    @property
    def current(self) -> Idea:
        state = self.base
        for log in ordered_logs(self.updates):
            u = log.update
            state = replace(
                state,
                status=u.status,
                taken_by=u.taken_by or state.taken_by,
                taken_on=u.taken_on if u.taken_on is not None else state.taken_on,
                reason=(u.reason or state.reason) if u.status.decided else "",
            )
        return state

    @property
    def decided_on(self) -> date | None:
        """The day the team's decision was recorded (None while it is open)."""
        decided = self.raised_on if self.base.status.decided else None
        for log in ordered_logs(self.updates):
            decided = (decided or log.on) if log.update.status.decided else None
        return decided

    @property
    def is_open(self) -> bool:
        """Carried forward until the team has decided (adopted, not adopted, adapted)."""
        return not self.current.status.decided
