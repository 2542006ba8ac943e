"""Who may see whose records.

A peer sees only their own record. A supervisor sees the peers they supervise (the
peer's ``supervisor_ids``); a supervisor who is the agency's lead (``admin``) sees
every peer. Every backend that enforces access (an encrypted folder, a database
server) follows these rules; a plain folder on one person's computer shows everything.
"""

from __future__ import annotations

from .enums import Role
from .person import Person


def peers_visible_to(person: Person, people: list[Person]) -> set[str]:
    """The ids of the peers whose records ``person`` may see."""
    if person.role == Role.PEER:
        return {person.id}
    peers = [p for p in people if p.role == Role.PEER]
    if person.admin:
        return {p.id for p in peers}
    return {p.id for p in peers if person.id in p.supervisor_ids}


def may_see(person: Person, peer: Person) -> bool:
    if person.role == Role.PEER:
        return person.id == peer.id
    return person.admin or person.id in peer.supervisor_ids


def readers_of(peer: Person, people: list[Person]) -> set[str]:
    """Everyone who may see ``peer``'s records: the peer, their supervisors, the leads."""
    leads = {p.id for p in people if p.role == Role.SUPERVISOR and p.admin}
    return {peer.id, *peer.supervisor_ids, *leads}
