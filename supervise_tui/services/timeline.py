"""The life of one concern, idea, goal or action across sessions, as Markdown."""

from __future__ import annotations

from ..domain.dates import human_date
from ..domain.enums import IdeaStatus
from ..domain.text import excerpt
from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack, IdeaTrack, ordered_logs
from .summary import block, inline


def timeline_markdown(track, names: dict[str, str]) -> str:
    """The life of one item, raised to now, as Markdown."""

    def who(person_id: str) -> str:
        return inline(names.get(person_id, "—")) if person_id else "no owner"

    if isinstance(track, ConcernTrack):
        kind, lines = "Concern", [block(track.base.text), *_concern(track, who)]
    elif isinstance(track, IdeaTrack):
        kind, lines = "Idea", [block(track.base.text), *_idea(track, who)]
    elif isinstance(track, GoalTrack):
        kind, lines = "Goal", _goal(track)
    elif isinstance(track, ActionTrack):
        kind, lines = "Action", _action(track, who)
    else:
        return "\n"
    heading = f"# {kind}: {inline(excerpt(track.base.text, 70))}"
    return "\n\n".join([heading, *lines]) + "\n"


def _also(prefix: str, text: str) -> str:
    """``prefix`` and ``text`` when something was written, else nothing."""
    return f"{prefix}{inline(text)}" if text.strip() else ""


def _on(prefix: str, day) -> str:
    return f"{prefix}{human_date(day)}" if day else ""


def _updates(track, describe) -> list[str]:
    """A line for each later session's update, in date order."""
    logs = ordered_logs(track.updates)
    return [f"- **{human_date(log.on)}** {describe(log.update)}" for log in logs]


def _concern_update(u) -> str:
    follow_up = f" (follow up by {human_date(u.follow_up)})" if u.follow_up else ""
    return u.status.label.lower() + _also(": ", u.note) + follow_up


def _goal_update(u) -> str:
    return (
        f"{u.progress}% ({u.status.label.lower()})"
        + _also("; next step: ", u.next_step)
        + _also(" — ", u.note)
    )


def _action_update(u) -> str:
    done = f"done {human_date(u.done_on)}" if u.done_on else "not done yet"
    return done + _also(" — ", u.note)


def _concern(track: ConcernTrack, who) -> list[str]:
    base, cur = track.base, track.current
    category = base.category.label if base.category else "no category"
    state = cur.status.label.lower()
    if track.resolved_on:
        days = (track.resolved_on - track.raised_on).days
        state += f" on {human_date(track.resolved_on)}, after {days} days"
    return [
        f"- **{human_date(track.raised_on)}** raised ({category}); owner {who(base.owner)}"
        + _on("; follow up by ", base.follow_up),
        *_updates(track, _concern_update),
        f"**Now:** {state}.",
    ]


def _goal(track: GoalTrack) -> list[str]:
    base, cur = track.base, track.current
    area = base.area.label if base.area else "no area"
    return [
        f"- **{human_date(track.set_on)}** set ({area}), {base.progress}%"
        + _on(", target ", base.target_date),
        *_updates(track, _goal_update),
        f"**Now:** {cur.progress}%, {cur.status.label.lower()}.",
    ]


def _action(track: ActionTrack, who) -> list[str]:
    base, cur = track.base, track.current
    if cur.done_on:
        late = " (after its due date)" if cur.due is not None and cur.done_on > cur.due else ""
        now = f"**Now:** done {human_date(cur.done_on)}{late}."
    else:
        now = "**Now:** not done yet."
    return [
        f"- **{human_date(track.agreed_on)}** agreed; owner {who(base.owner)}"
        + _on("; due ", base.due),
        *_updates(track, _action_update),
        now,
    ]


def _idea(track: IdeaTrack, who) -> list[str]:
    base, cur = track.base, track.current

    def update(u) -> str:
        taken = f" by {who(u.taken_by)}" if u.taken_by else ""
        return (
            u.status.label.lower()
            + (taken + _on(" on ", u.taken_on) if u.status == IdeaStatus.TAKEN else "")
            + _also(" — the team's reason: ", u.reason)
            + _also(" — ", u.note)
        )

    now = f"**Now:** {cur.status.label.lower()}"
    if cur.taken_by:
        now += f"; taken to the team by {who(cur.taken_by)}" + _on(" on ", cur.taken_on)
    return [
        f"- **{human_date(track.raised_on)}** raised by {who(base.raised_by)} "
        f"({base.kind.label.lower()}), {base.status.label.lower()}",
        *_updates(track, update),
        now + ".",
        *([f"**The team's reason, told back:** {inline(cur.reason)}"] if cur.reason else []),
    ]
