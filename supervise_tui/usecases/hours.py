"""Supervision time for the people someone may see: per peer, or one supervisor's."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..domain.models import Person
from ..services.hours import Hours, Target, check_targets, hours_of, parse_targets
from ..store.backend import Backend
from .people import visible_peers

if TYPE_CHECKING:
    from ..services.periods import Period


def hours_for(
    store: Backend,
    period: Period,
    today: date,
    targets: list[Target],
    *,
    peer: Person | None = None,
    supervisor: Person | None = None,
) -> list[Hours]:
    """One line per peer (``peer`` alone when given): their time in ``period`` and the
    targets they are below so far. With ``supervisor``, only sessions they were in."""
    from .contacts import contacts_of
    from .groups import groups_of

    peers = [peer] if peer is not None else visible_peers(store, include_inactive=False)
    lines = []
    for person in sorted(peers, key=lambda p: p.name.casefold()):
        rows, contacts = store.rows(person.id), contacts_of(store, person.id)
        groups = groups_of(store, person.id)
        if supervisor is not None:
            rows = [r for r in rows if supervisor.id in r.supervisor_ids]
            contacts = [c for c in contacts if c.by == supervisor.id]
            groups = [g for g in groups if supervisor.id in g.supervisor_ids]
            if not rows and not contacts and not groups:
                continue
        hours = hours_of(person.name, rows, period, contacts, groups)
        below = check_targets(rows, targets, today, contacts, groups)
        hours.below = below if supervisor is None else []
        lines.append(hours)
    return lines


def agency_targets() -> list[Target]:
    """The targets in the ``[hours]`` table of the settings file (none: no targets).
    Raises ValidationError, in one plain sentence, for one that cannot be read."""
    from ..config import load_settings

    return parse_targets(load_settings()[0].get("hours"))


def below_target(
    store: Backend, peers: list[Person], today: date, targets: list[Target]
) -> list[str]:
    """ "Name: what is missing so far" for each of ``peers`` below a target."""
    from .contacts import contacts_of  # (none of this is read when no target is set)
    from .groups import groups_of

    found = []
    for person in peers:
        rows, contacts = store.rows(person.id), contacts_of(store, person.id)
        groups = groups_of(store, person.id)
        for words in check_targets(rows, targets, today, contacts, groups):
            found.append(f"{person.name}: {words}")
    return found
