"""What Home shows: one row per peer, with due dates and open items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..domain.enums import Role, Section
from ..domain.person import Person
from ..domain.schedule import Due, due
from ..domain.tallies import PeerTally

if TYPE_CHECKING:
    from ..domain.contacts import Contact
    from ..domain.models import Session


@dataclass(frozen=True)
class HomeRow:
    person: Person
    summary: PeerTally
    due: Due

    @property
    def sort_key(self) -> tuple:
        # Overdue first (most overdue on top), then soonest due, then name.
        return (-self.due.days_late, self.due.on, self.person.name.casefold())


def home_rows(
    people: list[Person],
    summaries: dict[str, PeerTally],
    today: date,
    *,
    include_inactive: bool = False,
) -> list[HomeRow]:
    rows = []
    for person in people:
        if person.role != Role.PEER or (not person.active and not include_inactive):
            continue
        summary = summaries.get(person.id) or PeerTally(person.id)
        rows.append(
            HomeRow(
                person, summary, due(person.cadence, person.weekday, summary.last_session, today)
            )
        )
    return sorted(rows, key=lambda r: r.sort_key)


def due_tomorrow(rows: list[HomeRow], today: date) -> list[HomeRow]:
    return [row for row in rows if (row.due.on - today).days == 1]


def tomorrow_lines(rows: list[HomeRow], has_agenda: dict[str, bool], today: date) -> list[str]:
    """The day before a session is due: with whom, and whether they added to its agenda."""
    found = []
    for row in due_tomorrow(rows, today):
        added = has_agenda.get(row.person.id)
        agenda = "they have added to its agenda" if added else "their agenda is empty"
        found.append(f"Tomorrow: a session with {row.person.name} — {agenda}.")
    return found


STEP_COUNT = 1 + len(Section)  # the review, then one step per section


def draft_label(draft: Session, people: dict[str, Person], local=None) -> str:
    """What tells one unfinished session from another: whose, which kind, when it was
    started, how far it got, when it was last changed (``local`` turns the stored UTC
    stamp into local time)."""
    peer = people.get(draft.peer_id)
    name = peer.display if peer else "an unknown peer"
    done = min(STEP_COUNT, len(set(draft.visited) | set(draft.skipped)))
    changed = local(draft.updated_at) if local else draft.updated_at
    steps = f"{done} of {STEP_COUNT} steps"
    if draft.correcting is not None:
        steps = "a correction of a finished session"
    return (
        f"{name} — {draft.kind.label}, {draft.when:%a %d %b %H:%M}; "
        f"{steps}; last change {changed:%a %d %b %H:%M}"
    )


LATE = " — LATE"  # in words: never shown by colour alone


def peer_detail(
    row: HomeRow,
    tracks,
    today: date,
    names: dict[str, str],
    *,
    limit: int = 8,
    gentle: bool = False,
    contacts: list[Contact] = (),
) -> str:
    """Plain lines about one peer: cadence, dates, informal ``contacts`` since their last
    session, and each open item (``gentle``: as the peer reads it in their own view,
    "late" in small letters)."""
    late_mark = " — late" if gentle else LATE
    from ..domain.dates import human_date
    from ..domain.schedule import WEEKDAYS
    from ..domain.text import excerpt

    person, s = row.person, row.summary
    cadence = person.cadence.label.lower()
    if person.weekday is not None:
        cadence += f", {WEEKDAYS[person.weekday]}s"
    last = human_date(s.last_session) if s.last_session else "never"
    lines = [
        f"{person.display} · {cadence} · last met {last} · next "
        f"{human_date(row.due.on)} ({row.due.describe(today, gentle=gentle)})"
    ]
    if contacts:
        minutes = sum(c.minutes for c in contacts)
        kinds = "; ".join(f"{c.kind.label.lower()} {c.when:%a %d %b}" for c in contacts[-3:])
        more = f"; {len(contacts) - 3} more" if len(contacts) > 3 else ""
        lines.append(
            f"Informal contact since the last session: {len(contacts)}, {minutes} min "
            f"({kinds}{more})"
        )

    def who(person_id: str) -> str:
        return names.get(person_id, "—") if person_id else "no owner"

    concerns = [h for h in tracks.concerns.values() if h.is_open]
    goals = [h for h in tracks.goals.values() if h.is_active]
    actions = [h for h in tracks.actions.values() if h.is_open]
    if concerns:
        lines.append(f"Open concerns ({len(concerns)}):")
        for h in sorted(concerns, key=lambda h: (h.raised_on, h.id))[:limit]:
            c = h.current
            follow = f", follow up {human_date(c.follow_up)}" if c.follow_up else ""
            late = late_mark if h.follow_up_overdue(today) else ""
            lines.append(f"  • {excerpt(c.text, 48)} — {who(c.owner)}{follow}{late}")
    if goals:
        lines.append(f"Active goals ({len(goals)}):")
        for h in sorted(goals, key=lambda h: (h.set_on, h.id))[:limit]:
            g = h.current
            target = f", target {human_date(g.target_date)}" if g.target_date else ""
            lines.append(f"  • {excerpt(g.text, 48)} — {g.progress}%{target}")
    if actions:
        lines.append(f"Open actions ({len(actions)}):")
        for h in sorted(actions, key=lambda h: (h.current.due or date.max, h.id))[:limit]:
            a = h.current
            due_text = f", due {human_date(a.due)}" if a.due else ""
            late = late_mark if h.is_overdue(today) else ""
            lines.append(f"  • {excerpt(a.text, 48)} — {who(a.owner)}{due_text}{late}")
    ideas = sorted((h for h in tracks.ideas.values() if h.is_open), key=lambda h: h.raised_on)
    if ideas:
        lines.append(f"Open ideas ({len(ideas)}):")
        for h in ideas[:limit]:
            i = h.current
            taken = f"taken to the team by {who(i.taken_by)}" if i.taken_by else "noted"
            lines.append(f"  • {excerpt(i.text, 48)} — {taken}")
    told = [h for h in tracks.ideas.values() if h.decided_on and h.current.reason] if gentle else []
    if told:  # in the peer's own view: what the team decided of their ideas, and why
        lines.append("What the team decided of your ideas:")
        for h in sorted(told, key=lambda h: (h.decided_on, h.id))[-3:]:
            i = h.current
            lines.append(f"  • {excerpt(i.text, 40)} — {i.status.label.lower()}: {i.reason}")
    if not (concerns or goals or actions or ideas):
        lines.append("Nothing open: no concerns, goals or actions carried forward.")
    return "\n".join(lines)
