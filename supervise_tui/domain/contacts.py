"""Informal contacts: a text, a phone call, a drop-in between sessions. They count.

The study behind this product found that informal contact mattered alongside the formal
sessions. A contact is noted in seconds: with whom, how, when, for how long, and one line
about what it was about. It is never a session: it does not move when the next session
is due, but it counts as *informal* supervision time and shows in the peer's history.
One marked to carry forward is brought into the next session begun after it: into its
agenda, or as a concern to talk about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .dates import human_date, in_range
from .enums import Carry, ContactKind, Role
from .errors import ValidationError
from .models import MAX_MINUTES, AgendaItem, Concern, Person
from .stamps import _id, _stamp
from .text import check_text

ABOUT_MAX = 300  # one line
AHEAD = timedelta(minutes=5)  # a contact is noted after it happened (a slow clock aside)


@dataclass(slots=True)
class Contact:
    peer_id: str
    by: str  # the supervisor in touch with the peer (person id)
    kind: ContactKind
    when: datetime  # local wall-clock time it happened
    minutes: int
    about: str = ""  # one line: what it was about
    carry: Carry = Carry.NOTHING
    taken_in: str = ""  # the session that brought it in, once one has
    removed: bool = (
        False  # noted by mistake: kept (so a merge does not bring it back), counts nowhere
    )
    id: str = _id()
    created_at: datetime = _stamp()
    updated_at: datetime = _stamp()
    revisions: list[datetime] = field(default_factory=list)  # see Person.revisions

    @property
    def day(self):
        return self.when.date()

    def describe(self) -> str:
        """ "Phone call, 10 min" — how and how long, never what was said."""
        return f"{self.kind.label}, {self.minutes} min"


def contact_problem(contact: Contact) -> ValidationError | None:
    """What is wrong with a kept contact by itself (for a check or an import), or None."""
    try:
        _check_own(contact)
    except ValidationError as error:
        return error
    if contact.about != " ".join(contact.about.split()):
        return ValidationError("A contact's note must be one line.", "about")
    return None


def _check_own(contact: Contact) -> str:
    """The rules a contact keeps whoever noted it, whenever: its cleaned note."""
    if not isinstance(contact.kind, ContactKind):
        kinds = ", ".join(k.value for k in ContactKind)
        raise ValidationError(f"The kind of contact is one of: {kinds}.", "kind")
    minutes = contact.minutes
    if type(minutes) is not int or not 0 < minutes <= MAX_MINUTES:
        raise ValidationError(
            f"The minutes must be a whole number from 1 to {MAX_MINUTES} (12 hours).", "minutes"
        )
    in_range(contact.when.date(), "when")
    about = " ".join(check_text(contact.about, "about", limit=ABOUT_MAX, label="note").split())
    if contact.carry != Carry.NOTHING and not about:
        raise ValidationError("Please say in a line what to carry into the next session.", "about")
    return about


def check_contact(contact: Contact, people: dict[str, Person], now: datetime) -> Contact:
    """``contact`` with its text cleaned, or a ValidationError in one plain sentence."""
    peer = people.get(contact.peer_id)
    if peer is None:
        raise ValidationError("That peer is not in the records.", "peer_id")
    if peer.role != Role.PEER:
        raise ValidationError(f"{peer.name} is not a peer specialist.", "peer_id")
    by = people.get(contact.by)
    if by is None or by.role != Role.SUPERVISOR:
        raise ValidationError("An informal contact is noted by a supervisor.", "by")
    contact.about = _check_own(contact)
    if contact.when > now.replace(tzinfo=None) + AHEAD:
        raise ValidationError(
            "That time is still ahead; a contact is noted once it has happened.", "when"
        )
    return contact


def since(contacts: list[Contact], last: datetime | None) -> list[Contact]:
    """The contacts (not removed) after a peer's last held session (all of them when there
    was none), oldest first."""
    found = [c for c in contacts if not c.removed and (last is None or c.when > last)]
    return sorted(found, key=lambda c: (c.when, c.id))


def to_carry(contacts: list[Contact], taken: set[str]) -> list[Contact]:
    """The contacts marked to carry forward that no session has brought in yet: none has,
    or the one that did is gone (a draft discarded, a session withdrawn). ``taken``: the
    sessions and drafts that still count."""
    found = [
        c
        for c in contacts
        if not c.removed and c.carry != Carry.NOTHING and c.taken_in not in taken
    ]
    return sorted(found, key=lambda c: (c.when, c.id))


def carried_items(contacts: list[Contact]) -> tuple[list[AgendaItem], list[Concern]]:
    """What carried contacts bring into a new session: agenda items, and concerns raised
    by the supervisor who had the contact."""
    agenda, concerns = [], []
    for contact in contacts:
        if contact.carry == Carry.AGENDA:
            words = f"From a {contact.kind.label.lower()} on {human_date(contact.day)}: "
            agenda.append(AgendaItem(text=words + contact.about, added_on=contact.day))
        elif contact.carry == Carry.CONCERN:
            concerns.append(Concern(text=contact.about, raised_by=contact.by))
    return agenda, concerns


def contact_lines(contacts: list[Contact], names: dict[str, str]) -> list[str]:
    """One plain line per contact for a peer's own record: when, how, how long, with
    whom, and what it was about."""
    return [
        f"{human_date(c.day)} {c.when:%H:%M} · informal · {c.describe()} with "
        f"{names.get(c.by, 'a supervisor')}" + (f" — {c.about}" if c.about else "")
        for c in sorted(contacts, key=lambda c: (c.when, c.id))
    ]
