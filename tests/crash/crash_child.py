"""The child of the crash harness: saves in a loop until it is killed.

Every save that returned is acknowledged in the ack file (written, flushed and
fsynced after the call returned), so the parent can check that each one
survived the SIGKILL. Usage: crash_child.py DATA ACKS SEED BUNDLES_DIR

An encrypted folder (made by the parent) is signed in to as SUPERVISE_CRASH_AS with
the passphrase in SUPERVISE_PASSPHRASE, with the tests' fast Argon2id costs.
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
from supervise_tui.store.crypto.kdf import FAST
from supervise_tui.store.folder import FolderBackend, open_folder
from supervise_tui.usecases.bundle_import import import_bundle
from supervise_tui.usecases.people import save_person
from supervise_tui.usecases.security import sign_in
from supervise_tui.usecases.sessions import finish_session, review_for, save_draft, sign_session

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

    FolderBackend.kdf_params = FAST  # as tests/conftest.py does in the parent
    repo = open_folder(data, clock=fixed_clock)
    if repo.locked:
        sign_in(repo, os.environ["SUPERVISE_CRASH_AS"], os.environ["SUPERVISE_PASSPHRASE"])
    sups = repo.people(role=Role.SUPERVISOR)
    if not sups:
        sups = [
            save_person(
                repo, Person("Dana Whitfield", Role.SUPERVISOR, "Maple Court"), clock=repo.clock
            )
        ]
    peers = [p for p in repo.people(role=Role.PEER) if p.site != "Imported"]
    while len(peers) < 3:
        peers.append(
            save_person(
                repo, Person(f"Peer {len(peers) + 1}", Role.PEER, "Maple Court"), clock=repo.clock
            )
        )
    for p in peers:
        ack("person", p.id, p.updated_at.isoformat())
    day = datetime(2026, 1, 5, 10) + timedelta(days=rng.randint(0, 300))
    while True:
        op = rng.choice(["finish", "finish", "signoff", "person", "draft", "import"])
        peer = rng.choice(peers)
        if op == "finish":
            day += timedelta(days=rng.randint(1, 9))
            s = Session(peer.id, [sups[0].id], SessionKind.WEEKLY, day)
            s.concerns.append(
                Concern("a fictional concern " * rng.randint(1, 30), ConcernCategory.WORKLOAD)
            )
            s.goals.append(Goal("a fictional goal", GoalArea.TRAINING, progress=10))
            s.actions.append(Action("a fictional action", peer.id))
            carried = review_for(repo, peer.id, day.date())
            for track in carried.concerns[:2]:
                s.concern_updates.append(
                    ConcernUpdate(track.id, ConcernStatus.RESOLVED, "sorted out")
                )
            done = finish_session(repo, s, clock=repo.clock)
            ack("session", done.peer_id, done.id, done.updated_at.isoformat())
        elif op == "signoff":
            refs = [r for r in repo.rows(peer.id) if r.status.value == "completed"]
            if refs:
                session = repo.session(peer.id, rng.choice(refs).id)
                signer = repo.signed_in or peer.id  # signed in: one signs as oneself
                if signer in session.participants and session.signed_by(signer) is None:
                    signed = sign_session(repo, session, signer, "ok", clock=repo.clock)
                    ack("session", signed.peer_id, signed.id, signed.updated_at.isoformat())
        elif op == "person":
            person = repo.person(peer.id)
            saved = save_person(
                repo,
                Person(
                    person.name,
                    person.role,
                    "Maple Court",
                    id=person.id,
                    weekday=rng.randint(0, 6),
                    created_at=person.created_at,
                ),
                clock=repo.clock,
            )
            ack("person", saved.id, saved.updated_at.isoformat())
        elif op == "draft":
            s = Session(peer.id, [sups[0].id], SessionKind.INFORMAL, day)
            s.checkin.arriving = "typing " * rng.randint(1, 50)
            saved = save_draft(repo, s, clock=repo.clock)
            ack("draft", saved.id, saved.updated_at.isoformat())
        else:
            files = sorted(bundles_dir.glob("*.json"))
            raw = rng.choice(files).read_bytes()
            bundle = bundles.parse_bundle(raw)  # (only to say what it holds)
            import_bundle(repo, raw, clock=repo.clock)  # peer by peer, as the CLI imports
            ack("bundle", *[s.peer_id + "/" + s.id for s in bundle.sessions])


if __name__ == "__main__":
    main()
