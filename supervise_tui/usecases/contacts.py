"""Noting an informal contact, and what follows from one: the time it counts, the
contacts since a peer's last session, and what they carry into the next."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from ..domain.contacts import Contact, check_contact, since, to_carry
from ..domain.dates import local
from ..domain.enums import Carry, ContactKind, SessionStatus
from ..domain.errors import ValidationError
from ..services.ids import NoSuchId, pick_by_id
from ..store.backend import Backend
from ..store.errors import NotFound

Clock = Callable[[], datetime]
HELD = (SessionStatus.COMPLETED, SessionStatus.ACKNOWLEDGED)


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
    last = last_held(store, peer_id)
    return since(store.contacts(peer_id, start=last and last.date()), last)


def contacts_to_carry(store: Backend, peer_id: str) -> list[Contact]:
    """Contacts marked to carry into the next session that no session has followed."""
    last = last_held(store, peer_id)
    return to_carry(store.contacts(peer_id, start=last and last.date()), last)


def find_contact(store: Backend, peer_ids: list[str], given: str) -> Contact:
    """A contact by its id or the first characters of it, among these peers' contacts
    (NoSuchId in one sentence otherwise)."""
    contacts = [c for peer_id in peer_ids for c in store.contacts(peer_id)]
    where = "`supervise contacts` lists them"
    try:
        return pick_by_id(given, (((c.id,), c) for c in contacts), "contact", where)
    except NoSuchId as error:
        raise NotFound(str(error)) from None


def remove_contact(store: Backend, contact: Contact) -> None:
    """Forget a contact noted by mistake: it no longer counts anywhere."""
    store.remove_contact(contact.peer_id, contact.id)
