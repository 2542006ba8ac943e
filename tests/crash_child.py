"""The child of the crash harness: saves in a loop until it is killed.

Every save that returned is acknowledged in the ack file (written, flushed and
fsynced after the call returned), so the parent can check that each one
survived the SIGKILL. Usage: crash_child.py DATA ACKS SEED BUNDLES_DIR
"""

from __future__ import annotations

import itertools
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supervise_tui.domain.enums import ConcernCategory, ConcernStatus, GoalArea, Role, SessionKind
from supervise_tui.domain.models import Action, Concern, ConcernUpdate, Goal, Person, Session
from supervise_tui.services import bundle as bundles
from supervise_tui.store.repository import Repository
from supervise_tui.transfer import plan_import

_ticks = itertools.count()


def fixed_clock() -> datetime:
    """A clock of its own (no test reads the wall clock): a second further at each call."""
    return datetime(2026, 6, 1, 12, 0, tzinfo=UTC) + timedelta(seconds=next(_ticks))


def main() -> None:
    data, acks, seed, bundles_dir = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        int(sys.argv[3]),
        Path(sys.argv[4]),
    )
    rng = random.Random(seed)
    ack_fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def ack(*fields: str) -> None:
        os.write(ack_fd, ("\t".join(fields) + "\n").encode())
        os.fsync(ack_fd)

    repo = Repository.open(data, clock=fixed_clock)
    sups = repo.people(role=Role.SUPERVISOR)
    if not sups:
        sups = [repo.save_person(Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court"))]
    peers = [p for p in repo.people(role=Role.PEER) if p.site != "Imported"]
    while len(peers) < 3:
        peers.append(repo.save_person(Person(f"Peer {len(peers) + 1}", Role.PEER, "Maple Court")))
    for p in peers:
        ack("person", p.id, p.updated_at.isoformat())
    day = datetime(2026, 1, 5, 10) + timedelta(days=rng.randint(0, 300))
    while True:
        op = rng.choice(["complete", "complete", "signoff", "person", "draft", "import"])
        peer = rng.choice(peers)
        if op == "complete":
            day += timedelta(days=rng.randint(1, 9))
            s = Session(peer.id, [sups[0].id], SessionKind.WEEKLY, day)
            s.concerns.append(
                Concern("a fictional concern " * rng.randint(1, 30), ConcernCategory.WORKLOAD)
            )
            s.goals.append(Goal("a fictional goal", GoalArea.TRAINING, progress=10))
            s.actions.append(Action("a fictional action", peer.id))
            carried = repo.carry_forward(peer.id, day.date())
            for track in carried.concerns[:2]:
                s.concern_updates.append(
                    ConcernUpdate(track.id, ConcernStatus.RESOLVED, "sorted out")
                )
            done = repo.complete(s)
            ack("session", done.peer_id, done.id, done.updated_at.isoformat())
        elif op == "signoff":
            refs = [r for r in repo.facts(peer.id) if r.status.value == "completed"]
            if refs:
                session = repo.session(peer.id, rng.choice(refs).id)
                signed = repo.sign_off(session, peer.id, "ok")
                ack("session", signed.peer_id, signed.id, signed.updated_at.isoformat())
        elif op == "person":
            person = repo.person(peer.id)
            saved = repo.save_person(
                Person(
                    person.name,
                    person.role,
                    "Maple Court",
                    id=person.id,
                    weekday=rng.randint(0, 6),
                    created_at=person.created_at,
                )
            )
            ack("person", saved.id, saved.updated_at.isoformat())
        elif op == "draft":
            s = Session(peer.id, [sups[0].id], SessionKind.INFORMAL, day)
            s.checkin.arriving = "typing " * rng.randint(1, 50)
            saved = repo.save_draft(s)
            ack("draft", saved.id, saved.updated_at.isoformat())
        else:
            files = sorted(bundles_dir.glob("*.json"))
            bundle = bundles.parse_bundle(rng.choice(files).read_bytes())
            plan = plan_import(repo, bundle)
            repo.apply_import(plan)
            ack("bundle", *[s.peer_id + "/" + s.id for s in bundle.sessions])


if __name__ == "__main__":
    main()
