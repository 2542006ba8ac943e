"""Markdown and CSV exports: fit to print and file, and to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from ..domain.contacts import Contact, contact_lines
from ..domain.dates import human_date
from ..domain.enums import ConcernStatus, RatingKey, SessionStatus
from ..domain.groups import GroupSession, peer_group_lines
from ..domain.models import Person, Session
from ..domain.tracks import Tracks
from .summary import inline, session_markdown
from .timeline import timeline_markdown

CSV_TABLES = ("sessions", "concerns", "goals", "actions", "ideas")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell that a spreadsheet will never run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _held(sessions: list[Session]) -> str:
    withdrawn = sum(s.status == SessionStatus.WITHDRAWN for s in sessions)
    held = str(len(sessions) - withdrawn)
    return f"{held}, and {withdrawn} withdrawn" if withdrawn else held


def markdown_record(
    peer: Person,
    sessions: list[Session],
    tracks: Tracks,
    people: dict[str, Person],
    *,
    period_label: str = "all sessions",
    today: date | None = None,
    contacts: list[Contact] = (),
    groups: list[GroupSession] = (),
) -> str:
    """A peer's whole record (or one session when given one): sessions, the informal
    contacts between them, the group sessions they attended (with their own words), then
    items."""
    out = [f"# Supervision record — {inline(peer.name)}"]
    facts = [
        f"**Peer specialist:** {inline(peer.display)}",
        f"**Sessions:** {_held(sessions)} ({period_label})",
    ]
    if today:
        facts.append(f"**Exported:** {human_date(today)}")
    out.append("  \n".join(facts))
    for session in sorted(sessions, key=lambda s: (s.when, s.id)):
        body = session_markdown(session, people, tracks, title=False)
        body = body.replace("\n## ", "\n### ")
        if body.startswith("## "):
            body = "#" + body
        out.append(f"## Session of {human_date(session.day)}\n\n{body}")
    wanted = {s.id for s in sessions}
    names = {p.id: p.name for p in people.values()}
    if contacts:
        minutes = sum(c.minutes for c in contacts)
        out.append(f"## Informal contacts ({len(contacts)}, {minutes} min)")
        out.append("\n".join(f"- {inline(line)}" for line in contact_lines(contacts, names)))
    if groups:
        out.append(f"## Group sessions and community-of-practice calls ({len(groups)})")
        lines = []
        for group in sorted(groups, key=lambda g: (g.when, g.id)):
            first, *said = peer_group_lines([group], names, {})
            lines += [f"- {inline(first)}", *(f"  - {inline(line.strip())}" for line in said)]
        out.append("\n".join(lines))
    items = [h for h in tracks.concerns.values() if h.raised_in in wanted]
    items += [h for h in tracks.goals.values() if h.set_in in wanted]
    items += [h for h in tracks.actions.values() if h.agreed_in in wanted]
    ideas = [h for h in tracks.ideas.values() if h.raised_in in wanted]
    for heading, tracked in (
        ("Concerns, goals and actions across sessions", items),
        ("Ideas and what clients are saying, across sessions", ideas),
    ):
        if tracked:
            out.append(f"## {heading}")
        for track in tracked:
            out.append(
                timeline_markdown(track, names).replace("\n# ", "\n### ").replace("# ", "### ", 1)
            )
    return "\n\n".join(out).rstrip() + "\n"


def csv_rows(data: bytes) -> int:
    """How many rows (besides the heading) a CSV table made by :func:`csv_text` holds."""
    return max(0, sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")))) - 1)


def csv_text(
    table: str,
    peers: dict[str, Person],
    sessions_by_peer: dict[str, list[Session]],
    tracks_by_peer: dict[str, Tracks],
    people: dict[str, Person],
    today: date,
) -> str:
    """One CSV table, UTF-8 with a byte-order mark so spreadsheets read accents right."""
    if table not in CSV_TABLES:
        raise ValueError(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def name(person_id: str) -> str:
        return people[person_id].name if person_id in people else ""

    def row(values: list) -> None:
        writer.writerow([safe_cell(v) for v in values])

    if table == "sessions":
        row(
            [
                "date",
                "time",
                "kind",
                "peer",
                "site",
                "supervisors",
                "status",
                *[k.value for k in RatingKey],
                "concerns_raised",
                "concerns_resolved",
                "goals_set",
                "goal_updates",
                "actions_agreed",
                "actions_done",
                "signed_off_by",
            ]
        )
        for _peer_id, sessions in sorted(
            sessions_by_peer.items(), key=lambda kv: peers[kv[0]].name
        ):
            for s in sorted(sessions, key=lambda s: (s.when, s.id)):
                ratings = [
                    s.checkin.ratings[k].value if k in s.checkin.ratings else None
                    for k in RatingKey
                ]
                row(
                    [
                        s.when.date().isoformat(),
                        f"{s.when:%H:%M}",
                        s.kind.label,
                        name(s.peer_id),
                        s.site,
                        "; ".join(name(i) for i in s.supervisor_ids),
                        s.status.value,
                        *ratings,
                        len(s.concerns),
                        sum(1 for u in s.concern_updates if u.status == ConcernStatus.RESOLVED),
                        len(s.goals),
                        len(s.goal_updates),
                        len(s.actions),
                        sum(1 for u in s.action_updates if u.done_on),
                        "; ".join(name(x.person_id) for x in s.signoffs),
                    ]
                )
    else:
        items = ITEM_TABLES[table]
        row(["peer", items.day, *items.columns])
        for peer_id in sorted(sessions_by_peer, key=lambda pid: peers[pid].name):
            ids = {s.id for s in sessions_by_peer[peer_id]}
            tracks = getattr(tracks_by_peer[peer_id], items.tracks).values()
            for h in sorted(tracks, key=lambda h: (getattr(h, items.day), h.id)):
                if getattr(h, items.raised_in) in ids:
                    day = getattr(h, items.day).isoformat()
                    row([name(peer_id), day, *items.cells(h, peer_id, name, today)])
    return "\ufeff" + out.getvalue()


def _concern_cells(h, peer_id: str, name, today: date) -> list:
    c = h.current
    resolved = h.resolved_on
    return [
        c.category.label if c.category else "",
        c.text,
        name(c.raised_by),
        name(c.owner),
        c.status.value,
        c.follow_up.isoformat() if c.follow_up else "",
        resolved.isoformat() if resolved else "",
        (resolved - h.raised_on).days if resolved else "",
        len(h.updates),
        h.id,
    ]


def _goal_cells(h, peer_id: str, name, today: date) -> list:
    g = h.current
    return [
        g.area.label if g.area else "",
        g.text,
        g.progress,
        g.status.value,
        g.target_date.isoformat() if g.target_date else "",
        g.next_step,
        len(h.updates),
        h.id,
    ]


def _action_cells(h, peer_id: str, name, today: date) -> list:
    a = h.current
    if a.done_on is None:
        state = "overdue" if h.is_overdue(today) else "open"
    elif a.due is None or a.done_on <= a.due:
        state = "on time"
    else:
        state = "late"
    return [
        a.text,
        name(a.owner),
        "peer" if a.owner == peer_id else "supervisor",
        a.due.isoformat() if a.due else "",
        a.done_on.isoformat() if a.done_on else "",
        state,
        h.id,
    ]


CONCERN_COLUMNS = [
    "category",
    "concern",
    "raised_by",
    "owner",
    "status",
    "follow_up",
    "resolved_on",
    "days_to_resolve",
    "updates",
    "id",
]


GOAL_COLUMNS = [
    "area",
    "goal",
    "progress",
    "status",
    "target_date",
    "next_step",
    "updates",
    "id",
]


ACTION_COLUMNS = [
    "action",
    "owner",
    "owner_role",
    "due",
    "done_on",
    "state",
    "id",
]


class ItemTable(NamedTuple):
    """A CSV table of items: where a peer's tracks of that kind are, the day each was
    raised (the order, and a column after the peer's name) and the session it was raised
    in, then the cells of a row after those two, and their columns."""

    tracks: str
    day: str
    raised_in: str
    cells: Callable[..., list]
    columns: list[str]


def _idea_cells(h, peer_id: str, name, today: date) -> list:
    i = h.current
    taken_on, decided = i.taken_on, h.decided_on
    cells = [i.kind.value, i.text, name(i.raised_by), i.status.value, name(i.taken_by)]
    cells += [taken_on.isoformat() if taken_on else "", i.reason]
    return cells + [decided.isoformat() if decided else "", len(h.updates), h.id]


IDEA_COLUMNS = ["kind", "idea", "raised_by", "status", "taken_by", "taken_on", "reason"]
IDEA_COLUMNS += ["decided_on", "updates", "id"]


ITEM_TABLES = {
    "concerns": ItemTable("concerns", "raised_on", "raised_in", _concern_cells, CONCERN_COLUMNS),
    "goals": ItemTable("goals", "set_on", "set_in", _goal_cells, GOAL_COLUMNS),
    "actions": ItemTable("actions", "agreed_on", "agreed_in", _action_cells, ACTION_COLUMNS),
    "ideas": ItemTable("ideas", "raised_on", "raised_in", _idea_cells, IDEA_COLUMNS),
}
