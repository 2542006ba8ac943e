"""Ideas across peers, and the figures trends count of them. Pure functions.

An idea is *open* until the team decides (adopted, not adopted or adapted); *adopted*
in the figures means adopted as it was or with changes (adapted), counted on the day the
decision was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.enums import IdeaKind, IdeaStatus, NoticedBy
from ..domain.items import Idea
from ..domain.models import Person, Session, Strength
from ..domain.tracks import IdeaTrack, Tracks
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


def offered_as_strength(tracks: Tracks, draft: Session) -> list[IdeaTrack]:
    """The peer's ideas the team adopted by the draft's day: the Strengths step offers
    each to name as a strength."""
    return [t for t in adopted(tracks) if t.decided_on and t.decided_on <= draft.day]


def named_as_strength(draft: Session, idea: Idea) -> bool:
    """Whether a strength of ``draft`` already has the idea as its example."""
    return " ".join(idea.text.split()) in {" ".join(s.example.split()) for s in draft.strengths}


def to_name_as_strength(tracks: Tracks, draft: Session) -> list[IdeaTrack]:
    """The adopted ideas offered and not yet named as a strength in ``draft``."""
    offered = offered_as_strength(tracks, draft)
    return [t for t in offered if not named_as_strength(draft, t.current)]


def name_as_strength(draft: Session, tracks: Tracks, idea_id: str, answer: str) -> None:
    """The answer "yes" to naming an adopted idea as a strength (once)."""
    idea = tracks.ideas[idea_id].current
    if answer == "yes" and not named_as_strength(draft, idea):
        draft.strengths.append(strength_of_idea(idea))


def strength_of_idea(idea: Idea) -> Strength:
    """An adopted idea named as a strength: the skill, the idea as its example, noticed
    by the team (who adopted it)."""
    return Strength(STRENGTH_OF_IDEA, " ".join(idea.text.split()), NoticedBy.TEAM)


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
