"""The rotation of community-of-practice calls: who led the last ones, and who is next.

Fair means: among the active peers who take turns (``Person.leads_calls``), the one who
has led least recently goes next — never before goes first — then the one who has led
fewest times, then by name. Only held calls count (none removed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..domain.dates import human_date
from ..domain.enums import GroupKind, Role
from ..domain.groups import GroupSession
from ..domain.models import Person


@dataclass(frozen=True)
class Led:
    when: datetime
    facilitator_id: str
    name: str


@dataclass(frozen=True)
class Rotation:
    last: list[Led]  # the last calls, newest first
    next_id: str | None  # who is fairly next (None: nobody takes turns)
    next_name: str = ""
    times: dict[str, int] | None = None  # calls led, by person id
    # Some peers who take turns are not the reader's to see (encrypted records): their
    # calls are missing here, so nobody is named next (it would not be fair).
    partial: bool = False

    def line(self) -> str:
        """ "Last calls led by Ana (Tue 24 Nov 2026), Ben (…); next: Cy." """
        if self.last:
            led = ", ".join(f"{c.name} ({human_date(c.when.date())})" for c in self.last)
            said = f"Last calls {'you can see ' if self.partial else ''}led by {led}"
        else:
            said = "No community-of-practice call recorded yet"
        if self.partial:
            return f"{said}; who is next is for a lead, who sees every peer's calls, to say."
        nxt = self.next_name or "nobody takes turns to lead"
        return f"{said}; next: {nxt}."


def rotation(
    calls: Iterable[GroupSession], peers: list[Person], people: list[Person], *, last: int = 3
) -> Rotation:
    """From the held calls, who led the last ``last`` (newest first) and who is next among
    ``peers``; ``people`` gives everyone's names (a supervisor may lead a call too)."""
    names = {p.id: p.name for p in people}
    held = sorted(
        (c for c in calls if c.kind == GroupKind.COP and c.removed is None),
        key=lambda c: (c.when, c.id),
        reverse=True,
    )
    latest: dict[str, datetime] = {}
    times: dict[str, int] = {}
    for call in held:
        latest.setdefault(call.facilitator_id, call.when)
        times[call.facilitator_id] = times.get(call.facilitator_id, 0) + 1
    turns = [p for p in peers if p.role == Role.PEER and p.active and p.leads_calls]
    turns.sort(
        key=lambda p: (
            p.id in latest,
            latest.get(p.id, datetime.min),
            times.get(p.id, 0),
            p.name.casefold(),
            p.id,
        )
    )
    shown = [Led(c.when, c.facilitator_id, names.get(c.facilitator_id, "?")) for c in held[:last]]
    nxt = turns[0] if turns else None
    return Rotation(shown, nxt and nxt.id, nxt.name if nxt else "", times)
