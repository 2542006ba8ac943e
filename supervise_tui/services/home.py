"""What Home shows: one row per peer, with due dates and open items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.enums import Role
from ..domain.models import PeerSummary, Person, Session
from ..domain.schedule import Due, due


@dataclass(frozen=True)
class HomeRow:
    person: Person
    summary: PeerSummary
    due: Due

    @property
    def sort_key(self) -> tuple:
        # Overdue first (most overdue on top), then soonest due, then name.
        return (-self.due.days_late, self.due.on, self.person.name.casefold())


def home_rows(
    people: list[Person],
    summaries: dict[str, PeerSummary],
    today: date,
    *,
    include_inactive: bool = False,
) -> list[HomeRow]:
    rows = []
    for person in people:
        if person.role != Role.PEER or (not person.active and not include_inactive):
            continue
        summary = summaries.get(person.id) or PeerSummary(person.id)
        rows.append(
            HomeRow(
                person, summary, due(person.cadence, person.weekday, summary.last_session, today)
            )
        )
    return sorted(rows, key=lambda r: r.sort_key)


def draft_label(draft: Session, people: dict[str, Person]) -> str:
    peer = people.get(draft.peer_id)
    name = peer.display if peer else "an unknown peer"
    return f"{name}, {draft.when:%a %d %b %Y %H:%M}"
