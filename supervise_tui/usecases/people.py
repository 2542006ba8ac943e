"""People: adding, changing, deactivating and deleting them; finding one by name."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from ..domain.enums import Role
from ..domain.errors import ValidationError
from ..domain.person import Person
from ..domain.stamps import check_id, next_revisions, next_stamp
from ..store.backend import Backend
from ..store.errors import ChangedElsewhere, NotFound, Refused
from .access import after_person_saved
from .keeping import person_set_aside


def save_person(store: Backend, person: Person, *, clock: Callable[[], datetime]) -> Person:
    """Add or change a person. Raises ValidationError for a confusing duplicate, or for a
    change of role once they have sessions in the other role."""
    from ..domain.validation import validate_person  # (not needed to start the app)

    check_id(person.id)
    others = store.people()
    previous = next((p for p in others if p.id == person.id), None)
    person = validate_person(person, others)
    known = {p.id: p for p in others}
    for i, sup_id in enumerate(person.supervisor_ids):
        sup = known.get(sup_id)
        if sup is None or sup.role != Role.SUPERVISOR:
            raise ValidationError(
                "A peer's supervisor must be a supervisor in the records.", f"supervisor_ids[{i}]"
            )
    if previous is not None and previous.role != person.role and store.has_records(person.id):
        raise ValidationError(
            f"{previous.name} already has sessions as a {previous.role.label.lower()}, "
            "so their role cannot change. Add them again with the other role instead.",
            "role",
        )
    now = clock()
    person = dataclasses.replace(
        person,
        created_at=previous.created_at if previous else now,
        updated_at=next_stamp(previous.updated_at if previous else None, now),
        revisions=next_revisions(previous.revisions, previous.updated_at) if previous else [],
    )
    try:
        with store.transaction():
            store.put_person(person, replaces=previous.updated_at if previous else None)
            after_person_saved(store, previous, person)  # who may read whom follows at once
    except ChangedElsewhere:
        raise person_set_aside(store, person, clock=clock) from None
    return person


def delete_person(store: Backend, person_id: str) -> None:
    """Delete someone with no sessions; anyone with records is refused (mark them
    inactive instead: their history stays)."""
    person = store.person(person_id)
    if store.has_records(person_id) or _in_contacts(store, person) or _in_groups(store, person):
        raise Refused(
            f"{person.name} has supervision records, so they cannot be deleted: "
            "their history would be lost. Mark them inactive instead."
        )
    store.remove_person(person_id)


def _in_contacts(store: Backend, person: Person) -> bool:
    """Whether an informal contact names ``person`` (with them, or noted by them)."""
    if person.role == Role.PEER:
        return bool(store.contacts(person.id))
    peers = store.people(role=Role.PEER)
    return any(c.by == person.id for peer in peers for c in store.contacts(peer.id))


def _in_groups(store: Backend, person: Person) -> bool:
    """Whether a group session names ``person`` (a peer keeps a copy of each they attended)."""
    if person.role == Role.PEER:
        return bool(store.groups(person.id))
    peers = store.people(role=Role.PEER)
    return any(person.id in g.supervisor_ids for p in peers for g in store.groups(p.id))


def visible_peers(store: Backend, *, include_inactive: bool = True) -> list[Person]:
    """The peers whose records the signed-in person may see (everyone's in a folder
    nobody signs in to)."""
    readable = store.readable_peers()
    peers = store.people(role=Role.PEER, include_inactive=include_inactive)
    return peers if readable is None else [p for p in peers if p.id in readable]


def visible_people(store: Backend) -> list[Person]:
    """Everyone the signed-in person may see listed: the supervisors, and only the peers
    whose records they may read (everyone in a folder nobody signs in to)."""
    readable = store.readable_peers()
    people = store.people()
    if readable is None:
        return people
    return [p for p in people if p.role != Role.PEER or p.id in readable]


def find_people(store: Backend, name: str, role: Role | None = None) -> list[Person]:
    """People whose name matches exactly (ignoring case and spacing); peers only among
    those whose records the signed-in person may see."""
    wanted = " ".join(name.split()).casefold()
    people = visible_peers(store) if role == Role.PEER else store.people(role=role)
    return [p for p in people if p.name.casefold() == wanted]


def find_person(store: Backend, name: str, role: Role | None = Role.PEER) -> Person:
    """The one person called ``name``; a clear error (with the closest names) otherwise."""
    wanted = " ".join(name.split())
    found = find_people(store, wanted, role)
    if len(found) == 1:
        return found[0]
    what = "peer specialist" if role == Role.PEER else "supervisor" if role else "person"
    if not found:
        from ..services.report import closest_names  # (with trends: not needed at start)

        close = closest_names(
            wanted, visible_peers(store) if role == Role.PEER else store.people(), role
        )
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise NotFound(f"There is no {what} called {wanted!r}.{hint}")
    sites = ", ".join(p.site or "no site" for p in found)
    raise NotFound(
        f"More than one {what} is called {wanted!r} (sites: {sites}); "
        "use the name and site as shown on People."
    )
