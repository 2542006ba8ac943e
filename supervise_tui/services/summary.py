"""A readable summary of one session, as Markdown: shown before sign-off, printable.

Every section has its own heading; both voices are labelled with the
person's name; updates to items from earlier sessions are shown with the item
they update. Whatever people typed is escaped, so it can never be read as
Markdown markup.
"""

from __future__ import annotations

import re

from ..domain.dates import human_date, human_datetime
from ..domain.enums import FeedbackKey, RatingKey, Section
from ..domain.models import Person, Session
from ..domain.tracks import Tracks

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)")


def escape(text: str) -> str:
    """Escape Markdown in one line of user text."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", text)


def block(text: str) -> str:
    """User text of any length as a quoted block (line breaks kept)."""
    lines = [escape(line) for line in text.strip().splitlines()] or [""]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def inline(text: str) -> str:
    return escape(" ".join(text.split()))


class Names:
    def __init__(self, people: dict[str, Person]) -> None:
        self.people = people

    def __call__(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return inline(person.name) if person else "someone no longer listed"


def session_markdown(
    session: Session,
    people: dict[str, Person],
    tracks: Tracks | None = None,
    *,
    title: bool = True,
) -> str:
    name = Names(people)
    peer = name(session.peer_id)
    sups = ", ".join(name(s) for s in session.supervisor_ids)
    out: list[str] = []
    if title:
        out.append(f"# Supervision session — {peer}, {human_date(session.day)}")
    out.append(
        f"**When:** {human_datetime(session.when)}  \n"
        f"**Kind:** {session.kind.label}  \n"
        f"**Peer specialist:** {peer}  \n"
        f"**Supervisor{'s' if len(session.supervisor_ids) > 1 else ''}:** {sups}  \n"
        + (f"**Site:** {inline(session.site)}  \n" if session.site else "")
        + f"**Status:** {session.status.label}  \n"
        + f"**Time:** {_length(session)}"
    )
    if session.withdrawn is not None:
        w = session.withdrawn
        out.append(
            f"**Withdrawn** {human_datetime(w.at.astimezone())} by {name(w.by)}: "
            f"{inline(w.reason)}. It is kept as it was, and counts in no figure."
        )

    def voices(section: Section) -> None:
        v = session.voices.get(section)
        if v is None:
            return
        if v.peer.strip():
            out.append(f"*In {peer}'s own words:*\n\n{block(v.peer)}")
        if v.supervisor.strip():
            out.append(f"*Supervisor's notes:*\n\n{block(v.supervisor)}")

    # Follow-up of earlier items
    if (
        session.concern_updates
        or session.idea_updates
        or session.goal_updates
        or (session.action_updates)
    ):
        out.append("## Follow-up from earlier sessions")
        for updates, table, key, noun, state in (
            (session.concern_updates, "concerns", "concern_id", "concern", _concern_now),
            (session.idea_updates, "ideas", "idea_id", "idea", _idea_now(name)),
            (session.goal_updates, "goals", "goal_id", "goal", _goal_now),
            (session.action_updates, "actions", "action_id", "action", _action_now),
        ):
            for u in updates:
                track = getattr(tracks, table).get(getattr(u, key)) if tracks else None
                # (the words' own last stop dropped: the colon after them ends them)
                said = track.base.text.strip().rstrip(".,;:") if track else ""
                what = inline(said) if track else f"an earlier {noun}"
                line = f"- {noun.capitalize()} *{what}*: {state(u)}"
                out.append(line + (f" — {inline(u.note)}" if u.note.strip() else ""))

    if session.agenda or session.peer_note.strip():
        out.append(f"## {peer} asked to talk about")
        out.extend(f"- {inline(item.text)}" for item in session.agenda)
        if session.peer_note.strip():
            out.append(f"*{peer}'s note before the session:*\n\n{block(session.peer_note)}")

    out.append(f"## {Section.CHECK_IN.label}")
    if session.checkin.arriving.strip():
        out.append(f"*How {peer} is arriving:*\n\n{block(session.checkin.arriving)}")
    rated = [(k, r) for k, r in session.checkin.ratings.items() if r.value or r.note.strip()]
    if rated:
        out.append("| Check-in | Rating (1–5) | Note |\n|---|---|---|")
        out[-1] += "\n" + "\n".join(
            f"| {k.label} | {r.value if r.value else '—'} | {inline(r.note)} |"
            for k, r in sorted(rated, key=lambda kr: list(RatingKey).index(kr[0]))
        )
    voices(Section.CHECK_IN)

    for section, items, line, empty in (
        (Section.STRENGTHS, session.strengths, _strength, "No strengths recorded."),
        (Section.ROLE, session.role_items, _role_item, "No activities discussed."),
        (Section.CONCERNS, session.concerns, _concern_of(name), "No new concerns raised."),
        (Section.IDEAS, session.ideas, _idea_of(name), "No ideas raised."),
        (Section.GOALS, session.goals, _goal, "No new goals set."),
    ):
        out.append(f"## {section.label}")
        out.extend([line(item) for item in items] or [f"*{empty}*"])
        voices(section)

    out.append(f"## {Section.FEEDBACK.label}")
    given = [(k, v) for k, v in session.feedback.ratings.items() if v]
    if given:
        out.append(
            "| Statement | Rating (1–5) |\n|---|---|\n"
            + "\n".join(
                f"| {k.label} | {v} |"
                for k, v in sorted(given, key=lambda kv: list(FeedbackKey).index(kv[0]))
            )
        )
    if session.feedback.text.strip():
        out.append(f"*{peer}'s feedback:*\n\n{block(session.feedback.text)}")
    if not given and not session.feedback.text.strip():
        out.append("*No feedback recorded.*")
    voices(Section.FEEDBACK)

    out.append(f"## {Section.WRAP_UP.label}")
    if session.actions:
        out.append("**Agreed actions:**")
        for a in session.actions:
            due = f", due {human_date(a.due)}" if a.due else ""
            owner = name(a.owner) if a.owner else "no owner yet"
            out.append(f"- {inline(a.text)} — {owner}{due}")
    else:
        out.append("*No new actions agreed.*")
    if session.next_session:
        out.append(f"**Next session:** {human_date(session.next_session)}")
    wrap = session.voices.get(Section.WRAP_UP)
    if wrap and wrap.peer.strip():
        out.append(f"*{peer}'s closing words:*\n\n{block(wrap.peer)}")
    if wrap and wrap.supervisor.strip():
        out.append(f"*Supervisor's closing words:*\n\n{block(wrap.supervisor)}")
    if session.learning.strip():
        said = "*What the supervisor learned, and will do differently:*"
        out.append(f"{said}\n\n{block(session.learning)}")

    out.append("## Sign-off")
    for person_id in session.participants:
        signed = session.signed_by(person_id)
        if signed:
            line = f"- {name(person_id)}: acknowledged {human_datetime(signed.at.astimezone())}"
            if signed.comment.strip():
                line += f" — “{inline(signed.comment)}”"
        else:
            line = f"- {name(person_id)}: not signed yet"
        out.append(line)
    if session.amendments:
        out.append("## Amendments")
        out += [
            f"- {human_datetime(a.at.astimezone())}, {name(a.by)}: {inline(a.reason)}. "
            f"The version signed by everyone before is kept with the record."
            for a in session.amendments
        ]
    return "\n\n".join(out) + "\n"


def _strength(s) -> str:
    noticed = f" (noticed by {s.noticed_by.label.lower()})" if s.noticed_by else ""
    line = f"- **{inline(s.skill)}**{noticed}"
    return line + (f": {inline(s.example)}" if s.example.strip() else "")


def _role_item(r) -> str:
    fit = r.fit.label if r.fit else "fit not said"
    line = f"- **{inline(r.activity)}** — {fit}"
    if r.function:
        line += f"; {r.function.label.lower()}"
    if r.decision:
        line += f"; decision: {r.decision.label.lower()}"
    if r.rationale.strip():
        line += f"  \n  Why it was asked: {inline(r.rationale)}"
    return line


def _concern_of(name):
    def line(c) -> str:
        category = c.category.label if c.category else "no category"
        text = f"- {inline(c.text)} ({category}; owner: {name(c.owner) if c.owner else '—'}"
        if c.follow_up:
            text += f"; follow up by {human_date(c.follow_up)}"
        return text + ")"

    return line


def _idea_of(name):
    def line(i) -> str:
        by = name(i.raised_by) if i.raised_by else "—"
        return f"- {inline(i.text)} ({i.kind.label.lower()}; raised by {by}; {_idea_now(name)(i)})"

    return line


def _idea_now(name):
    """Where an idea stands (as raised, or after an update), with the reason told back."""

    def state(i) -> str:
        text = f"now **{i.status.label.lower()}**"
        if i.taken_by:
            text += f", taken to the team by {name(i.taken_by)}"
            text += f" on {human_date(i.taken_on)}" if i.taken_on else ""
        return text + (f"; the team's reason: {inline(i.reason)}" if i.reason.strip() else "")

    return state


def _goal(g) -> str:
    area = g.area.label if g.area else "no area"
    line = f"- {inline(g.text)} ({area}; {g.progress}%"
    if g.target_date:
        line += f"; target {human_date(g.target_date)}"
    line += ")"
    if g.next_step.strip():
        line += f"  \n  Next step: {inline(g.next_step)}"
    return line


def _concern_now(u) -> str:
    return f"now **{u.status.label.lower()}**"


def _goal_now(u) -> str:
    line = f"{u.progress}% ({u.status.label.lower()})"
    return line + (f"; next step: {inline(u.next_step)}" if u.next_step.strip() else "")


def _action_now(u) -> str:
    return f"done {human_date(u.done_on)}" if u.done_on else "not done yet"


def _length(session: Session) -> str:
    """When it began and ended, and how long that was, as far as it is known."""
    began, ended = session.started, session.ended
    span = f"{began:%H:%M}–{ended:%H:%M}" if began and ended else ""
    if session.minutes is not None:
        return f"{span} ({session.minutes} minute{'' if session.minutes == 1 else 's'})"
    if began:
        return f"began {began:%H:%M}, length not recorded"
    return "length not recorded"
