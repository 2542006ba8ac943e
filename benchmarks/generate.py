"""Realistic fictional records at scale, written through the app's own store.

`python benchmarks/generate.py FOLDER SESSIONS` fills FOLDER with SESSIONS weekly
sessions (about 2 KB of text each) spread over many peers and a few supervisors.
Everything is invented; the text is filler built from a fixed word list.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supervise_tui.domain.derived import history_of
from supervise_tui.domain.enums import (
    ConcernCategory,
    ConcernStatus,
    Fit,
    GoalArea,
    GoalStatus,
    RatingKey,
    Role,
    Section,
    SessionKind,
    SessionStatus,
)
from supervise_tui.domain.models import (
    Action,
    ActionUpdate,
    Concern,
    ConcernUpdate,
    Goal,
    GoalUpdate,
    Person,
    Rating,
    RoleItem,
    Session,
    SignOff,
    Strength,
    Voices,
    now_utc,
)
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.people import save_person

WORDS = [
    "resident",
    "house",
    "meeting",
    "group",
    "walk",
    "support",
    "plan",
    "week",
    "calm",
    "talk",
    "listen",
    "call",
    "benefits",
    "appointment",
    "trust",
    "story",
    "shared",
    "team",
    "agency",
    "room",
    "training",
    "conference",
    "schedule",
    "rota",
    "follow",
    "up",
    "paperwork",
    "kitchen",
    "garden",
    "bus",
    "shopping",
    "doctor",
]


def filler(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def peers_for(sessions: int) -> int:
    """Ten years of weekly sessions per peer at most; at least a small team."""
    return max(10, sessions // 500)


def generate(folder: Path, sessions: int, seed: int = 1, peers: int | None = None) -> None:
    """``sessions`` over ``peers`` peers (by default as many as :func:`peers_for` says)."""
    rng = random.Random(seed)
    n_peers = peers or peers_for(sessions)
    per_peer = sessions // n_peers
    with open_folder(folder, backup=False, clock=now_utc) as repo:
        sups = [
            save_person(
                repo, Person(f"Supervisor {i}", Role.SUPERVISOR, f"Site {i}"), clock=repo.clock
            )
            for i in range(max(3, n_peers // 8))
        ]
        start = datetime(2026, 11, 16, 10) - timedelta(weeks=per_peer)
        for p in range(n_peers):
            peer = save_person(
                repo,
                Person(f"Peer {p:03d}", Role.PEER, f"Site {p % 5}", weekday=p % 5),
                clock=repo.clock,
            )
            sup = sups[p % len(sups)]
            made: list[Session] = []
            open_concerns: list[str] = []
            open_goals: list[tuple[str, int]] = []
            open_actions: list[str] = []
            for w in range(per_peer):
                when = start + timedelta(weeks=w, days=p % 5)
                s = Session(
                    peer.id,
                    [sup.id],
                    SessionKind.WEEKLY,
                    when,
                    site=peer.site,
                    pack_id="weekly",
                    status=SessionStatus.ACKNOWLEDGED,
                )
                s.checkin.arriving = filler(rng, 12)
                for key in RatingKey:
                    s.checkin.ratings[key] = Rating(rng.randint(1, 5), filler(rng, 4))
                s.strengths.append(Strength(filler(rng, 3), filler(rng, 15)))
                s.role_items.append(
                    RoleItem(filler(rng, 5), fit=rng.choice(list(Fit)), rationale=filler(rng, 10))
                )
                for section in Section:
                    s.voices[section] = Voices(filler(rng, 6), filler(rng, 6))
                if open_concerns and rng.random() < 0.4:
                    s.concern_updates.append(
                        ConcernUpdate(open_concerns.pop(0), ConcernStatus.RESOLVED, filler(rng, 8))
                    )
                if rng.random() < 0.3:
                    c = Concern(
                        filler(rng, 12),
                        rng.choice(list(ConcernCategory)),
                        raised_by=peer.id,
                        owner=sup.id,
                    )
                    s.concerns.append(c)
                    open_concerns.append(c.id)
                if open_goals and rng.random() < 0.5:
                    goal_id, progress = open_goals.pop(0)
                    progress = min(100, progress + 20)
                    s.goal_updates.append(GoalUpdate(goal_id, progress, GoalStatus.ACTIVE))
                    if progress < 100:
                        open_goals.append((goal_id, progress))
                if rng.random() < 0.1:
                    g = Goal(filler(rng, 6), rng.choice(list(GoalArea)), progress=0)
                    s.goals.append(g)
                    open_goals.append((g.id, 0))
                if open_actions and rng.random() < 0.7:
                    s.action_updates.append(ActionUpdate(open_actions.pop(0), done_on=when.date()))
                if rng.random() < 0.5:
                    a = Action(
                        filler(rng, 6),
                        rng.choice([peer.id, sup.id]),
                        due=when.date() + timedelta(days=7),
                    )
                    s.actions.append(a)
                    open_actions.append(a.id)
                signed = when.replace(tzinfo=UTC)  # (the app stamps sign-offs in UTC)
                s.signoffs = [SignOff(peer.id, signed), SignOff(sup.id, signed)]
                made.append(s)
            held = {s.id: s for s in repo.sessions(peer.id)}
            held.update((s.id, s) for s in made)
            sessions = list(held.values())
            repo.replace_history(history_of(peer.id, sessions), sessions)


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
