"""Keeping who may read whose records in step with the people (see domain/access.py).

After any change to a person — a new peer, other supervisors, a lead, someone who left,
a new name — every peer concerned gets exactly the readers the rules say. A store that
does not keep records apart by key (a plain folder) is untouched.
"""

from __future__ import annotations

from ..domain.access import readers_of
from ..domain.enums import Role
from ..domain.person import Person
from ..store.backend import Backend
from ..store.errors import NoAccess


def after_person_saved(store: Backend, previous: Person | None, person: Person) -> None:
    if store.signed_in is None:
        return  # nobody signs in to this store: nothing is kept apart by key
    if previous is not None and previous.name != person.name:
        store.rename_login(person.id, person.name)
    if previous is not None and previous.active and not person.active:
        store.remove_secret(person.id)  # someone who left reads nothing any more
        grant_all(store)
        return
    changed_lead = previous is not None and previous.admin != person.admin
    if person.role == Role.SUPERVISOR and (changed_lead or previous is None):
        grant_all(store)
    else:
        grant_for(store, person)


def grant_for(store: Backend, person: Person) -> None:
    """The peers whose readers ``person`` is among (or was): readers as the rules say."""
    people = store.people()
    for peer in people:
        if peer.role == Role.PEER and (peer.id == person.id or person.role == Role.SUPERVISOR):
            _grant(store, peer, people)


def grant_all(store: Backend) -> None:
    people = store.people()
    for peer in people:
        if peer.role == Role.PEER:
            _grant(store, peer, people)


def _grant(store: Backend, peer: Person, people: list[Person]) -> None:
    readers = {p.id for p in people if p.active} & readers_of(peer, people)
    try:
        store.set_readers(peer.id, readers)
    except NoAccess:
        pass  # not the signed-in person's to give: the next lead to sign in does it
