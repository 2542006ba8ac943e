"""History rows, text search, and the plain-text twins of History, Trends and Team.

The plain text is for scripts and screen-reader users: labelled lines and
aligned columns, no box drawing, every figure written out in words or numbers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import ConcernStatus, FeedbackKey, RatingKey, Role, SessionStatus
from ..domain.models import Person, Session
from ..domain.rows import SessionRow
from .team import TeamRow, TeamTrends
from .trends import PeerTrends, Series

RATING_SHORT = {
    RatingKey.ROLE_CLARITY: "clarity",
    RatingKey.SUPPORTED: "support",
    RatingKey.VALUED: "valued",
    RatingKey.WORKLOAD: "workload",
}


HISTORY_PERIOD = "last 12 months"  # what History shows first; "all" is a word away


@dataclass
class HistoryRow:
    session_id: str
    when: datetime
    kind: str
    status: str
    acknowledged: bool  # signed off by everyone
    withdrawn: bool  # kept, but out of every figure
    supervisors: list[str]
    ratings: dict[str, int | None]
    concerns_opened: int
    concerns_resolved: int

    @property
    def signoff(self) -> str:
        """The sign-off column, in words (never by colour alone)."""
        if self.withdrawn:
            return "withdrawn"
        return "signed" if self.acknowledged else "AWAITING"


def history_rows(sessions: list[SessionRow], people: dict[str, Person]) -> list[HistoryRow]:
    """One row per session (from its light row, :mod:`domain.rows`), newest first."""
    rows = []
    for s in sorted(sessions, key=lambda s: (s.when, s.id), reverse=True):
        rows.append(
            HistoryRow(
                session_id=s.id,
                when=s.when,
                kind=s.kind.label,
                status=s.status.label,
                acknowledged=s.status == SessionStatus.ACKNOWLEDGED,
                withdrawn=s.status == SessionStatus.WITHDRAWN,
                supervisors=[people[i].name if i in people else "—" for i in s.supervisor_ids],
                ratings={
                    RATING_SHORT[k]: s.ratings[k.value] for k in RatingKey if k.value in s.ratings
                },
                concerns_opened=len(s.new_concerns),
                concerns_resolved=sum(
                    1 for _, status in s.concern_updates if status == ConcernStatus.RESOLVED
                ),
            )
        )
    return rows


def glance(ratings: dict[str, int | None]) -> str:
    """'clarity 4, support 3, valued –, workload 2'."""
    return ", ".join(f"{k} {v if v is not None else '–'}" for k, v in ratings.items())


def session_text(session: Session) -> str:
    """Everything typed in a session, for text search."""
    parts = [session.checkin.arriving, session.feedback.text, session.peer_note]
    parts += [r.note for r in session.checkin.ratings.values()]
    parts += [v.peer + " " + v.supervisor for v in session.voices.values()]
    parts += [s.skill + " " + s.example for s in session.strengths]
    parts += [r.activity + " " + r.rationale + " " + r.note for r in session.role_items]
    parts += [c.text + " " + c.resolution_note for c in session.concerns]
    parts += [u.note + " " + u.resolution_note for u in session.concern_updates]
    parts += [i.text + " " + i.reason for i in session.ideas]
    parts += [u.note + " " + u.reason for u in session.idea_updates]
    parts += [g.text + " " + g.next_step for g in session.goals]
    parts += [u.note + " " + u.next_step for u in session.goal_updates]
    parts += [a.text for a in session.actions] + [u.note for u in session.action_updates]
    parts += [item.text for item in session.agenda]
    parts += [s.comment for s in session.signoffs]
    return " ".join(p for p in parts if p)


def search(sessions: list[Session], query: str) -> list[Session]:
    words = query.casefold().split()
    if not words:
        return sessions
    return [s for s in sessions if all(w in session_text(s).casefold() for w in words)]


def closest_names(name: str, people: list[Person], role: Role | None = None) -> list[str]:
    names = sorted({p.name for p in people if role is None or p.role == role})
    found = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    lowered = name.casefold()
    found += [n for n in names if lowered in n.casefold() and n not in found]
    return found[:5]


# ---------------------------------------------------------------------------
# Plain text


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return out


def history_text(peer: Person, period_label: str, rows: list[HistoryRow]) -> str:
    out = [f"History of {peer.display}: {len(rows)} session(s), {period_label}", ""]
    if not rows:
        out.append("No sessions in this period.")
        return "\n".join(out) + "\n"
    out += _table(
        ["Date", "Kind", "Supervisors", "Ratings", "Concerns raised", "Resolved", "Status", "Id"],
        [
            [
                f"{r.when:%Y-%m-%d %H:%M}",
                r.kind,
                ", ".join(r.supervisors),
                glance(r.ratings),
                str(r.concerns_opened),
                str(r.concerns_resolved),
                r.status,
                r.session_id[:8],
            ]
            for r in rows
        ],
    )
    out += ["", "One session as plain text: supervise show ID"]
    return "\n".join(out) + "\n"


def series_phrase(s: Series) -> str:
    """'latest 4, average 3.5, improving' — or that there were no ratings."""
    if not s.points:
        return "no ratings in this period"
    return f"latest {s.latest}, average {s.average}, {s.direction}"


def _series_text(label: str, s: Series) -> str:
    if not s.points:
        return f"  {label}: no ratings"
    values = " ".join(str(v) for _, v in s.points[-12:])
    return f"  {label}: {series_phrase(s)} (last values: {values})"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def trends_text(t: PeerTrends) -> str:
    out = [
        f"Trends for {t.name}{f' ({t.site})' if t.site else ''}: {t.period}",
        f"Sessions held: {t.sessions} (expected by cadence: {t.cadence.expected})",
    ]
    if t.cadence.longest_gap_days is not None:
        out.append(f"Longest gap between sessions: {t.cadence.longest_gap_days} days")
    if t.cadence.days_since_last is not None:
        out.append(f"Days since the last session: {t.cadence.days_since_last}")
    out += ["", "Check-in ratings (1-5; check-ins, not scores):"]
    out += [_series_text(k.label, t.ratings[k]) for k in RatingKey]
    c = t.concerns
    out += [
        "",
        "Concerns:",
        f"  raised: {c.opened}, resolved: {c.resolved}, still open: {c.still_open}",
        f"  days to resolve: median {c.median_days_to_resolve if c.median_days_to_resolve is not None else '—'}"  # noqa: E501
        f", longest {c.longest_days_to_resolve if c.longest_days_to_resolve is not None else '—'}",  # noqa: E501
        f"  carried over more than two sessions: {c.carried_over_more_than_two}",
    ]
    if c.opened_per_month or c.resolved_per_month:
        months = sorted(set(c.opened_per_month) | set(c.resolved_per_month))
        per_month = [
            f"{m} raised {c.opened_per_month.get(m, 0)} resolved {c.resolved_per_month.get(m, 0)}"
            for m in months[-12:]
        ]
        out.append("  per month: " + "; ".join(per_month))
    if c.top_categories:
        out.append(
            "  most frequent: " + ", ".join(f"{cat.label} ({n})" for cat, n in c.top_categories[:5])
        )
    i = t.ideas
    out += ["", "Ideas and what clients are saying:"]
    out.append(f"  raised: {i.raised}, adopted (or adapted): {i.adopted}, ")
    out[-1] += f"not adopted: {i.not_adopted}, still open: {i.still_open}"
    r = t.role
    out += [
        "",
        "Role negotiation:",
        f"  share of activities drifting from the peer role: {_pct(r.drifting_share)}",
    ]
    if r.per_session:
        out.append(
            "  per session (drifting / unsure): "
            + "; ".join(
                f"{p.day:%d %b} {_pct(p.drifting)}/{_pct(p.unsure)}" for p in r.per_session[-8:]
            )
        )
    if r.recurring_drift:
        out.append(
            "  keeps coming back as drifting: "
            + ", ".join(f"{a} ({n} sessions)" for a, n in r.recurring_drift[:5])
        )
    g = t.goals
    out += [
        "",
        "Development goals:",
        f"  active: {g.active}, completed in this period: {g.completed}, stalled: {g.stalled}",
    ]
    for line in g.goals[-8:]:
        stalled = ", STALLED" if line.stalled else ""
        out.append(f"  - {line.text}: {line.progress}% ({line.status.label.lower()}{stalled})")
    out += ["", "Agreed actions (on time / late / open, of which overdue):"]
    for owner, label in (("peer", t.name), ("supervisor", "Supervisors")):
        a = t.actions[owner]
        out.append(f"  {label}: {a.on_time} / {a.late} / {a.open}, overdue {a.overdue}")
    out += ["", "Strengths most often named:"]
    out += [f"  {skill} ({n})" for skill, n in t.strengths] or ["  none recorded"]
    out += ["", "Feedback on supervision (1-5):"]
    out += [_series_text(k.label, t.feedback[k]) for k in FeedbackKey]
    return "\n".join(out) + "\n"


def team_cells(t: TeamRow) -> dict[str, str]:
    """One peer's figures for the team view, the same on screen and in plain text."""
    rc = t.role_clarity
    sup = t.supervisor_actions
    median = t.median_days_to_resolve
    return {
        "name": t.name,
        "site": t.site or "—",
        "held": f"{t.cadence.held}/{t.cadence.expected}",
        "clarity": f"{rc.latest if rc.latest is not None else '—'} {rc.direction}",
        "open": str(t.open_concerns),
        "median": "—" if median is None else f"{median:g}",
        "drift": _pct(t.drifting_share),
        "stalled": str(t.stalled_goals),
        "sup": f"{sup.late} late, {sup.open} open",
    }


TEAM_HEADINGS = {
    "name": "Peer",
    "site": "Site",
    "held": "Held/expected",
    "clarity": "Role clarity",
    "open": "Open concerns",
    "median": "Median days",
    "drift": "Drifting",
    "stalled": "Stalled goals",
    "sup": "Supervisor actions",
}


def team_text(team: TeamTrends, heading: str) -> str:
    out = [f"Team: {heading}, {team.period}", ""]
    if not team.peers:
        out.append("No peers match.")
        return "\n".join(out) + "\n"
    rows = [list(team_cells(t).values()) for t in team.peers]
    out += _table(list(TEAM_HEADINGS.values()), rows)
    out += ["", "Concern categories that recur across peers:"]
    if team.recurring_categories:
        out += [
            f"  {r.category.label}: {r.peers} peers, {r.concerns} concerns"
            for r in team.recurring_categories
        ]
    else:
        out.append("  none")
    return "\n".join(out) + "\n"
