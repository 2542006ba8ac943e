"""Syncing a site's folder with the agency's server: each side merges the other's records
by the rules of a bundle import (services/merge.py), so a sync is an export and an import
each way, nothing else.

First the folder's records go to the server (push), then what the server holds for the
site comes back (pull). Records changed on one side only are updated on the other;
changed on both, each side keeps its own and sets the other aside as a conflict, as an
import does. Each direction is one commit: a sync stopped part way leaves both sides
whole (the push done or not, the pull done or not), and the next sync completes it.
Running it again changes nothing: a conflict already set aside with the same incoming
version is not set aside again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import Role
from ..domain.serial import to_data
from ..services import bundle as bundles
from ..services.merge import MergePlan
from ..store.backend import Backend
from .imports import apply_import, plan_import
from .people import visible_peers


@dataclass
class SyncReport:
    pushed: MergePlan  # the folder's records, merged into the server
    pulled: MergePlan  # the server's records for the site, merged into the folder


def sync(
    folder: Backend,
    server: Backend,
    *,
    site: str | None = None,
    clock: Callable[[], datetime],
) -> SyncReport:
    pushed = merge_into(server, site_bundle(folder, site=None, now=clock()), clock)
    return SyncReport(
        pushed, merge_into(folder, site_bundle(server, site=site, now=clock()), clock)
    )


def site_bundle(store: Backend, *, site: str | None, now: datetime) -> bytes:
    """A bundle of everyone a store holds (but the peers of other sites, with ``site``)
    and every held session and informal contact of the peers in it that the person may
    see."""
    peers = [p for p in visible_peers(store) if site is None or p.site == site]
    wanted = {p.id for p in peers}
    sessions = [s for p in peers for s in store.sessions(p.id)]
    contacts = [c for p in peers for c in store.contacts(p.id)]
    groups = [g for p in peers for g in store.groups(p.id)]
    wanted.update(person_id for g in groups for person_id in g.attendee_ids)  # in the room
    people = [p for p in store.people() if p.role != Role.PEER or p.id in wanted]
    data = bundles.build_bundle(
        people, sessions, site=site or "", now=now, contacts=contacts, groups=groups
    )
    return bundles.dumps(data)


def merge_into(store: Backend, raw: bytes, clock: Callable[[], datetime]) -> MergePlan:
    """Import a bundle's bytes as `supervise import` does, less the conflicts ``store``
    has set aside already (the same incoming version: nothing new to settle)."""
    plan = _new_only(store, plan_import(store, bundles.parse_bundle(raw)))
    apply_import(store, plan, clock=clock)
    return plan


def _new_only(store: Backend, plan: MergePlan) -> MergePlan:
    kept = {c.id: c.incoming for c in store.conflicts()}
    decisions = [
        dataclasses.replace(d, outcome="unchanged")
        if d.outcome == "conflict" and kept.get(f"{d.kind}-{d.incoming.id}") == to_data(d.incoming)
        else d
        for d in plan.decisions
    ]
    return MergePlan(decisions)
