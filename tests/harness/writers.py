"""Many writers on one server at once (issue 14): processes finishing sessions, signing
them and updating items for the same few peers, for a bounded time.

Each writer is a process of its own (``python -m tests.harness.writers URL SEED SECONDS``)
with its own connection, and says what it did as one JSON line: the sessions it
finished, the sign-offs it made, how many saves were refused as changed elsewhere, and
any other error (there must be none). :func:`run_writers` starts them together and
gathers the lines; the test (tests/unit/test_server_concurrency.py) then proves nothing
was lost, and benchmarks/run.py reports the throughput.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

START = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)


def _clock(seed: int):
    """A clock of its own for each writer: the same day, always moving on."""
    ticks = count()
    return lambda: START + timedelta(milliseconds=next(ticks), microseconds=seed)


def _day(rng: random.Random, first: int, last: int) -> datetime:
    """A time on a day of the month before the writers' clock."""
    return datetime(2026, 11, rng.randint(first, last), rng.randint(8, 17), rng.randint(0, 59))


def write_for(url: str, seed: int, seconds: float) -> dict:
    from supervise_tui.domain.enums import ConcernCategory, ConcernStatus, Role, SessionKind
    from supervise_tui.domain.models import Concern, ConcernUpdate, Session
    from supervise_tui.store.errors import ChangedElsewhere
    from supervise_tui.store.postgres import open_server
    from supervise_tui.usecases.sessions import finish_session, review_for, sign_session

    rng, clock = random.Random(seed), _clock(seed)
    done = {"finished": [], "signed": [], "updated": [], "conflicts": 0, "errors": []}
    with open_server(url, clock=clock) as store:
        peers = store.people(role=Role.PEER)
        sups = store.people(role=Role.SUPERVISOR)
        until = time.monotonic() + seconds
        while time.monotonic() < until:
            peer = rng.choice(peers)
            sup = rng.choice([s for s in sups if s.id in peer.supervisor_ids] or sups)
            try:
                what = rng.random()
                if what < 0.45:  # a new session raising a concern
                    s = Session(peer.id, [sup.id], SessionKind.WEEKLY, _day(rng, 1, 10))
                    s.concerns.append(
                        Concern(f"Concern {seed}", ConcernCategory.WORKLOAD, owner=sup.id)
                    )
                    done["finished"].append(finish_session(store, s, clock=clock).id)
                elif what < 0.7:  # a later session updating an open concern
                    when = _day(rng, 11, 21)
                    open_then = review_for(store, peer.id, when.date()).concerns
                    if not open_then:
                        continue
                    track = rng.choice(open_then)
                    s = Session(peer.id, [sup.id], SessionKind.WEEKLY, when)
                    s.concern_updates.append(
                        ConcernUpdate(track.id, ConcernStatus.IN_PROGRESS, note=f"Step {seed}")
                    )
                    kept = finish_session(store, s, clock=clock)
                    done["finished"].append(kept.id)
                    done["updated"].append([track.id, kept.concern_updates[0].id])
                else:  # a sign-off of a held session
                    rows = store.rows(peer.id)
                    if not rows:
                        continue
                    row = rng.choice(rows)
                    held = store.session(peer.id, row.id)
                    who = rng.choice(held.participants)
                    if any(o.person_id == who for o in held.signoffs):
                        continue
                    sign_session(store, held, who, clock=clock)
                    done["signed"].append([held.id, who])
            except ChangedElsewhere:
                done["conflicts"] += 1
            except Exception as error:  # noqa: BLE001 - every other failure is counted
                done["errors"].append(f"{type(error).__name__}: {error}")
    return done


def run_writers(url: str, processes: int, seconds: float) -> list[dict]:
    """Start ``processes`` writers together; what each did, once all have finished."""
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.harness.writers", url, str(seed), str(seconds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],  # where `tests` is a package
        )
        for seed in range(1, processes + 1)
    ]
    said = []
    for child in children:
        out, err = child.communicate(timeout=seconds + 120)
        if child.returncode != 0:
            raise AssertionError(f"a writer failed (exit {child.returncode}): {err[-2000:]}")
        said.append(json.loads(out.strip().splitlines()[-1]))
    return said


if __name__ == "__main__":
    print(json.dumps(write_for(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))))
