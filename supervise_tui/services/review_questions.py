"""The Review step as questions (see :mod:`.questions`): each open item carried forward
from earlier sessions — concerns, ideas taken to the team, goals, actions — with what
happened since, or left as it is."""

from __future__ import annotations

from ..domain import enums
from ..domain.dates import human_date
from ..domain.ideas import next_statuses
from ..domain.links import carry_forward
from .questions import Question, Walk


def review_questions(walk: Walk) -> list[Question]:
    carried = carry_forward(walk.tracks, walk.draft.day)
    asked = []
    for track in carried.concerns:
        cur, base = track.current, f"review.concern.{track.id}"
        about = (
            f"Open concern: {cur.text} ({cur.category.label if cur.category else 'no category'};"
            f" raised {human_date(track.raised_on)}; owner "
            f"{walk.name(cur.owner) if cur.owner else 'not said'}; now {cur.status.label.lower()}"
            + (f"; follow up by {human_date(cur.follow_up)})" if cur.follow_up else ")")
        )
        statuses = tuple((s.label, s.value) for s in enums.ConcernStatus if s != cur.status)
        asked += [
            Question(
                "What happened since",
                f"{base}.status",
                "choice",
                statuses,
                "No change",
                before=about,
            ),
            Question("A note (if resolved: how)", f"{base}.note"),
            Question("A new follow-up date (optional)", f"{base}.follow_up", "date"),
        ]
    asked += _review_ideas(walk, carried.ideas)
    for track in carried.goals:
        cur, base = track.current, f"review.goal.{track.id}"
        about = f"Goal: {cur.text} ({cur.progress}%; {cur.status.label.lower()}" + (
            f"; next step: {cur.next_step})" if cur.next_step else ")"
        )
        statuses = tuple((s.label, s.value) for s in enums.GoalStatus if s != cur.status)
        asked += [
            Question(
                f"Progress now; it was {cur.progress}%",
                f"{base}.progress",
                "progress",
                before=about,
            ),
            Question("Status", f"{base}.status", "choice", statuses, "No change"),
            Question("Next step", f"{base}.next_step"),
            Question("A note", f"{base}.note"),
        ]
    for track in carried.actions:
        cur, base = track.current, f"review.action.{track.id}"
        about = (
            f"Unfinished action: {cur.text} (owner "
            f"{walk.name(cur.owner) if cur.owner else 'not said'}; agreed "
            f"{human_date(track.agreed_on)}" + (f"; due {human_date(cur.due)})" if cur.due else ")")
        )
        asked += [
            Question(
                "Done?", f"{base}.done", "choice", (("Done", "done"),), "Not done yet", before=about
            ),
            Question("Done on (if not today)", f"{base}.done_on", "date"),
            Question("A note", f"{base}.note"),
        ]
    return asked


def _review_ideas(walk: Walk, tracks: list) -> list[Question]:
    """Each open idea: where it stands now, who took it to the team, the reason told back."""
    asked = []
    for track in tracks:
        cur, base = track.current, f"review.idea.{track.id}"
        taken = f"; taken by {walk.name(cur.taken_by)}" if cur.taken_by else ""
        taken += f" on {human_date(cur.taken_on)}" if cur.taken_by and cur.taken_on else ""
        raised = f"raised {human_date(track.raised_on)}; now {cur.status.label.lower()}{taken}"
        about = f"Open idea: {cur.text} ({cur.kind.label.lower()}; {raised})"
        statuses = tuple((s.label, s.value) for s in next_statuses(cur.status))
        asked += [
            Question(
                "Where it stands now",
                f"{base}.status",
                "choice",
                statuses,
                "No change",
                before=about,
            ),
            Question(
                "Taken to the team by",
                f"{base}.taken_by",
                "choice",
                walk.participants(),
                "As it is (the supervisor, by default)",
            ),
            Question(
                "Taken on (a date; empty: as it is, or this session's day)",
                f"{base}.taken_on",
                "date",
            ),
            Question("The team's reason, told back (once decided)", f"{base}.reason"),
            Question("A note", f"{base}.note"),
        ]
    return asked
