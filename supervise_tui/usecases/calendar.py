"""When each peer's next session is due, for a calendar."""

from __future__ import annotations

from datetime import date

from ..domain.enums import Role
from ..domain.models import Person
from ..domain.schedule import due
from ..services.calendar import DueSession
from ..store.backend import Backend
from .people import visible_peers
from .sessions import usual_supervisors


def sessions_due(store: Backend, today: date, supervisor: Person | None = None) -> list[DueSession]:
    """Every active peer's next session (only ``supervisor``'s peers when given: those
    named on the peer, or met last)."""
    names = {p.id: p.name for p in store.people(role=Role.SUPERVISOR)}
    tallies = store.tallies()
    found = []
    for peer in visible_peers(store, include_inactive=False):
        with_whom = usual_supervisors(store, peer.id)
        if supervisor is not None and supervisor.id not in with_whom:
            continue
        tally = tallies.get(peer.id)
        when = due(peer.cadence, peer.weekday, tally.last_session if tally else None, today)
        found.append(
            DueSession(
                peer_id=peer.id,
                peer=peer.name,
                supervisors=[names[i] for i in with_whom if i in names],
                on=max(when.on, today),
                overdue=when.overdue,
            )
        )
    return found
