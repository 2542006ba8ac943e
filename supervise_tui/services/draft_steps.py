"""Which steps of a draft hold something: for the step bar, and for the question asked
before finishing (steps not visited, a draft with nothing in it)."""

from __future__ import annotations

from ..domain.enums import Section
from ..domain.models import Session


def has_content(draft: Session, step: str) -> bool:
    """Whether anything was recorded in a step (for the step indicator)."""
    if step == "review":
        return bool(
            draft.concern_updates
            or draft.idea_updates
            or draft.goal_updates
            or draft.action_updates
        )
    section = Section(step)
    voices = draft.voices.get(section)
    if voices and (voices.peer.strip() or voices.supervisor.strip()):
        return True
    if section == Section.CHECK_IN:
        return bool(draft.checkin.arriving.strip()) or any(
            r.value is not None or r.note.strip() for r in draft.checkin.ratings.values()
        )
    if section == Section.FEEDBACK:
        return bool(draft.feedback.text.strip()) or any(
            v is not None for v in draft.feedback.ratings.values()
        )
    lists = {
        Section.STRENGTHS: draft.strengths,
        Section.ROLE: draft.role_items,
        Section.CONCERNS: draft.concerns,
        Section.IDEAS: draft.ideas,
        Section.GOALS: draft.goals,
        Section.WRAP_UP: draft.actions,
    }
    return bool(lists.get(section))


def not_visited(draft: Session, steps: list[str], current: str) -> list[str]:
    """The steps of ``steps`` a person has not been to, written in or skipped on purpose
    (asked about before finishing). The step showing now counts as visited."""
    return [
        step
        for step in steps
        if step != current
        and step not in draft.visited
        and step not in draft.skipped
        and not has_content(draft, step)
    ]


def is_blank(draft: Session, steps: list[str]) -> bool:
    """Nothing was recorded in any step."""
    return not any(has_content(draft, step) for step in steps)
