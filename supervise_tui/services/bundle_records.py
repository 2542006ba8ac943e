"""A bundle's records read one by one from their own bytes (an import peer by peer:
:mod:`..usecases.bundle_import`), checked exactly as :func:`.bundle.parse_bundle`
checks them in the whole bundle, and named by the same places; and the people and
items its sessions name, checked against the bundle and the records here."""

from __future__ import annotations

import re
from typing import Any

import orjson

from ..domain.contacts import Contact
from ..domain.enums import Role
from ..domain.models import Person, Session
from ..store.record_bytes import read_record
from .bundle import (
    Bundle,
    BundleError,
    _contact,
    _find_control,
    _group,
    _no_duplicates,
    _person,
    _session,
    checked_session,
)


def check_controls(value: Any, where: str) -> None:
    """No text (or key) in ``value`` holds a control character, and nothing is nested
    deeper than any bundle is."""
    found = _find_control(value, where, 1 if where else 0)
    if found:
        raise BundleError(*found)


def no_duplicates(ids: list[str], key: str) -> None:
    """The same id twice (at ``key``[i]) refuses a bundle."""
    _no_duplicates(ids, key)


def parse_record(raw, key: str, i: int) -> Person | Session | Contact:
    """One person, session or contact (``key``: the list it is in) of a bundle from its
    own bytes (any bytes-like object), checked as :func:`parse_bundle` checks it whole.
    A session is read straight from its bytes (:func:`..store.record_bytes.read_record`)
    when it holds nothing that may be a control character and the quick way takes it;
    otherwise (and anything it refuses) by the general rules, which say where."""
    raw, where = memoryview(raw), f"{key}[{i}]"
    maybe_control = may_hold_control(raw)
    if key == "sessions" and not maybe_control:  # (the bulk of a bundle: read in C)
        session = read_record(Session, raw)
        if session is not None:
            return checked_session(session, i)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:  # read whole before: only a number or nesting too large
        raise BundleError("The file is not valid JSON here", where) from None
    if maybe_control:
        found = _find_control(data, where, 2)
        if found:
            raise BundleError(*found)
    if key == "contacts":
        return _contact(data, i)
    if key == "group_sessions":
        return _group(data, i)
    return _person(data, i) if key == "people" else _session(data, i)


# A control character in a JSON text is always escaped (\b, \f, \r, \u00XX), or, for
# DEL and the C1 controls, written as it is: a record with none of these holds none.
# (Three patterns, each beginning with one byte the search can skip to; as one, the
# search tried every byte: 13–20 µs a session against about 2.)
def may_hold_control(raw) -> bool:
    """Whether a record's JSON bytes may hold a control character (False: it holds none)."""
    return any(pattern.search(raw) for pattern in _MAYBE_CONTROL)


_MAYBE_CONTROL = (
    re.compile(rb"\\(?:[bfr]|u00(?:0[0-8bcdefBCDEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]))"),
    re.compile(rb"\x7f"),
    re.compile(rb"\xc2[\x80-\x9f]"),
)


def check_references(
    bundle: Bundle, local_people: dict[str, Person], local_items: dict[str, set[str]]
) -> None:
    """Every session's people and every update's item must be known somewhere."""
    people = {**local_people, **{p.id: p for p in bundle.people}}
    items: dict[str, set[str]] = {k: set(v) for k, v in local_items.items()}
    for s in bundle.sessions:
        known = items.setdefault(s.peer_id, set())
        known.update(c.id for c in s.concerns)
        known.update(i.id for i in s.ideas)
        known.update(g.id for g in s.goals)
        known.update(a.id for a in s.actions)
    for i, s in enumerate(bundle.sessions):
        where = bundle.where(i)
        peer = people.get(s.peer_id)
        if peer is None:
            raise BundleError(
                "The session's peer is not in the bundle nor in the local records",
                f"{where}.peer_id",
            )
        if peer.role != Role.PEER:
            raise BundleError("The session's peer is not a peer specialist", f"{where}.peer_id")
        for j, sup in enumerate(s.supervisor_ids):
            if sup not in people:
                raise BundleError(
                    "A supervisor of the session is not in the bundle nor in the local records",
                    f"{where}.supervisor_ids[{j}]",
                )
            if people[sup].role != Role.SUPERVISOR:
                raise BundleError(
                    "A supervisor of the session is not a supervisor",
                    f"{where}.supervisor_ids[{j}]",
                )
        known = items.get(s.peer_id, set())
        for attr, key in (
            ("concern_updates", "concern_id"),
            ("idea_updates", "idea_id"),
            ("goal_updates", "goal_id"),
            ("action_updates", "action_id"),
        ):
            for j, update in enumerate(getattr(s, attr)):
                if getattr(update, key) not in known:
                    raise BundleError(
                        "An update refers to an item this peer does not have",
                        f"{where}.{attr}[{j}].{key}",
                    )
    for i, c in enumerate(bundle.contacts):
        where = f"contacts[{i}]"
        peer, by = people.get(c.peer_id), people.get(c.by)
        if peer is None or peer.role != Role.PEER:
            raise BundleError(
                "The contact's peer is not a known peer specialist", f"{where}.peer_id"
            )
        if by is None or by.role != Role.SUPERVISOR:
            raise BundleError("The contact's supervisor is not a known supervisor", f"{where}.by")
    for i, g in enumerate(bundle.groups):
        where = f"group_sessions[{i}]"
        for j, person_id in enumerate(g.attendee_ids):
            if getattr(people.get(person_id), "role", None) != Role.PEER:
                raise BundleError(
                    "A peer present is not a known peer specialist", f"{where}.attendee_ids[{j}]"
                )
        for j, person_id in enumerate(g.supervisor_ids):
            if getattr(people.get(person_id), "role", None) != Role.SUPERVISOR:
                raise BundleError(
                    "A supervisor present is not a known supervisor",
                    f"{where}.supervisor_ids[{j}]",
                )
