"""Ideas across peers, and the figures trends count of them. Pure functions.

An idea is *open* until the team decides (adopted, not adopted or adapted); *adopted*
in the figures means adopted as it was or with changes (adapted), counted on the day the
decision was recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from ..domain.enums import IdeaKind, IdeaStatus, NoticedBy
from ..domain.items import Idea
from ..domain.models import Person, Session, Strength
from ..domain.tracks import IdeaLog, IdeaTrack, Tracks
from .periods import Period


@dataclass(frozen=True)
class IdeaLine:
    """One idea as a list shows it: whose, what, where it stands, the reason told back."""

    id: str
    peer_id: str
    peer: str
    raised_on: date
    kind: IdeaKind
    text: str
    status: IdeaStatus
    raised_by: str  # names, not ids
    taken_by: str
    taken_on: date | None
    reason: str
    decided_on: date | None


def idea_lines(
    peer: Person, tracks: Tracks, people: dict[str, Person], *, open_only: bool = False
) -> list[IdeaLine]:
    """A peer's ideas (only the open ones, if asked), oldest first."""

    def name(person_id: str) -> str:
        person = people.get(person_id)
        return person.name if person else ("" if not person_id else "someone no longer listed")

    found = []
    for track in sorted(tracks.ideas.values(), key=lambda t: (t.raised_on, t.id)):
        if open_only and not track.is_open:
            continue
        cur = track.current
        found.append(
            IdeaLine(
                id=track.id,
                peer_id=peer.id,
                peer=peer.name,
                raised_on=track.raised_on,
                kind=cur.kind,
                text=cur.text,
                status=cur.status,
                raised_by=name(cur.raised_by),
                taken_by=name(cur.taken_by),
                taken_on=cur.taken_on,
                reason=cur.reason,
                decided_on=track.decided_on,
            )
        )
    return found


def adopted(tracks: Tracks) -> list[IdeaTrack]:
    """Ideas the team adopted (as they were, or adapted), oldest decision first: what a
    peer may name as a strength, and what their portfolio lists."""
    taken_up = [t for t in tracks.ideas.values() if t.current.status.taken_up]
    return sorted(taken_up, key=lambda t: (t.decided_on or t.raised_on, t.id))


STRENGTH_OF_IDEA = "Bringing ideas the team adopts"


def _words(text: str) -> str:
    return " ".join(text.split())


def with_draft(tracks: Tracks, draft: Session) -> dict[str, IdeaTrack]:
    """The peer's ideas as the draft leaves them: the ideas it raises, and its Review
    step's updates (an idea adopted today can be named as a strength today)."""
    ideas = dict(tracks.ideas)
    for idea in draft.ideas:
        ideas[idea.id] = IdeaTrack(draft.peer_id, draft.id, draft.day, idea)
    for update in draft.idea_updates:
        track = ideas.get(update.idea_id)
        if track is not None:
            logs = [log for log in track.updates if log.session_id != draft.id]
            logs.append(IdeaLog(draft.day, draft.id, update))
            ideas[track.id] = replace(track, updates=logs)
    return ideas


def named_ideas(sessions: Iterable[Session], tracks: Tracks, draft_id: str) -> frozenset[str]:
    """The ids of the ideas a held session (other than the draft's own) named as a
    strength: by its link, or (a strength kept before the link) by the idea's words."""
    texts = {_words(t.current.text): t.id for t in adopted(tracks)}
    named: set[str] = set()
    for session in sessions:
        if session.id == draft_id:
            continue
        for strength in session.strengths:
            idea_id = strength.idea_id or texts.get(_words(strength.example), "")
            if idea_id:
                named.add(idea_id)
    return frozenset(named)


def offered_as_strength(
    tracks: Tracks, draft: Session, named: frozenset[str] = frozenset()
) -> list[IdeaTrack]:
    """The peer's ideas the team adopted by the draft's day (its own Review step
    included) and not yet named as a strength in another session (``named``), newest
    decision first: the Strengths step offers each to name as a strength."""
    ideas = with_draft(tracks, draft)
    taken_up = [t for t in ideas.values() if t.current.status.taken_up and t.id not in named]
    found = [t for t in taken_up if t.decided_on and t.decided_on <= draft.day]
    return sorted(found, key=lambda t: (t.decided_on, t.id), reverse=True)


def named_as_strength(draft: Session, idea_id: str, idea: Idea | None = None) -> bool:
    """Whether a strength of ``draft`` names the idea (however its words were changed
    since; a strength without the link, by the idea's words)."""
    text = _words(idea.text) if idea is not None else None
    return any(
        s.idea_id == idea_id or (not s.idea_id and text and _words(s.example) == text)
        for s in draft.strengths
    )


def to_name_as_strength(
    tracks: Tracks, draft: Session, named: frozenset[str] = frozenset()
) -> list[IdeaTrack]:
    """The adopted ideas offered and not yet named as a strength in ``draft``."""
    offered = offered_as_strength(tracks, draft, named)
    return [t for t in offered if not named_as_strength(draft, t.id, t.current)]


def name_as_strength(draft: Session, tracks: Tracks, idea_id: str, answer: str) -> None:
    """The answer "yes" to naming an adopted idea as a strength (once)."""
    track = with_draft(tracks, draft).get(idea_id)
    if answer == "yes" and track is not None and not named_as_strength(draft, idea_id):
        draft.strengths.append(strength_of_idea(track))


def strength_of_idea(track: IdeaTrack) -> Strength:
    """An adopted idea named as a strength: the skill, the idea as its example, noticed
    by the team (who adopted it), linked to the idea."""
    text = _words(track.current.text)
    return Strength(STRENGTH_OF_IDEA, text, NoticedBy.TEAM, idea_id=track.id)


@dataclass
class IdeaFigures:
    raised: int = 0  # ideas raised in the period
    adopted: int = 0  # decided in the period: adopted or adapted
    not_adopted: int = 0  # decided in the period: not adopted
    still_open: int = 0  # raised by the period's end and not decided by then


def idea_figures(tracks: Tracks, period: Period) -> IdeaFigures:
    figures = IdeaFigures()
    for track in tracks.ideas.values():
        figures.raised += period.contains(track.raised_on)
        decided = track.decided_on
        if decided is not None and period.contains(decided):
            if track.current.status.taken_up:
                figures.adopted += 1
            else:
                figures.not_adopted += 1
        end = period.end
        if track.raised_on <= end and (decided is None or decided > end):
            figures.still_open += 1
    return figures


def idea_json(line: IdeaLine) -> dict:
    """One idea for scripts (``supervise ideas --json``)."""
    return {
        "id": line.id,
        "peer": line.peer,
        "raised_on": line.raised_on.isoformat(),
        "kind": line.kind.value,
        "text": line.text,
        "status": line.status.value,
        "raised_by": line.raised_by,
        "taken_by": line.taken_by,
        "taken_on": line.taken_on.isoformat() if line.taken_on else None,
        "reason": line.reason,
        "decided_on": line.decided_on.isoformat() if line.decided_on else None,
    }
