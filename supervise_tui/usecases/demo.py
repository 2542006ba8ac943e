"""A fictional dataset for trying the app: supervisors, peers, many weeks of sessions.

Everything here is invented. Concerns get raised and resolved, goals move,
ratings drift up and down, some activities drift out of the peer role and are
renegotiated, and the supervisors' own actions are sometimes late, so every
screen has something true-to-life to show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..domain.enums import (
    Cadence,
    ConcernStatus,
    Decision,
    FeedbackKey,
    Fit,
    GoalStatus,
    IdeaStatus,
    NoticedBy,
    RatingKey,
    Role,
    Section,
    SessionKind,
)
from ..domain.items import Idea, IdeaUpdate
from ..domain.models import (
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
    Strength,
    Voices,
)
from ..store.backend import Backend
from .contacts import note_contact
from .demo_groups import build_calls
from .demo_words import (
    ACTIVITIES,
    ARRIVING,
    CONCERNS,
    CONTACTS,
    GOALS,
    IDEAS,
    LEARNING,
    PEER_ACTIONS,
    PEERS,
    RESOLUTIONS,
    SITES,
    STRENGTHS,
    SUP_ACTIONS,
    SUPERVISORS,
)
from .people import save_person
from .sessions import finish_session, review_for, sign_session


@dataclass
class DemoResult:
    people: int
    sessions: int


def _week_start(today: date, weeks: int) -> date:
    start = today - timedelta(weeks=weeks)
    return start - timedelta(days=start.weekday())


def build_demo(
    store: Backend,
    *,
    peers: int = 6,
    weeks: int = 26,
    today: date,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Fill an empty store with fictional records up to ``today`` (each saved as a
    person would: through the same use cases, stamped by the store's clock)."""
    clock = store.clock
    rng = random.Random(seed)
    peers = max(1, min(peers, len(PEERS)))
    weeks = max(1, min(weeks, 520))
    sups = [
        save_person(store, Person(name, Role.SUPERVISOR, SITES[i % len(SITES)]), clock=clock)
        for i, name in enumerate(SUPERVISORS)
    ]
    peer_people = [
        save_person(
            store,
            Person(
                PEERS[i],
                Role.PEER,
                SITES[i % len(SITES)],
                cadence=Cadence.FORTNIGHTLY if i % 4 == 3 else Cadence.WEEKLY,
                weekday=i % 5,
            ),
            clock=clock,
        )
        for i in range(peers)
    ]
    total = peers * weeks
    done = 0
    count = 0
    start = _week_start(today, weeks)
    for index, peer in enumerate(peer_people):
        main_sup = sups[index % len(sups)]
        mood = rng.uniform(2.5, 3.5)
        for week in range(weeks + 1):
            done += 1
            if progress:
                progress(done, total)
            if peer.cadence == Cadence.FORTNIGHTLY and week % 2:
                continue
            if rng.random() < 0.08:
                continue  # a missed week: cadence gaps are worth seeing in trends
            day = start + timedelta(weeks=week, days=peer.weekday or 0)
            if day >= today:
                break
            when = datetime.combine(day, time(10 + index % 5, 0))
            monthly = week % 4 == 3
            kind = SessionKind.MONTHLY_AGENCY if monthly else SessionKind.WEEKLY
            supervisors = [main_sup.id]
            if monthly or rng.random() < 0.15:
                other = sups[(index + 1) % len(sups)]
                supervisors.append(other.id)
            mood = max(1.0, min(5.0, mood + rng.uniform(-0.5, 0.6)))
            session = _session(rng, store, peer, supervisors, kind, when, mood, today)
            # a length of 40 to 75 minutes, from the date (the random sequence stays as it was)
            if (week + index) % 5 == 2:  # now and then, the supervisor's own learning
                session.learning = LEARNING[(week + index) % len(LEARNING)]
            session.started = when
            session.ended = when + timedelta(minutes=40 + (day.toordinal() * 7 + index) % 36)
            finished = finish_session(store, session, clock=clock)
            last = week >= weeks - 1
            if not (last and index % 3 == 0):
                finished = sign_session(store, finished, peer.id, "", clock=clock)
                for sup_id in supervisors:
                    finished = sign_session(store, finished, sup_id, "", clock=clock)
            count += 1
            _contacts(store, peer, main_sup, when, today, index, week, weeks)
    build_calls(store, today=today, weeks=weeks)  # community-of-practice calls, in turn
    return DemoResult(people=len(sups) + len(peer_people), sessions=count)


def _contacts(store, peer, sup, when, today, index, week, weeks) -> None:
    """In the last eight weeks, an informal contact two days after some sessions (from the
    week and the peer, so the sessions' random sequence stays as it was)."""
    if week < weeks - 8 or (week + index) % 3:
        return
    at = when + timedelta(days=2, hours=5)
    if at.date() >= today:
        return
    kind, about = CONTACTS[(week + index) % len(CONTACTS)]
    note_contact(
        store,
        peer_id=peer.id,
        by=sup.id,
        kind=kind,
        when=at,
        minutes=5 + (week * 7 + index) % 20,
        about=about,
        clock=store.clock,
    )


def _ideas(session: Session, carried: list, peer, day: date) -> None:
    """Now and then an idea (worked out from the day, so the rest of the demo stays as it
    was): taken to the team after a week, decided after three, the reason told back."""
    for track in carried:
        age = (day - track.raised_on).days
        decided = next((d for t, _, *d in IDEAS if t == track.current.text), None)
        if age >= 21 and decided is not None:
            session.idea_updates.append(IdeaUpdate(track.id, decided[0], reason=decided[1]))
        elif age >= 7 and track.current.status == IdeaStatus.NOTED:
            session.idea_updates.append(IdeaUpdate(track.id, IdeaStatus.TAKEN))
    if (day.toordinal() + len(peer.name)) % 6 == 0 and len(carried) < 2:
        text, kind, _, _ = IDEAS[(day.toordinal() // 6 + len(peer.name)) % len(IDEAS)]
        if text not in {t.current.text for t in carried}:
            session.ideas.append(Idea(text, kind, raised_by=peer.id))


def _rating(rng: random.Random, mood: float) -> int:
    return max(1, min(5, round(mood + rng.uniform(-0.8, 0.8))))


def _session(rng, store, peer, supervisors, kind, when, mood, today) -> Session:
    sup = supervisors[0]
    pack = "monthly-agency" if kind == SessionKind.MONTHLY_AGENCY else "weekly"
    session = Session(peer.id, supervisors, kind, when, site=peer.site, pack_id=pack)
    session.checkin.arriving = rng.choice(ARRIVING)
    for key in RatingKey:
        value = _rating(rng, mood if key != RatingKey.WORKLOAD else 6 - mood * 0.6)
        session.checkin.ratings[key] = Rating(value, "")
    for skill, example in rng.sample(STRENGTHS, k=rng.randint(1, 2)):
        session.strengths.append(Strength(skill, example, rng.choice(list(NoticedBy))))
    for activity, function, fit in rng.sample(ACTIVITIES, k=rng.randint(1, 3)):
        decision = {
            Fit.IN_ROLE: Decision.KEEP,
            Fit.UNSURE: Decision.CASE_BY_CASE,
            Fit.DRIFTING: rng.choice([Decision.HAND_OFF, Decision.RENEGOTIATE]),
        }[fit]
        rationale = "" if fit == Fit.IN_ROLE else "Short-staffed at the site this week."
        session.role_items.append(RoleItem(activity, function, fit, rationale, decision))
    carried = review_for(store, peer.id, when.date())
    for track in carried.concerns:
        age = (when.date() - track.raised_on).days
        if age > rng.randint(7, 45):
            session.concern_updates.append(
                ConcernUpdate(
                    track.id,
                    ConcernStatus.RESOLVED,
                    note="Followed up.",
                    resolution_note=rng.choice(RESOLUTIONS),
                )
            )
        elif rng.random() < 0.5:
            session.concern_updates.append(
                ConcernUpdate(track.id, ConcernStatus.IN_PROGRESS, note="Still being worked on.")
            )
    still_open = {track.current.text for track in carried.concerns}
    fresh = [c for c in CONCERNS if c[0] not in still_open]  # never the same one twice at once
    if fresh and rng.random() < 0.35:
        text, category = rng.choice(fresh)
        owner = rng.choice([peer.id, sup])
        session.concerns.append(
            Concern(
                text,
                category,
                raised_by=peer.id,
                owner=owner,
                follow_up=when.date() + timedelta(days=7),
            )
        )
    _ideas(session, carried.ideas, peer, when.date())
    for track in carried.goals:
        goal = track.current
        if goal.status == GoalStatus.ACTIVE and rng.random() < 0.6:
            progress = min(100, goal.progress + rng.choice([5, 10, 15, 20]))
            session.goal_updates.append(
                GoalUpdate(track.id, progress, GoalStatus.ACTIVE, next_step="Keep going.")
            )
    if len(carried.goals) < 2 and rng.random() < 0.2:
        text, area = rng.choice(GOALS)
        session.goals.append(
            Goal(
                text,
                area,
                target_date=when.date() + timedelta(days=90),
                next_step="Pick a first step.",
            )
        )
    for track in carried.actions:
        due = track.current.due or when.date()
        if rng.random() < 0.7:
            done_on = min(when.date(), due + timedelta(days=rng.choice([-3, -1, 0, 2, 6])))
            session.action_updates.append(ActionUpdate(track.id, done_on=done_on))
    if rng.random() < 0.5:
        owner = rng.choice([peer.id, sup])
        text = rng.choice(SUP_ACTIONS if owner == sup else PEER_ACTIONS)
        session.actions.append(Action(text, owner, due=when.date() + timedelta(days=7)))
    feedback = session.feedback
    for key in FeedbackKey:
        feedback.ratings[key] = _rating(rng, mood + 0.5)
    session.voices[Section.CHECK_IN] = Voices(
        peer="Things at the house are settling.", supervisor="Peer seemed steadier."
    )
    session.voices[Section.WRAP_UP] = Voices(
        peer="Thanks, that helped.", supervisor="Good session."
    )
    session.next_session = when.date() + timedelta(days=7)
    return session
