"""The demo's community-of-practice calls: every four weeks in the last months, all the
active peers, a supervisor sitting in now and then, led by the peers in turn (whoever
the rotation says is next). Everything here is fictional (:mod:`.demo_words`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..domain.enums import GroupKind, Role
from ..domain.groups import GroupAction, GroupSession
from ..store.backend import Backend
from .demo_words import CALL_WORDS, CALLS
from .groups import record_group, team_rotation

CALLS_KEPT = 4  # the last calls held, four weeks apart


def build_calls(store: Backend, *, today: date, weeks: int) -> int:
    """Record the demo's calls (none with fewer than two peers); returns how many."""
    peers = store.people(role=Role.PEER, include_inactive=False)
    sups = store.people(role=Role.SUPERVISOR, include_inactive=False)
    if len(peers) < 2:
        return 0
    count = 0
    for n in range(min(CALLS_KEPT, max(1, weeks // 4)), 0, -1):
        day = today - timedelta(weeks=4 * n - 2)
        while day.weekday() != 2:  # Wednesdays, after lunch
            day -= timedelta(days=1)
        lead = team_rotation(store).next_id or peers[0].id
        others = [p for p in peers if p.id != lead]
        case, practice = CALLS[n % len(CALLS)]
        present = [lead, *(p.id for p in others)]
        group = GroupSession(
            kind=GroupKind.COP,
            when=datetime.combine(day, time(13, 30)),
            minutes=45 + 15 * (n % 2),
            facilitator_id=lead,
            attendee_ids=present,
            supervisor_ids=[sups[n % len(sups)].id] if sups and n % 2 else [],
            pack_id="community-of-practice",
            case=case,
            case_by=others[n % len(others)].id,
            practice=practice,
            actions=[GroupAction("Send round the notes from the call", lead)],
            words={
                peer_id: {"learned": CALL_WORDS[(n + i) % len(CALL_WORDS)]}
                for i, peer_id in enumerate(present)
            },
        )
        record_group(store, group, clock=store.clock)
        count += 1
    return count
