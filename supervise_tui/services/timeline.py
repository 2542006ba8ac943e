"""The life of one concern, goal or action across sessions, as Markdown."""

from __future__ import annotations

from ..domain.dates import human_date
from ..domain.text import excerpt
from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack
from .summary import block, inline


def timeline_markdown(track, names: dict[str, str]) -> str:
    """The life of one item, raised to now, as Markdown."""

    def who(person_id: str) -> str:
        return inline(names.get(person_id, "—")) if person_id else "no owner"

    out = []
    if isinstance(track, ConcernTrack):
        base, cur = track.base, track.current
        out.append(f"# Concern: {inline(excerpt(base.text, 70))}")
        out.append(block(base.text))
        cat = base.category.label if base.category else "no category"
        out.append(
            f"- **{human_date(track.raised_on)}** raised ({cat}); owner {who(base.owner)}"
            + (f"; follow up by {human_date(base.follow_up)}" if base.follow_up else "")
        )
        for log in sorted(track.updates, key=lambda log: (log.on, log.session_id)):
            u = log.update
            line = f"- **{human_date(log.on)}** {u.status.label.lower()}"
            if u.note.strip():
                line += f": {inline(u.note)}"
            if u.follow_up:
                line += f" (follow up by {human_date(u.follow_up)})"
            out.append(line)
        state = cur.status.label.lower()
        if track.resolved_on:
            state += (
                f" on {human_date(track.resolved_on)}, after "
                f"{(track.resolved_on - track.raised_on).days} days"
            )
        out.append(f"**Now:** {state}.")
    elif isinstance(track, GoalTrack):
        base, cur = track.base, track.current
        out.append(f"# Goal: {inline(excerpt(base.text, 70))}")
        area = base.area.label if base.area else "no area"
        out.append(
            f"- **{human_date(track.set_on)}** set ({area}), {base.progress}%"
            + (f", target {human_date(base.target_date)}" if base.target_date else "")
        )
        for log in sorted(track.updates, key=lambda log: (log.on, log.session_id)):
            u = log.update
            line = f"- **{human_date(log.on)}** {u.progress}% ({u.status.label.lower()})"
            if u.next_step.strip():
                line += f"; next step: {inline(u.next_step)}"
            if u.note.strip():
                line += f" — {inline(u.note)}"
            out.append(line)
        out.append(f"**Now:** {cur.progress}%, {cur.status.label.lower()}.")
    elif isinstance(track, ActionTrack):
        base, cur = track.base, track.current
        out.append(f"# Action: {inline(excerpt(base.text, 70))}")
        out.append(
            f"- **{human_date(track.agreed_on)}** agreed; owner {who(base.owner)}"
            + (f"; due {human_date(base.due)}" if base.due else "")
        )
        for log in sorted(track.updates, key=lambda log: (log.on, log.session_id)):
            u = log.update
            state = f"done {human_date(u.done_on)}" if u.done_on else "not done yet"
            out.append(
                f"- **{human_date(log.on)}** {state}"
                + (f" — {inline(u.note)}" if u.note.strip() else "")
            )
        if cur.done_on:
            late = cur.due is not None and cur.done_on > cur.due
            out.append(
                f"**Now:** done {human_date(cur.done_on)}"
                + (" (after its due date)." if late else ".")
            )
        else:
            out.append("**Now:** not done yet.")
    return "\n\n".join(out) + "\n"
