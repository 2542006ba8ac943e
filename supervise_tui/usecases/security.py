"""Signing in, passphrases, and who may read whose records (an encrypted folder).

The rules are the domain's (:mod:`..domain.access`): a peer reads their own record, a
supervisor the peers who name them, a lead everyone. These use cases keep the keys in
step with them: each time a person, an assignment or a passphrase changes, every peer
concerned gets exactly the readers the rules say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from ..domain.enums import Role, SessionStatus
from ..domain.errors import ValidationError
from ..domain.models import Person
from ..domain.passphrases import check_passphrase
from ..store.backend import Backend
from ..store.crypto.codes import new_recovery_code, new_setup_code, normalize
from ..store.errors import NoAccess, Refused
from .access import grant_all, grant_for
from .people import save_person

Clock = Callable[[], datetime]


def sign_in(store: Backend, name: str, secret: str) -> tuple[Person, bool]:
    """The person signing in, and whether they must choose a passphrase now."""
    try:
        person_id, must_choose = store.unlock(name, secret)
    except NoAccess:
        code = normalize(secret)
        if code == secret or len(code) != 14:
            raise
        person_id, must_choose = store.unlock(name, code)  # a setup code typed loosely
    person = store.person(person_id)
    if not person.active:
        store.lock()
        raise NoAccess("That person is no longer active here; ask a supervisor.")
    return person, must_choose


def start_encrypted(
    store: Backend, person: Person, passphrase: str, again: str, *, clock: Clock
) -> tuple[Person, str]:
    """First start on an empty folder: the first supervisor, who leads it, and their
    passphrase. Returns them and the agency's recovery key (shown once)."""
    check_passphrase(passphrase, again)
    if person.role != Role.SUPERVISOR:
        raise ValidationError("The first person is a supervisor.", "role")
    if store.people():
        raise Refused("These records have people already; sign in instead.")
    person = dataclasses.replace(person, admin=True)
    code = new_recovery_code()
    store.encrypt(person.id, person.name, passphrase, code)
    return save_person(store, person, clock=clock), code


def encrypt_folder(
    store: Backend, person: Person, passphrase: str, again: str, *, clock: Clock
) -> str:
    """Encrypt a folder of plain records, ``person`` (a supervisor) leading it. Each peer's
    supervisors are taken from who met them, where none are named yet. A backup first.
    Returns the agency's recovery key."""
    check_passphrase(passphrase, again)
    if person.role != Role.SUPERVISOR:
        raise ValidationError("Only a supervisor can encrypt the records.", "as")
    for peer in store.people(role=Role.PEER):
        if not peer.supervisor_ids:
            rows = [r for r in store.rows(peer.id) if r.status != SessionStatus.WITHDRAWN]
            met = sorted({s for row in rows for s in row.supervisor_ids})
            if met:
                save_person(store, dataclasses.replace(peer, supervisor_ids=met), clock=clock)
    if not person.admin:
        person = save_person(store, dataclasses.replace(person, admin=True), clock=clock)
    store.backup("before-encrypt")
    code = new_recovery_code()
    store.encrypt(person.id, person.name, passphrase, code)
    grant_all(store)
    return code


DEMO_PASSPHRASE = "fictional demo passphrase"  # printed: the demo's records are invented


def encrypt_demo(store: Backend, *, clock: Clock) -> Person:
    """Encrypt a freshly built demo: its first supervisor leads, and everyone in it signs
    in with :data:`DEMO_PASSPHRASE`. Returns the lead."""
    lead = store.people(role=Role.SUPERVISOR)[0]
    encrypt_folder(store, lead, DEMO_PASSPHRASE, DEMO_PASSPHRASE, clock=clock)
    for person in store.people():
        if person.id != lead.id:
            give_passphrase(store, person, DEMO_PASSPHRASE, DEMO_PASSPHRASE)
    return store.person(lead.id)


def give_passphrase(
    store: Backend, person: Person, passphrase: str | None, again: str | None = None
) -> str | None:
    """Let someone sign in: with the passphrase they type now, or (None) with a one-time
    setup code to hand over, returned. Their records' keys follow at once."""
    _check_granter(store, person)
    if passphrase is None:
        code = new_setup_code()
        store.set_secret(person.id, person.name, code, setup=True)
    else:
        check_passphrase(passphrase, again)
        code = None
        store.set_secret(person.id, person.name, passphrase)
    grant_for(store, person)
    return code


def choose_passphrase(store: Backend, person: Person, passphrase: str, again: str) -> None:
    """After signing in with a setup code, or to change one's own passphrase later."""
    check_passphrase(passphrase, again)
    store.set_secret(person.id, person.name, passphrase)
    grant_for(store, person)


def change_passphrase(store: Backend, old: str, new: str, again: str) -> None:
    check_passphrase(new, again)
    store.change_secret(old, new)


def remove_access(store: Backend, person: Person) -> None:
    """Someone leaves: their passphrase and every key of theirs go (records stay)."""
    store.remove_secret(person.id)
    grant_all(store)


def _check_granter(store: Backend, person: Person) -> None:
    """A peer cannot give passphrases; a supervisor gives them to people they may see."""
    me = store.signed_in
    if me is None or me == "recovery":
        return
    granter = store.person(me)
    if granter.role == Role.PEER and granter.id != person.id:
        raise Refused("Only a supervisor can give someone a passphrase.")
