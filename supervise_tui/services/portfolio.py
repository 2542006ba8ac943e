"""The peer's portfolio: what they could take to a review or to their next job.

Completed development goals by area, the group sessions and community-of-practice calls
they facilitated, the strengths named over time with their examples, the ideas the team
adopted, and the feedback they gave on their supervision. It says nothing about concerns
unless the peer chooses to include them. A withdrawn session counts for nothing here either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..domain.dates import human_date
from ..domain.enums import HELD, FeedbackKey, GoalArea, GoalStatus
from ..domain.groups import GroupSession
from ..domain.models import Feedback, Goal, Person, Session, Strength
from ..domain.tracks import ConcernTrack, IdeaTrack, Tracks, ordered_logs, settle_goal
from .ideas import adopted
from .summary import block, inline


@dataclass
class Portfolio:
    peer: Person
    sessions: int = 0
    first: date | None = None
    last: date | None = None
    done: dict[GoalArea | None, list[tuple[date, Goal]]] = field(default_factory=dict)
    active: list[Goal] = field(default_factory=list)
    strengths: list[tuple[date, Strength]] = field(default_factory=list)
    feedback: list[tuple[date, Feedback]] = field(default_factory=list)
    concerns: list[ConcernTrack] | None = None  # only when the peer chose to include them
    led: list[GroupSession] = field(default_factory=list)  # calls they facilitated, oldest first
    ideas: list[IdeaTrack] = field(default_factory=list)  # the team adopted (or adapted)


def completed_on(track) -> date | None:
    """The day a goal was marked completed (None: it is not)."""
    if track.current.status != GoalStatus.COMPLETED:
        return None
    done = [
        log.on
        for log in ordered_logs(track.updates)
        if settle_goal(log.update.progress, log.update.status)[1] == GoalStatus.COMPLETED
    ]
    return done[-1] if done else track.set_on


def build_portfolio(
    peer: Person,
    sessions: list[Session],
    tracks: Tracks,
    *,
    with_concerns: bool = False,
    groups: Iterable[GroupSession] = (),
) -> Portfolio:
    held = sorted((s for s in sessions if s.status in HELD), key=lambda s: (s.when, s.id))
    kept = {s.id for s in held}
    found = Portfolio(peer, sessions=len(held))
    found.led = sorted(
        (g for g in groups if g.facilitator_id == peer.id and g.removed is None),
        key=lambda g: (g.when, g.id),
    )
    if held:
        found.first, found.last = held[0].day, held[-1].day
    for session in held:
        found.strengths += [(session.day, s) for s in session.strengths if s.skill.strip()]
        given = session.feedback
        if given.text.strip() or any(v is not None for v in given.ratings.values()):
            found.feedback.append((session.day, given))
    for track in sorted(tracks.goals.values(), key=lambda t: (t.set_on, t.id)):
        if track.set_in not in kept:
            continue
        on = completed_on(track)
        if on is not None:
            found.done.setdefault(track.base.area, []).append((on, track.current))
        elif track.is_active:
            found.active.append(track.current)
    found.ideas = [t for t in adopted(tracks) if t.raised_in in kept]
    if with_concerns:
        found.concerns = sorted(
            (t for t in tracks.concerns.values() if t.raised_in in kept),
            key=lambda t: (t.raised_on, t.id),
        )
    return found


def portfolio_markdown(folio: Portfolio) -> str:
    """The portfolio as Markdown (every typed text escaped)."""
    peer = folio.peer
    out = [f"# Portfolio — {inline(peer.name)}"]
    span = "No supervision sessions held yet"
    if folio.sessions == 1:
        span = f"1 supervision session, {human_date(folio.first)}"
    elif folio.sessions:
        span = (
            f"{folio.sessions} supervision sessions, {human_date(folio.first)} to "
            f"{human_date(folio.last)}"
        )
    out.append(f"**Peer specialist:** {inline(peer.display)}  \n**Supervision:** {span}")
    out.append("## Development goals completed")
    if not folio.done:
        out.append("None completed yet.")
    for area in [*GoalArea, None]:
        goals = folio.done.get(area)
        if goals:
            out.append(f"### {area.label if area else 'Other'}")
            out.append("\n".join(f"- {inline(g.text)} — {human_date(on)}" for on, g in goals))
    if folio.active:
        out.append("## Development goals under way")
        out.append("\n".join(f"- {inline(g.text)} — {g.progress}%" for g in folio.active))
    out.append("## Calls facilitated")
    out.append(
        "\n".join(
            f"- {human_date(g.day)}: {g.kind.label}, {len(g.attendee_ids)} peers, {g.minutes} min"
            for g in folio.led
        )
        or "None led yet."
    )
    out.append("## Strengths named")
    out.extend(_strengths(folio.strengths))
    out.append("## Ideas adopted")
    out.extend(_ideas(folio.ideas))
    out.append("## My feedback on supervision")
    out.extend(_feedback(folio.feedback))
    if folio.concerns is not None:
        out.append("## Concerns raised (included by my choice)")
        if not folio.concerns:
            out.append("None.")
        for track in folio.concerns:
            current = track.current
            out.append(
                f"- {inline(current.text)} — raised {human_date(track.raised_on)}, "
                f"{current.status.label.lower()}"
            )
    return "\n\n".join(out).rstrip() + "\n"


def _strengths(named: list[tuple[date, Strength]]) -> list[str]:
    """Each strength once (most often named first), with each example and when."""
    if not named:
        return ["None named yet."]
    by_skill: dict[str, list[tuple[date, Strength]]] = {}
    for day, strength in named:
        by_skill.setdefault(" ".join(strength.skill.split()).casefold(), []).append((day, strength))
    ordered = sorted(by_skill.values(), key=lambda found: (-len(found), found[0][0]))
    parts = []
    for found in ordered:
        times = f" — named {len(found)} times" if len(found) > 1 else ""
        lines = [f"**{inline(found[0][1].skill)}**{times}"]
        for day, strength in found:
            example = inline(strength.example) if strength.example.strip() else "(no example)"
            noticed = strength.noticed_by
            by = f" (noticed by {noticed.label.lower()})" if noticed else ""
            lines.append(f"- {human_date(day)}: {example}{by}")
        parts.append("\n".join(lines))
    return parts


def _ideas(tracks: list[IdeaTrack]) -> list[str]:
    """Each idea the team adopted (or adapted), when, and the reason told back."""
    if not tracks:
        return ["None adopted yet."]
    lines = []
    for track in tracks:
        cur = track.current
        when = human_date(track.decided_on) if track.decided_on else "—"
        line = f"- {inline(cur.text)} — {cur.status.label.lower()}, {when}"
        lines.append(line + (f"  \n  *The team:* {inline(cur.reason)}" if cur.reason else ""))
    return ["\n".join(lines)]


def _feedback(given: list[tuple[date, Feedback]]) -> list[str]:
    if not given:
        return ["None given yet."]
    lines = []
    for key in FeedbackKey:
        values = [f.ratings.get(key) for _, f in given if f.ratings.get(key) is not None]
        if values:
            average = sum(values) / len(values)
            lines.append(f"- {key.label}: {average:.1f} of 5 on average ({len(values)} times)")
    said = [(day, f.text) for day, f in given if f.text.strip()]
    parts = ["\n".join(lines)] if lines else []
    for day, text in said:
        parts.append(f"*{human_date(day)}:*\n\n{block(text)}")
    return parts
