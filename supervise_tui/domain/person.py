"""A person in the records: a supervisor or a peer specialist.

Kept apart from the session records (:mod:`.models`, which re-exports it): the app's
first screen lists people before any session is read, and making the session records'
classes took a third of the app's own imports at start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .enums import Cadence, Role
from .stamps import _id, _stamp


@dataclass(slots=True, frozen=True)
class Person:
    name: str
    role: Role
    site: str = ""
    active: bool = True
    cadence: Cadence = Cadence.WEEKLY
    weekday: int | None = None  # 0 = Monday … 6 = Sunday; None = any day
    id: str = _id()
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()
    # The updated_at of earlier versions, oldest first: lets an import tell an
    # update from a conflicting change (see docs/format.md).
    revisions: list[datetime] = field(default_factory=list)
    # A peer's supervisors: who, besides the peer, may see their records (see access.py).
    supervisor_ids: list[str] = field(default_factory=list)
    admin: bool = False  # a supervisor who sees every peer (the agency's lead)
    leads_calls: bool = True  # a peer taking turns to lead community-of-practice calls

    @property
    def display(self) -> str:
        return f"{self.name} ({self.site})" if self.site else self.name
