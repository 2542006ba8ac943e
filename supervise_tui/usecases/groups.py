"""Group sessions: recording one (every attending peer's copy in one commit), listing a
peer's, removing one recorded by mistake, and the rotation of who leads the calls.

A supervisor records a group session, or the facilitating peer does; either must be able
to write every attending peer's record (on encrypted records and on a server, a peer
cannot: a supervisor of the peers present records it there)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime

from ..domain.dates import local
from ..domain.enums import GroupKind, Role
from ..domain.errors import ValidationError
from ..domain.groups import GroupSession, check_group, copies_of
from ..domain.models import Person, Withdrawal, next_revisions, next_stamp
from ..domain.text import check_text
from ..services.ids import NoSuchId, pick_by_id
from ..services.rotation import Rotation, rotation
from ..store.backend import Backend
from ..store.errors import NotFound, Refused
from .people import visible_peers

Clock = Callable[[], datetime]


def _may_record(store: Backend, group: GroupSession, by: str | None = None) -> None:
    """Who may record or remove it: a supervisor, or the facilitating peer (the one signed
    in, or ``by``: the peer whose own view it is recorded from); either must be able to
    write every attending peer's record (a server's login, too)."""
    me = store.signed_in or by
    if me is not None and store.person(me).role == Role.PEER and me != group.facilitator_id:
        raise Refused("A group session is recorded by a supervisor or by the peer who led it.")
    readable = store.readable_peers()
    if readable is not None and not set(group.attendee_ids) <= readable:
        raise Refused(NOT_YOURS)


NOT_YOURS = (
    "Some of the peers present are not in your records; a supervisor of all of them, or "
    "a lead, can record it."
)


def not_yours(store: Backend, names: list[str]) -> None:
    """Refused (in the words above) when a name given is a peer the signed-in person may
    not see: said as such, not as a name that is not in the records."""
    readable = store.readable_peers()
    if readable is None:
        return
    hidden = {
        " ".join(p.name.split()).casefold()
        for p in store.people(role=Role.PEER)
        if p.id not in readable
    }
    if any(" ".join(name.split()).casefold() in hidden for name in names):
        raise Refused(NOT_YOURS)


def record_group(
    store: Backend, group: GroupSession, *, clock: Clock, by: str | None = None
) -> GroupSession:
    """Keep a new group session, checked, as a copy in each attending peer's record (one
    commit); a ValidationError in one plain sentence otherwise, and nothing written.
    ``by``: who records it, when no one is signed in (a peer records only a call they
    led)."""
    try:
        group = dataclasses.replace(group, kind=GroupKind(group.kind))
    except ValueError:
        kinds = ", ".join(k.value for k in GroupKind)
        raise ValidationError(f"The kind of group session is one of: {kinds}.", "kind") from None
    people = {p.id: p for p in store.people()}
    now = clock()
    group = check_group(group, people, local(now))
    _may_record(store, group, by)
    group = dataclasses.replace(group, peer_id="", created_at=now, updated_at=now, revisions=[])
    store.put_group(copies_of(group), replaces=None)
    return group


def groups_of(
    store: Backend, peer_id: str, *, start: date | None = None, end: date | None = None
) -> list[GroupSession]:
    """A peer's copies of the group sessions they attended (none removed), oldest first."""
    return [g for g in store.groups(peer_id, start=start, end=end) if g.removed is None]


def gathered(
    store: Backend,
    peers: list[Person],
    *,
    start: date | None = None,
    end: date | None = None,
    removed: bool = False,
) -> list[GroupSession]:
    """Each group session these peers attended once, with the own words of every copy
    read (a supervisor reads the peers they supervise), oldest first."""
    found: dict[str, GroupSession] = {}
    for peer in peers:
        for copy in store.groups(peer.id, start=start, end=end):
            if copy.removed is not None and not removed:
                continue
            if copy.id not in found:
                found[copy.id] = dataclasses.replace(copy, peer_id="", words=dict(copy.words))
            else:
                found[copy.id].words.update(copy.words)
    return sorted(found.values(), key=lambda g: (g.when, g.id))


def find_group(store: Backend, given: str) -> GroupSession:
    """A group session by its id or the first characters of it, among those the signed-in
    person may see (NotFound in one sentence otherwise)."""
    groups = gathered(store, visible_peers(store))
    where = "`supervise groups` lists them"
    try:
        return pick_by_id(given, (((g.id,), g) for g in groups), "group session", where)
    except NoSuchId as error:
        raise NotFound(str(error)) from None


def remove_group(
    store: Backend, group_id: str, reason: str, *, clock: Clock, by: str | None = None
) -> GroupSession:
    """Set aside a group session recorded by mistake, in every attending peer's record (one
    commit): kept, marked removed with who (``by``: else whoever is signed in, else its
    facilitator) and why, counted nowhere."""
    group = find_group(store, group_id)
    reason = check_text(reason, "reason", limit=500, required=True, label="reason").strip()
    _may_record(store, group)
    now = clock()
    by = store.signed_in or by or group.facilitator_id
    copies = []
    for peer_id in group.attendee_ids:
        for copy in store.groups(peer_id, start=group.day, end=group.day):
            if copy.id == group.id:
                copies.append(copy)
    mark = Withdrawal(by=by, at=now, reason=reason)
    stamp = next_stamp(group.updated_at, now)
    changed = [
        dataclasses.replace(
            c, removed=mark, updated_at=stamp, revisions=next_revisions(c.revisions, c.updated_at)
        )
        for c in copies
    ]
    store.put_group(changed, replaces=group.updated_at)
    return changed[0]


def team_rotation(store: Backend, *, last: int = 3) -> Rotation:
    """Who led the last community-of-practice calls, and who is fairly next. Fair needs
    every peer's calls: when the signed-in person may not see some peer who takes turns,
    the calls they can see are listed and nobody is named next (``partial``)."""
    peers = visible_peers(store)
    calls = [g for g in gathered(store, peers) if g.kind == GroupKind.COP]
    turn = rotation(calls, peers, store.people(), last=last)
    seen = {p.id for p in peers}
    takers = store.people(role=Role.PEER, include_inactive=False)
    if any(p.leads_calls and p.id not in seen for p in takers):
        return dataclasses.replace(turn, next_id=None, next_name="", partial=True)
    return turn
