"""An idea across sessions: as it was raised, and the updates later sessions made to it
(taken to the team, then adopted, not adopted or adapted, with the reason told back)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .items import Idea, IdeaUpdate
from .logs import RaisedTrack, UpdateLog, ordered_logs


@dataclass(slots=True)
class IdeaLog(UpdateLog):
    update: IdeaUpdate


@dataclass(slots=True)
class IdeaTrack(RaisedTrack):
    base: Idea
    updates: list[IdeaLog] = field(default_factory=list)

    @property
    def current(self) -> Idea:
        """The idea as raised, each update after the other: who took it to the team and
        when stay until an update says otherwise; the reason holds once decided."""
        idea = self.base
        for u in (log.update for log in ordered_logs(self.updates)):
            by, on = (
                u.taken_by or idea.taken_by,
                idea.taken_on if u.taken_on is None else u.taken_on,
            )
            reason = (u.reason or idea.reason) if u.status.decided else ""
            idea = replace(idea, status=u.status, taken_by=by, taken_on=on, reason=reason)
        return idea

    @property
    def decided_on(self) -> date | None:
        """The day the team's decision was recorded (None while it is open)."""
        return self._settled_on(lambda status: status.decided)

    @property
    def is_open(self) -> bool:
        """Carried forward until the team has decided (adopted, not adopted, adapted)."""
        return not self.current.status.decided
