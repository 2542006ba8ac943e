"""Importing a bundle peer by peer, so that ten years of records are never held whole.

The bundle's bytes are split into each record's own (:mod:`..store.bundle_parts`); the
header and the people are checked first, then each peer's sessions are read, checked by
every rule :func:`.imports.plan_import` applies (shape, references, ids used here, the
history after the merge), merged, and their files worked out and set aside in the unit
of work (``replace_history`` spills them) before the next peer is read. Nothing is
written until every peer has passed: a problem anywhere drops the whole unit, and the
records stay as they were. Only then is the backup taken (of the records as they still
are) and everything committed as one journaled commit, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from ..domain.contacts import Contact
from ..domain.derived import history_of
from ..domain.groups import GroupSession
from ..domain.links import items_before
from ..domain.models import Person
from ..domain.serial import to_data
from ..domain.validation import check_id
from ..services import bundle as bundles
from ..services import bundle_records, merge
from ..store.backend import Backend, Conflict
from ..store.bundle_parts import BundleParts, split_bundle
from .access import grant_all
from .bulk import collector_paused
from .imports import apply_import, local_copies, plan_import, put_copies


def import_bundle(
    store: Backend | None,
    raw: bytes,
    *,
    clock: Callable[[], datetime],
    dry_run: bool = False,
    progress=None,
) -> tuple[merge.MergePlan, str | None]:
    """Check ``raw`` against the records (None: an empty folder) and, unless
    ``dry_run``, import it as one commit. Returns the merge (its counts) and the backup
    taken first (None when nothing changed). Raises BundleError naming the place.

    Python's cycle collector waits until the import is done: the bundle's parts and a
    peer's records are hundreds of thousands of objects holding no cycles, which it
    walked again and again as they came and went (2.5 of 17 s at 50,000 sessions)."""
    with collector_paused():
        return _import(store, raw, clock, dry_run, progress)


def _import(store, raw, clock, dry_run, progress) -> tuple[merge.MergePlan, str | None]:
    parts = split_bundle(raw)
    if parts is None:  # not well-formed: read whole, which says where (or, rarely, reads)
        plan = plan_import(store, bundles.parse_bundle(raw))
        if dry_run or store is None:
            return plan, None
        return plan, apply_import(store, plan, clock=clock, progress=progress)
    people, contacts, copies, groups = _open(parts)
    local_people = {p.id: p for p in store.people()} if store is not None else {}
    noted = bundles.Bundle(None, "", "", people, [], contacts, copies)
    bundle_records.check_references(noted, local_people, {})
    local_contacts = {}
    for peer_id in sorted({c.peer_id for c in contacts} & set(local_people)):
        local_contacts.update((c.id, c) for c in store.contacts(peer_id))
    held_copies = local_copies(store, noted)
    plan = merge.plan_merge(noted, local_people, {}, local_contacts, held_copies)
    reader = _Reader(store, parts, people, local_people)
    if dry_run or store is None:
        for done, (peer_id, places) in enumerate(groups, 1):
            plan.decisions += reader.peer(peer_id, places).decisions
            plan.fold()
            _tell(progress, done, len(groups))
        return plan, None
    now, conflicts, backup = clock(), [], None
    with store.transaction():
        changed = plan.of("person", "added", "updated")
        for decision in changed:
            check_id(decision.incoming.id)
            local = decision.local
            store.put_person(decision.incoming, replaces=local.updated_at if local else None)
        if changed and store.signed_in is not None:
            grant_all(store)  # each new peer's key, before their records are sealed with it
        conflicts += [_conflict(d, now) for d in plan.of("person", "conflict")]
        for done, (peer_id, places) in enumerate(groups, 1):
            peer_plan = reader.peer(peer_id, places)
            incoming = [d.incoming for d in peer_plan.of("session", "added", "updated")]
            if incoming:
                held = {**reader.local, **{s.id: s for s in incoming}}
                sessions = list(held.values())
                store.replace_history(history_of(check_id(peer_id), sessions), sessions)
            conflicts += [_conflict(d, now) for d in peer_plan.of("session", "conflict")]
            plan.decisions += peer_plan.decisions
            plan.fold()
            _tell(progress, done, len(groups))
        for decision in plan.of("contact", "added", "updated"):
            local = decision.local
            store.put_contact(decision.incoming, replaces=local.updated_at if local else None)
        put_copies(store, plan)
        if plan.changes_anything:
            store.put_conflicts(conflicts)
            backup = store.backup("before-import")  # the records as they still are
    return plan, backup


def _tell(progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _conflict(decision: merge.Decision, now: datetime) -> Conflict:
    return Conflict(
        id=f"{decision.kind}-{decision.incoming.id}",
        kind=decision.kind,
        record_id=decision.incoming.id,
        found_at=now,
        incoming=to_data(decision.incoming),
    )


def _open(parts: BundleParts) -> tuple[list[Person], list[Contact], list[GroupSession], list]:
    """The header, the people, the contacts and the copies of group sessions checked;
    each peer's sessions' places in the bundle, peers in order (a session that names no
    peer first: refused when read)."""
    header = dict(parts.header, people=parts.people, sessions=parts.sessions)
    header["contacts"], header["group_sessions"] = parts.contacts, parts.groups
    bundles.check_format(header)
    bundle_records.check_controls(parts.header, "")
    bundles.check_header(header)
    people = [bundle_records.parse_record(p, "people", i) for i, p in enumerate(parts.people)]
    bundle_records.no_duplicates([p.id for p in people], "people")
    contacts = [bundle_records.parse_record(c, "contacts", i) for i, c in enumerate(parts.contacts)]
    bundle_records.no_duplicates([c.id for c in contacts], "contacts")
    copies = [
        bundle_records.parse_record(g, "group_sessions", i) for i, g in enumerate(parts.groups)
    ]
    bundle_records.no_duplicates([bundles.copy_key(g) for g in copies], "group_sessions")
    ids = [sid if isinstance(sid, str) else object() for sid, _ in parts.heads]
    bundle_records.no_duplicates(ids, "sessions")
    groups: dict[str, list[int]] = {}
    for i, (_, peer_id) in enumerate(parts.heads):
        groups.setdefault(peer_id if isinstance(peer_id, str) else "", []).append(i)
    return people, contacts, copies, sorted(groups.items())


class _Reader:
    """Reads one peer's sessions of a bundle and checks them against the records."""

    def __init__(self, store, parts: BundleParts, people, local_people) -> None:
        self.store, self.parts, self.people = store, parts, people
        self.local_people = local_people
        self.owners = store.session_owners() if store is not None else {}
        self.with_records = set(store.peers_with_records()) if store is not None else set()
        self.local: dict = {}  # the peer's sessions here, once read

    def peer(self, peer_id: str, places: list[int]) -> merge.MergePlan:
        records = self.parts.sessions
        sessions = [bundle_records.parse_record(records[i], "sessions", i) for i in places]
        part = bundles.Bundle(None, "", "", self.people, sessions, places=places)
        self.local, items = {}, {}
        if peer_id in self.with_records:
            self.local = {s.id: s for s in self.store.sessions(peer_id)}
            items[peer_id] = items_before(self.store.tracks(peer_id), date.max)
        bundle_records.check_references(part, self.local_people, items)
        merge.check_owners(part, self.owners)
        only_sessions = bundles.Bundle(None, "", "", [], sessions, places=places)
        plan = merge.plan_merge(only_sessions, self.local_people, self.local)
        merge.check_history(part, merge.merged_histories(plan, self.local))
        return plan
