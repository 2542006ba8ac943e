"""Importing a bundle, and settling the records that changed on both sides.

An import is checked whole before anything changes (every record by the rules a save
applies, every reference, every peer's history as it will be after the merge), then a
backup is taken and everything goes in as one commit. Records changed both here and in
the bundle are never overwritten: the other version is kept aside as a conflict for a
person to settle (docs/format.md).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from ..domain.derived import history_of
from ..domain.errors import ValidationError
from ..domain.links import items_before
from ..domain.models import Person, Session
from ..domain.serial import from_data, to_data
from ..domain.validation import check_id
from ..services import bundle as bundles
from ..services import bundle_records, differences, merge
from ..services.ids import NoSuchId, pick_by_id
from ..store.backend import Backend, Conflict
from ..store.errors import NotFound
from .access import grant_all


def read_bundle(path: Path) -> bytes:
    """A bundle file's bytes (at most a bundle's size). Raises NotFound with a sentence
    when it is not there, not a file, unreadable or too large."""
    from ..store.files import read_limited

    try:
        return read_limited(path, bundles.MAX_BUNDLE_BYTES, "bundle")
    except ValueError as error:
        raise NotFound(str(error)) from None


def is_sealed(raw: bytes) -> bool:
    """Whether a bundle is sealed with a passphrase (see :func:`unseal`)."""
    from ..store.crypto.bundles import is_sealed_bundle

    return is_sealed_bundle(raw)


def unseal(raw: bytes, passphrase: str) -> bytes:
    """A sealed bundle opened with its passphrase; BundleError when it does not open."""
    from ..store.crypto.bundles import open_bundle
    from ..store.crypto.sealing import SealError

    try:
        return open_bundle(raw, passphrase)
    except SealError as error:
        raise bundles.BundleError(error.reason) from None


def plan_import(store: Backend | None, bundle: bundles.Bundle) -> merge.MergePlan:
    """The merge of ``bundle`` into the records (None: an empty folder), every rule
    checked: raises BundleError, naming the place, before anything is changed."""
    local_people = {p.id: p for p in store.people()} if store is not None else {}
    peer_ids = {s.peer_id for s in bundle.sessions}
    local_sessions: dict[str, Session] = {}
    items: dict[str, dict[str, date]] = {}
    if store is not None:
        for peer_id in sorted(peer_ids & set(store.peers_with_records())):
            items[peer_id] = items_before(store.tracks(peer_id), date.max)
            local_sessions.update((s.id, s) for s in store.sessions(peer_id))
    bundle_records.check_references(bundle, local_people, items)
    if store is not None:
        merge.check_owners(bundle, store.session_owners())
    local_contacts = {}
    if store is not None:
        for peer_id in sorted({c.peer_id for c in bundle.contacts} & set(local_people)):
            local_contacts.update((c.id, c) for c in store.contacts(peer_id))
    plan = merge.plan_merge(bundle, local_people, local_sessions, local_contacts)
    merge.check_history(bundle, merge.merged_histories(plan, local_sessions))
    return plan


def apply_import(
    store: Backend, plan: merge.MergePlan, *, clock: Callable[[], datetime], progress=None
) -> str | None:
    """Apply a checked plan as one commit. Returns the backup taken first (None when
    nothing changes, or the store keeps its own backups)."""
    if not plan.changes_anything:
        return None
    by_peer: dict[str, list[Session]] = {}
    for decision in plan.of("session", "added", "updated"):
        by_peer.setdefault(check_id(decision.incoming.peer_id), []).append(decision.incoming)
    people = plan.of("person", "added", "updated")
    for decision in people:
        check_id(decision.incoming.id)
    backup = store.backup("before-import")
    now = clock()
    with store.transaction():
        for decision in people:
            local = decision.local
            store.put_person(decision.incoming, replaces=local.updated_at if local else None)
        if people and store.signed_in is not None:
            # an encrypted folder: each new peer's key, and their readers, before their
            # records are sealed with it (in the same commit)
            grant_all(store)
        for done, (peer_id, incoming) in enumerate(sorted(by_peer.items()), 1):
            held = {s.id: s for s in store.sessions(peer_id)}
            held.update((s.id, s) for s in incoming)
            sessions = list(held.values())
            store.replace_history(history_of(peer_id, sessions), sessions)
            if progress is not None:
                progress(done, len(by_peer))
        for decision in plan.of("contact", "added", "updated"):
            local = decision.local
            store.put_contact(decision.incoming, replaces=local.updated_at if local else None)
        store.put_conflicts(
            [
                Conflict(
                    id=f"{d.kind}-{d.incoming.id}",
                    kind=d.kind,
                    record_id=d.incoming.id,
                    found_at=now,
                    incoming=to_data(d.incoming),
                )
                for d in plan.of("person", "conflict") + plan.of("session", "conflict")
            ]
        )
    return backup


def find_conflict(store: Backend, given: str) -> Conflict:
    """The conflict ``given`` names: its id, or any part of the start of it (at least
    four characters; the record's id without "session-"/"person-" will do) that only
    one conflict's id begins with. NotFound, in one sentence, when none or several do."""
    conflicts = [((c.id, c.record_id), c) for c in store.conflicts()]
    try:
        return pick_by_id(given, conflicts, "conflict", "`supervise conflicts` lists them")
    except NoSuchId as error:
        raise NotFound(str(error)) from None


Versions = tuple[Person | Session | None, Person | Session]


def _versions(store: Backend, conflict: Conflict) -> Versions:
    """The record as it is here (None: no longer here) and the incoming version."""
    cls = Person if conflict.kind == "person" else Session
    try:
        incoming = from_data(cls, conflict.incoming)
    except ValidationError:
        raise NotFound(f"Conflict {conflict.id!r} cannot be read; it was left as it is.") from None
    try:
        if cls is Person:
            return store.person(incoming.id), incoming
        return store.session(incoming.peer_id, incoming.id), incoming
    except NotFound:
        return None, incoming


def compare_conflict(
    store: Backend, given: str, *, width: int = differences.WIDTH
) -> tuple[Conflict, list[differences.Difference]]:
    """The conflict ``given`` names (see :func:`find_conflict`) and how the version here
    differs from the incoming one, field by field (people's ids shown as their names)."""
    conflict = find_conflict(store, given)
    local, incoming = _versions(store, conflict)
    labels = {p.id: p.name for p in store.people()}
    found = differences.differences(
        to_data(local) if local is not None else None, to_data(incoming), labels=labels, width=width
    )
    return conflict, found


def settle_conflict(store: Backend, conflict_id: str, keep: str) -> Conflict:
    """Keep the local or the incoming version; both sides' histories are remembered, so
    the same conflict does not come back at the next import. ``conflict_id`` may be
    short (see :func:`find_conflict`); the conflict settled is returned."""
    if keep not in ("local", "incoming"):
        raise ValidationError("Choose which version to keep: local or incoming.", "keep")
    conflict = find_conflict(store, conflict_id)
    local, incoming = _versions(store, conflict)
    cls = type(incoming)
    if local is None:  # deleted here since: keeping "local" keeps it deleted
        chosen = incoming if keep == "incoming" else None
    else:
        first, second = (incoming, local) if keep == "incoming" else (local, incoming)
        merged = sorted({*first.revisions, *second.revisions, second.updated_at})
        chosen = dataclasses.replace(first, revisions=merged[-50:])
    with store.transaction():
        if chosen is None:
            pass
        elif cls is Person:
            store.put_person(chosen, replaces=local.updated_at if local else None)
        else:
            held = {s.id: s for s in store.sessions(chosen.peer_id)}
            held[chosen.id] = chosen
            sessions = list(held.values())
            store.replace_history(history_of(chosen.peer_id, sessions), sessions)
        store.drop_conflict(conflict.id)
    return conflict
