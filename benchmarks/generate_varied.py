"""A second generator of fictional records, not the one the figures were tuned on.

`python benchmarks/generate_varied.py FOLDER SESSIONS [SEED]` fills FOLDER with about
SESSIONS sessions that vary where `generate.py` is regular: sites with one to a dozen
peers, peers who started in different years and meet at different rates, every kind of
session (weekly, monthly with the agency, joint calls, informal), texts from a few words
to 8 KB with accents, other scripts and emoji, role clarity rated or not, concerns and
goals updated years after they were raised, actions with and without due dates, done
late or never, the last month's sessions half awaiting sign-off. Everything is
invented.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supervise_tui.domain import enums as e
from supervise_tui.domain import models as m
from supervise_tui.domain.derived import history_of
from supervise_tui.store.folder import open_folder
from supervise_tui.usecases.people import save_person

WORDS = [
    "résidence",
    "café",
    "naïve",
    "Zoë",
    "Ångström",
    "jalapeño",
    "façade",
    "Øresund",
    "über",
    "straße",
    "集会",
    "支持",
    "計画",
    "안녕",
    "지원",
    "مرحبا",
    "دعم",
    "привет",
    "поддержка",
    "γεια",
    "υποστήριξη",
    "walk",
    "talk",
    "listen",
    "plan",
    "garden",
    "kitchen",
    "bus",
    "rota",
    "paperwork",
    "benefits",
    "trust",
    "story",
    "🌱",
    "🙂",
    "☕",
    "🚌",
    "📞",
    "✅",
]
SUPERVISOR = e.Role.SUPERVISOR
END = datetime(2026, 11, 16, 10)


def text(rng: random.Random, longest: int) -> str:
    """A text of up to ``longest`` characters (about), of mixed scripts."""
    size = min(longest, int(rng.paretovariate(1.2) * 40))
    if longest >= 8000 and rng.random() < 0.3:
        size = rng.randint(2000, 8000)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:longest].strip() or "ok"


def _session(rng, peer, sups, when, kind, state) -> m.Session:
    s = m.Session(peer.id, [rng.choice(sups).id], kind, when, site=peer.site, pack_id="weekly")
    if rng.random() < 0.15 and len(sups) > 1:
        s.supervisor_ids = [x.id for x in rng.sample(sups, 2)]
    s.checkin.arriving = text(rng, 8000 if rng.random() < 0.05 else 600)
    for key in e.RatingKey:
        if rng.random() < 0.7:
            s.checkin.ratings[key] = m.Rating(rng.randint(1, 5), text(rng, 120))
    for _ in range(rng.randint(0, 3)):
        s.strengths.append(m.Strength(text(rng, 40), text(rng, 800)))
    for _ in range(rng.randint(0, 3)):
        fit = rng.choice([None, *e.Fit])
        s.role_items.append(m.RoleItem(text(rng, 60), fit=fit, rationale=text(rng, 400)))
    for section in rng.sample(list(e.Section), rng.randint(0, len(e.Section))):
        s.voices[section] = m.Voices(text(rng, 3000), text(rng, 3000))
    _items(rng, s, peer, sups, when, state)
    return s


def _items(rng, s: m.Session, peer, sups, when, state) -> None:
    concerns, goals, actions = state
    if concerns and rng.random() < 0.3:  # some settle years after they were raised
        cid = concerns.pop(rng.randrange(len(concerns)))
        status = rng.choice([e.ConcernStatus.RESOLVED, e.ConcernStatus.IN_PROGRESS])
        s.concern_updates.append(m.ConcernUpdate(cid, status, text(rng, 300) or "talked"))
        if status != e.ConcernStatus.RESOLVED:
            concerns.append(cid)
    if rng.random() < 0.25:
        c = m.Concern(text(rng, 400), rng.choice([None, *e.ConcernCategory]), raised_by=peer.id)
        s.concerns.append(c)
        concerns.append(c.id)
    if goals and rng.random() < 0.3:
        gid, progress = goals.pop(rng.randrange(len(goals)))
        progress = min(100, progress + rng.choice([-10, 0, 10, 25]))
        status = rng.choice([e.GoalStatus.ACTIVE, e.GoalStatus.ACTIVE, e.GoalStatus.PAUSED])
        s.goal_updates.append(m.GoalUpdate(gid, max(0, progress), status))
        if progress < 100:
            goals.append((gid, max(0, progress)))
    if rng.random() < 0.08:
        g = m.Goal(text(rng, 120), rng.choice(list(e.GoalArea)), progress=rng.randint(0, 40))
        s.goals.append(g)
        goals.append((g.id, g.progress))
    if actions and rng.random() < 0.5:
        late = timedelta(days=rng.choice([0, 3, 20, 400]))
        s.action_updates.append(m.ActionUpdate(actions.pop(0), done_on=(when + late).date()))
    if rng.random() < 0.4:
        due = when.date() + timedelta(days=rng.choice([7, 14, 30])) if rng.random() < 0.8 else None
        a = m.Action(text(rng, 200), rng.choice([peer.id, *s.supervisor_ids]), due=due)
        s.actions.append(a)
        actions.append(a.id)


def generate_varied(folder: Path, sessions: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    made = 0
    with open_folder(folder, backup=False, clock=m.now_utc) as repo:
        sups = [
            save_person(
                repo, m.Person(f"Supervisor {i} Ñúñez", e.Role.SUPERVISOR), clock=repo.clock
            )
            for i in range(rng.randint(3, 8))
        ]
        site = 0
        while made < sessions:
            site += 1
            for p in range(rng.choice([1, 1, 2, 3, 5, 8, 12])):
                if made >= sessions:
                    break
                peer = m.Person(f"Peer {site}-{p} Ōkubo", e.Role.PEER, f"Site {site} — Maison")
                peer = save_person(repo, peer, clock=repo.clock)
                years = rng.choice([1, 2, 5, 10])
                when = END - timedelta(days=365 * years) + timedelta(hours=rng.randint(0, 900))
                state: tuple[list, list, list] = ([], [], [])
                held = []
                while when < END and made < sessions:
                    kind = rng.choice(
                        [e.SessionKind.WEEKLY] * 6
                        + [e.SessionKind.INFORMAL] * 2
                        + [e.SessionKind.MONTHLY_AGENCY, e.SessionKind.JOINT_CALL]
                    )
                    s = _session(rng, peer, sups, when, kind, state)
                    signed = when.replace(tzinfo=UTC)
                    s.status = e.SessionStatus.ACKNOWLEDGED
                    s.signoffs = [
                        m.SignOff(peer.id, signed),
                        m.SignOff(s.supervisor_ids[0], signed),
                    ]
                    if when > END - timedelta(days=30) and rng.random() < 0.5:
                        s.status, s.signoffs = e.SessionStatus.COMPLETED, s.signoffs[:1]
                    held.append(s)
                    made += 1
                    when += timedelta(days=rng.choice([3, 7, 7, 7, 14, 30, 90]), minutes=7)
                repo.replace_history(history_of(peer.id, held), held)


if __name__ == "__main__":
    generate_varied(Path(sys.argv[1]), int(sys.argv[2]), *map(int, sys.argv[3:4]))
