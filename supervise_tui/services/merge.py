"""Merging a bundle into the records: what is added, updated, unchanged or in conflict.

The rules are in docs/format.md: a record changes here only when the incoming version
was made from ours; one changed on both sides is a conflict, never overwritten.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..domain import links
from ..domain.contacts import Contact
from ..domain.groups import GroupSession
from ..domain.models import Person, Session
from ..domain.serial import to_data
from .bundle import Bundle, BundleError, copy_key


def check_owners(bundle: Bundle, local_owners: dict[str, str]) -> None:
    """A session id already used here by another peer's session is refused: stored
    under both peers, the folder would hold one record twice."""
    for i, s in enumerate(bundle.sessions):
        owner = local_owners.get(s.id)
        if owner is not None and owner != s.peer_id:
            raise BundleError(
                "This session's id is already used here by a session of another peer",
                f"{bundle.where(i)}.id",
            )


def check_history(bundle: Bundle, merged: dict[str, list[Session]]) -> None:
    """After the merge, every session of a peer may update only that peer's items
    raised by its date (the rule a save and `supervise check` apply)."""
    index = {s.id: i for i, s in enumerate(bundle.sessions)}
    for sessions in merged.values():
        for session, problem in links.history_problems(sessions):
            if session.id in index:
                where = bundle.where(index[session.id])
                raise BundleError(problem.message.rstrip("."), f"{where}.{problem.field}")
            raise BundleError(
                "A session here would update an item that the bundle changes to a later date",
                "sessions",
            )


def merged_histories(
    plan: MergePlan, local_sessions: dict[str, Session]
) -> dict[str, list[Session]]:
    """Each touched peer's held sessions as they will be after ``plan`` is applied."""
    by_id = dict(local_sessions)
    for decision in plan.of("session", "added", "updated"):
        by_id[decision.incoming.id] = decision.incoming
    peers = {d.incoming.peer_id for d in plan.of("session", "added", "updated")}
    merged: dict[str, list[Session]] = {peer: [] for peer in peers}
    for session in by_id.values():
        if session.peer_id in merged:
            merged[session.peer_id].append(session)
    return merged


@dataclass
class Decision:
    kind: str  # "person", "session", "contact" or "group" (a peer's copy of a group session)
    outcome: str  # "added", "updated", "unchanged", "conflict"
    incoming: Person | Session | Contact
    local: Person | Session | Contact | None = None


@dataclass
class MergePlan:
    decisions: list[Decision] = field(default_factory=list)

    counted: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, outcome)

    def count(self, kind: str, outcome: str) -> int:
        live = sum(1 for d in self.decisions if d.kind == kind and d.outcome == outcome)
        return self.counted[kind, outcome] + live

    def fold(self) -> None:
        """Keep only how many sessions of each outcome there were (a long import forgets
        each once it is applied); ``changes_anything`` and the counts stay as they were."""
        self.counted.update((d.kind, d.outcome) for d in self.decisions if d.kind == "session")
        self.decisions[:] = [d for d in self.decisions if d.kind != "session"]

    def of(self, kind: str, *outcomes: str) -> list[Decision]:
        return [d for d in self.decisions if d.kind == kind and d.outcome in outcomes]

    @property
    def changes_anything(self) -> bool:
        folded = any(n for (_, outcome), n in self.counted.items() if outcome != "unchanged")
        return folded or any(d.outcome != "unchanged" for d in self.decisions)


def decide(local, incoming) -> str:
    """added / updated / unchanged / conflict, by the rules in docs/format.md."""
    if local is None:
        return "added"
    if to_data(local) == to_data(incoming):
        return "unchanged"
    if _content(local) == _content(incoming):
        return "unchanged"  # same record, only bookkeeping differs
    if local.updated_at in incoming.revisions:
        return "updated"  # the incoming version was made from ours
    if incoming.updated_at in local.revisions or incoming.updated_at == local.updated_at:
        return "unchanged"  # ours was made from the incoming one: ours is newer
    return "conflict"


def _content(record) -> dict:
    data = to_data(record)
    for key in ("updated_at", "revisions"):
        data.pop(key, None)
    return data


def plan_merge(
    bundle: Bundle,
    local_people: dict[str, Person],
    local_sessions: dict[str, Session],
    local_contacts: dict[str, Contact] | None = None,
    local_groups: dict[str, GroupSession] | None = None,
) -> MergePlan:
    """What each incoming record does here. A contact changed on both sides keeps the
    version here (contacts are noted, not edited: it does not happen in use)."""
    plan = MergePlan()
    for person in bundle.people:
        local = local_people.get(person.id)
        plan.decisions.append(Decision("person", decide(local, person), person, local))
    for session in bundle.sessions:
        local = local_sessions.get(session.id)
        plan.decisions.append(Decision("session", decide(local, session), session, local))
    for contact in bundle.contacts:
        local = (local_contacts or {}).get(contact.id)
        outcome = decide(local, contact)
        outcome = "unchanged" if outcome == "conflict" else outcome
        plan.decisions.append(Decision("contact", outcome, contact, local))
    for group in bundle.groups:  # each peer's copy, by the peer and the id (as contacts)
        local = (local_groups or {}).get(copy_key(group))
        outcome = decide(local, group)
        outcome = "unchanged" if outcome == "conflict" else outcome
        plan.decisions.append(Decision("group", outcome, group, local))
    return plan


def report_lines(plan: MergePlan, *, dry_run: bool) -> list[str]:
    verb = "would be" if dry_run else "were"
    lines = []
    for kind, label in (("person", "People"), ("session", "Sessions")):
        lines.append(
            f"{label}: {plan.count(kind, 'added')} added, {plan.count(kind, 'updated')} "
            f"updated, {plan.count(kind, 'unchanged')} unchanged, "
            f"{plan.count(kind, 'conflict')} in conflict"
        )
    if any(plan.count("contact", outcome) for outcome in ("added", "updated", "unchanged")):
        lines.append(
            f"Informal contacts: {plan.count('contact', 'added')} added, "
            f"{plan.count('contact', 'updated')} updated, "
            f"{plan.count('contact', 'unchanged')} unchanged"
        )
    if any(plan.count("group", outcome) for outcome in ("added", "updated", "unchanged")):
        lines.append(
            f"Group sessions (a copy for each peer there): {plan.count('group', 'added')} "
            f"added, {plan.count('group', 'updated')} updated, "
            f"{plan.count('group', 'unchanged')} unchanged"
        )
    conflicts = plan.count("person", "conflict") + plan.count("session", "conflict")
    if conflicts:
        lines.append(
            f"{conflicts} record(s) changed on both sides {verb} kept as they "
            "are here; the other version is set aside for you to settle with "
            "`supervise conflicts`."
        )
    if dry_run:
        lines.append("Dry run: nothing was changed.")
    return lines
