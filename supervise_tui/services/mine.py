"""A supervisor's own view: what they learned over time (said at wrap-up, shared with the
peer), and the actions they took on for their peers, with how each was followed through:
done on time, done late, still open."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.dates import human_date
from ..domain.enums import HELD
from ..domain.models import Person, Session
from ..domain.tracks import Tracks
from .summary import block, inline


@dataclass(frozen=True)
class Learned:
    on: date
    peer: str
    text: str


@dataclass(frozen=True)
class Followed:
    text: str
    peer: str
    agreed_on: date
    due: date | None
    done_on: date | None
    state: str  # in words: "done on time", "done 3 days late", "open", "open, 5 days late"


@dataclass
class Mine:
    supervisor: Person
    learned: list[Learned] = field(default_factory=list)
    actions: list[Followed] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for a in self.actions if a.state.startswith(state))


def follow_through(due: date | None, done_on: date | None, today: date) -> str:
    if done_on is not None:
        late = (done_on - due).days if due else 0
        return f"done {late} day(s) late" if late > 0 else "done on time"
    late = (today - due).days if due else 0
    return f"open, {late} day(s) late" if late > 0 else "open"


def build_mine(
    supervisor: Person,
    peers: list[Person],
    sessions: dict[str, list[Session]],
    tracks: dict[str, Tracks],
    today: date,
) -> Mine:
    mine = Mine(supervisor)
    for peer in peers:
        held = {s.id: s for s in sessions.get(peer.id, []) if s.status in HELD}
        for s in sorted(held.values(), key=lambda s: (s.when, s.id)):
            if supervisor.id in s.supervisor_ids and s.learning.strip():
                mine.learned.append(Learned(s.day, peer.name, s.learning))
        for track in tracks[peer.id].actions.values() if peer.id in tracks else []:
            action = track.current
            if action.owner != supervisor.id or track.agreed_in not in held:
                continue
            state = follow_through(action.due, action.done_on, today)
            mine.actions.append(
                Followed(action.text, peer.name, track.agreed_on, action.due, action.done_on, state)
            )
    mine.learned.sort(key=lambda x: (x.on, x.peer))
    mine.actions.sort(key=lambda a: (a.done_on is not None, a.due or date.max, a.agreed_on))
    return mine


def mine_markdown(mine: Mine) -> str:
    out = [f"# {inline(mine.supervisor.name)} — what I learned, what I followed through"]
    out.append("## What I learned, and will do differently")
    if not mine.learned:
        out.append("Nothing written yet: the wrap-up of each session asks.")
    for item in mine.learned:
        out.append(f"*{human_date(item.on)}, with {inline(item.peer)}:*\n\n{block(item.text)}")
    done = mine.count("done on time")
    late = mine.count("done") - done
    open_ = mine.count("open")
    out.append(f"## My actions for my peers ({done} done on time, {late} late, {open_} open)")
    if not mine.actions:
        out.append("None taken on yet.")
    for a in mine.actions:
        due = f", due {human_date(a.due)}" if a.due else ""
        out.append(f"- {inline(a.text)} — for {inline(a.peer)}{due}: **{a.state}**")
    return "\n\n".join(out).rstrip() + "\n"
