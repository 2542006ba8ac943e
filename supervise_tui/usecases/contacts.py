"""Noting an informal contact, and what follows from one: the time it counts, the
contacts since a peer's last session, and what they carry into the next.

Only a supervisor notes or removes a contact. A removed contact is kept, marked removed
(so a bundle that still holds it does not bring it back), and counts nowhere."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime

from ..domain.contacts import Contact, check_contact, since, to_carry
from ..domain.dates import local
from ..domain.enums import HELD, Carry, ContactKind, Role
from ..domain.errors import ValidationError
from ..domain.models import next_revisions, next_stamp
from ..services.ids import NoSuchId, pick_by_id
from ..store.backend import Backend
from ..store.errors import NotFound, Refused

Clock = Callable[[], datetime]


def _may_note(store: Backend) -> None:
    """A peer signed in reads their contacts; noting and removing them is a supervisor's."""
    if store.signed_in is not None and store.person(store.signed_in).role != Role.SUPERVISOR:
        raise Refused("Informal contacts are noted and removed by a supervisor.")


def default_by(store: Backend, peer_id: str) -> str | None:
    """Who had a contact when nobody says: the supervisor signed in, else the peer's usual
    supervisor when there is exactly one (None: it must be asked)."""
    from .sessions import usual_supervisors

    me = store.signed_in
    if me is not None and store.person(me).role == Role.SUPERVISOR:
        return me
    usual = usual_supervisors(store, peer_id, me)
    return usual[0] if len(usual) == 1 else None


def note_contact(
    store: Backend,
    *,
    peer_id: str,
    by: str,
    kind: ContactKind | str,
    when: datetime,
    minutes: int,
    about: str = "",
    carry: Carry | str = Carry.NOTHING,
    clock: Clock,
) -> Contact:
    """Keep one informal contact, checked; a ValidationError in one sentence otherwise."""
    _may_note(store)
    try:
        kind, carry = ContactKind(kind), Carry(carry)
    except ValueError:
        kinds = ", ".join(k.value for k in ContactKind)
        raise ValidationError(f"The kind of contact is one of: {kinds}.", "kind") from None
    people = {p.id: p for p in store.people()}
    now = clock()
    contact = Contact(
        peer_id=peer_id,
        by=by,
        kind=kind,
        when=when,
        minutes=minutes,
        about=about,
        carry=carry,
        created_at=now,
        updated_at=now,
    )
    contact = check_contact(contact, people, local(now))
    store.put_contact(contact, replaces=None)
    return contact


def contacts_of(
    store: Backend, peer_id: str, *, start: date | None = None, end: date | None = None
) -> list[Contact]:
    """A peer's informal contacts between two days (none removed), oldest first."""
    return [c for c in store.contacts(peer_id, start=start, end=end) if not c.removed]


def last_held(store: Backend, peer_id: str) -> datetime | None:
    """When the peer's last held (not withdrawn) session took place; None: never."""
    for year in sorted(store.years(peer_id), reverse=True):
        rows = store.rows(peer_id, start=date(year, 1, 1), end=date(year, 12, 31))
        held = [r.when for r in rows if r.status in HELD]
        if held:
            return max(held)
    return None


def contacts_since_last(store: Backend, peer_id: str) -> list[Contact]:
    """The informal contacts with a peer since their last session, oldest first."""
    if not store.contacts(peer_id):  # none at all (Home asks for every peer as it opens)
        return []
    last = last_held(store, peer_id)
    return since(store.contacts(peer_id, start=last and last.date()), last)


def contacts_to_carry(store: Backend, peer_id: str) -> list[Contact]:
    """Contacts marked to carry into the next session that no session has brought in
    (or whose session is gone: a draft discarded, a session withdrawn)."""
    contacts = [c for c in store.contacts(peer_id) if c.carry != Carry.NOTHING]
    taken = {c.taken_in for c in contacts if c.taken_in}
    drafts = {d.id for d in store.drafts() if d.peer_id == peer_id}
    alive = set()
    for session_id in taken:
        row = store.filed_row(peer_id, session_id, None, anywhere=True)
        if session_id in drafts or (row is not None and row.status in HELD):
            alive.add(session_id)
    return to_carry(contacts, alive)


def mark_taken(store: Backend, contacts: list[Contact], session_id: str, *, clock: Clock) -> None:
    """The session ``session_id`` brought these contacts in: not carried again (one commit)."""
    if not contacts:
        return
    now = clock()
    with store.transaction():
        for c in contacts:
            store.put_contact(_changed(c, now, taken_in=session_id), replaces=c.updated_at)


def _changed(contact: Contact, now: datetime, **change) -> Contact:
    return dataclasses.replace(
        contact,
        **change,
        updated_at=next_stamp(contact.updated_at, now),
        revisions=next_revisions(contact.revisions, contact.updated_at),
    )


def find_contact(store: Backend, peer_ids: list[str], given: str) -> Contact:
    """A contact by its id or the first characters of it, among these peers' contacts
    (NotFound in one sentence otherwise)."""
    contacts = [c for peer_id in peer_ids for c in contacts_of(store, peer_id)]
    where = "`supervise contacts` lists them"
    try:
        return pick_by_id(given, (((c.id,), c) for c in contacts), "contact", where)
    except NoSuchId as error:
        raise NotFound(str(error)) from None


def remove_contact(store: Backend, contact: Contact, *, clock: Clock) -> None:
    """Set aside a contact noted by mistake: it no longer counts anywhere (kept, marked
    removed, so a bundle still holding it does not bring it back)."""
    _may_note(store)
    store.put_contact(_changed(contact, clock(), removed=True), replaces=contact.updated_at)
