"""The light figures of a held session, kept in each year's index beside the full records.

History lists sessions and trends count them from these alone, so neither has to
open a full record (about 3 KB of text each) to show a row or a number. A row holds
what the session was (date, kind, status, who), its check-in and feedback ratings,
the fit of each role activity (the activity's words only when it was drifting), the
strengths named, and its item events: what it raised and what it updated, without
the text (goals keep theirs: trends list them by name).

The store writes rows with :func:`row_to_data` and reads them back, checking every
type, in ``store/rows.py``; :func:`tracks_from_rows` folds the events into items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Literal

from .enums import (
    ConcernCategory,
    ConcernStatus,
    FeedbackKey,
    Fit,
    GoalStatus,
    IdeaStatus,
    RatingKey,
    SessionKind,
    SessionStatus,
)
from .items import Idea, IdeaUpdate
from .models import Action, ActionUpdate, Concern, ConcernUpdate, Goal, GoalUpdate, Session
from .serial import to_data
from .tracks import (
    ActionLog,
    ActionTrack,
    ConcernLog,
    ConcernTrack,
    GoalLog,
    GoalTrack,
    IdeaLog,
    IdeaTrack,
    Tracks,
)

# (id, category or None, status as raised)
NewConcern = tuple[str, ConcernCategory | None, ConcernStatus]
# (id, text, progress, status as set)
NewGoal = tuple[str, str, int, GoalStatus]
# (id, owner id, due, done on)
NewAction = tuple[str, str, date | None, date | None]


# The rating names as plain text: rows key their ratings by these (plain text keys are
# much quicker to look up in bulk than enum members).
RatingName = Literal[tuple(key.value for key in RatingKey)]  # type: ignore[valid-type]
FeedbackName = Literal[tuple(key.value for key in FeedbackKey)]  # type: ignore[valid-type]


@dataclass(slots=True)
class SessionRow:
    """One held session's light row. Stored (docs/format.md) as these fields by name,
    less ``id`` (the row's key) and ``day`` (worked out from ``when``)."""

    when: datetime
    kind: SessionKind
    status: SessionStatus
    supervisor_ids: list[str]
    updated_at: datetime
    ratings: dict[RatingName, int | None] = field(default_factory=dict)
    feedback: dict[FeedbackName, int | None] = field(default_factory=dict)
    fits: list[tuple[Fit, str]] = field(default_factory=list)  # activity kept when drifting
    strengths: list[str] = field(default_factory=list)
    new_concerns: list[NewConcern] = field(default_factory=list)
    concern_updates: list[tuple[str, ConcernStatus]] = field(default_factory=list)
    new_goals: list[NewGoal] = field(default_factory=list)
    goal_updates: list[tuple[str, int, GoalStatus]] = field(default_factory=list)
    new_actions: list[NewAction] = field(default_factory=list)
    action_updates: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    minutes: int | None = None  # how long it took, when known (never 0 for unknown)
    new_ideas: list[tuple[str, IdeaStatus]] = field(default_factory=list)  # (id, status)
    idea_updates: list[tuple[str, IdeaStatus]] = field(default_factory=list)
    id: str = ""
    day: date | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        self.day = self.when.date()

    def item_ids(self) -> set[str]:
        """Every item this session raised or updated."""
        ids = {c[0] for c in self.new_concerns} | {u[0] for u in self.concern_updates}
        ids |= {g[0] for g in self.new_goals} | {u[0] for u in self.goal_updates}
        ids |= {a[0] for a in self.new_actions} | {u[0] for u in self.action_updates}
        ids |= {i[0] for i in self.new_ideas} | {u[0] for u in self.idea_updates}
        return ids


def row_of(session: Session) -> SessionRow:
    base = dict(
        id=session.id,
        when=session.when,
        kind=session.kind,
        status=session.status,
        supervisor_ids=list(session.supervisor_ids),
        updated_at=session.updated_at,
    )
    if session.status == SessionStatus.WITHDRAWN:  # listed, but out of every figure
        return SessionRow(**base)
    return SessionRow(  # (made once: an import makes a row for every session)
        **base,
        ratings={k._value_: r.value for k, r in session.checkin.ratings.items()},
        feedback={k._value_: v for k, v in session.feedback.ratings.items()},
        fits=[
            (r.fit, " ".join(r.activity.split()) if r.fit == Fit.DRIFTING else "")
            for r in session.role_items
            if r.fit is not None
        ],
        strengths=[" ".join(s.skill.split()) for s in session.strengths if s.skill.strip()],
        new_concerns=[(c.id, c.category, c.status) for c in session.concerns],
        concern_updates=[(u.concern_id, u.status) for u in session.concern_updates],
        new_goals=[(g.id, g.text, g.progress, g.status) for g in session.goals],
        goal_updates=[(u.goal_id, u.progress, u.status) for u in session.goal_updates],
        new_actions=[(a.id, a.owner, a.due, a.done_on) for a in session.actions],
        action_updates=[(u.action_id, u.done_on, u.due) for u in session.action_updates],
        minutes=session.minutes,
        new_ideas=[(i.id, i.status) for i in session.ideas],
        idea_updates=[(u.idea_id, u.status) for u in session.idea_updates],
    )


# -- the stored form ----------------------------------------------------------------
# Read back by the store (store/rows.py), which checks every type on the way in.


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def row_to_data(f: SessionRow) -> dict[str, Any]:
    # (an enum's ``_value_``, not its slower ``value``: an import writes a row a session)
    return {
        "when": f.when.isoformat(),
        "kind": f.kind._value_,
        "status": f.status._value_,
        "supervisor_ids": list(f.supervisor_ids),
        "updated_at": to_data(f.updated_at),
        "ratings": dict(f.ratings),
        "feedback": dict(f.feedback),
        "fits": [[fit._value_, activity] for fit, activity in f.fits],
        "strengths": list(f.strengths),
        "new_concerns": [
            [i, None if c is None else c._value_, s._value_] for i, c, s in f.new_concerns
        ],
        "concern_updates": [[i, s._value_] for i, s in f.concern_updates],
        "new_goals": [[i, t, p, s._value_] for i, t, p, s in f.new_goals],
        "goal_updates": [[i, p, s._value_] for i, p, s in f.goal_updates],
        "new_actions": [[i, o, _day(d), _day(x)] for i, o, d, x in f.new_actions],
        "action_updates": [[i, _day(x), _day(d)] for i, x, d in f.action_updates],
    } | _optional(f)


def _optional(f: SessionRow) -> dict[str, Any]:
    """Fields written only when they hold something (rows from before them are alike)."""
    found: dict[str, Any] = {} if f.minutes is None else {"minutes": f.minutes}
    if f.new_ideas:
        found["new_ideas"] = [[i, s.value] for i, s in f.new_ideas]
    if f.idea_updates:
        found["idea_updates"] = [[i, s.value] for i, s in f.idea_updates]
    return found


# -- item tracks from the events -----------------------------------------------------


def tracks_from_rows(peer_id: str, rows: list[SessionRow]) -> Tracks:
    """The peer's items as trends need them, folded from the events alone.

    The same rules as :func:`fold_sessions` (items raised in date order,
    updates applied to items known by then, late ones once more at the end), so
    every figure trends take from these equals what the full records give. Texts
    other than a goal's are left empty: trends do not use them.
    """
    tracks = Tracks()
    concerns, goals, actions, ideas = tracks.concerns, tracks.goals, tracks.actions, tracks.ideas
    missed: list[tuple[str, date, str, tuple]] = []
    for f in sorted(rows, key=attrgetter("when", "id")):
        day, sid = f.day, f.id
        for cid, category, status in f.new_concerns:
            concerns[cid] = ConcernTrack(
                peer_id, sid, day, Concern("", category, "", "", status, None, "", cid)
            )
        for gid, text, progress, status in f.new_goals:
            goals[gid] = GoalTrack(
                peer_id, sid, day, Goal(text, None, None, progress, status, "", gid)
            )
        for aid, owner, due, done in f.new_actions:
            actions[aid] = ActionTrack(peer_id, sid, day, Action("", owner, due, done, aid))
        for iid, status in f.new_ideas:
            ideas[iid] = IdeaTrack(peer_id, sid, day, Idea(status=status, id=iid))
        for iid, status in f.idea_updates:
            if iid in ideas:
                ideas[iid].updates.append(IdeaLog(day, sid, IdeaUpdate(iid, status, id="")))
            else:
                missed.append(("i", day, sid, (iid, status)))
        for cid, status in f.concern_updates:
            track = concerns.get(cid)
            if track is None:
                missed.append(("c", day, sid, (cid, status)))
            else:
                track.updates.append(
                    ConcernLog(day, sid, ConcernUpdate(cid, status, "", None, "", "", ""))
                )
        for gid, progress, status in f.goal_updates:
            track = goals.get(gid)
            if track is None:
                missed.append(("g", day, sid, (gid, progress, status)))
            else:
                track.updates.append(
                    GoalLog(day, sid, GoalUpdate(gid, progress, status, "", "", ""))
                )
        for aid, done, due in f.action_updates:
            track = actions.get(aid)
            if track is None:
                missed.append(("a", day, sid, (aid, done, due)))
            else:
                track.updates.append(ActionLog(day, sid, ActionUpdate(aid, done, due, "", "")))
    for kind, day, sid, update in missed:
        if kind == "c" and update[0] in concerns:
            log = ConcernLog(day, sid, ConcernUpdate(update[0], update[1], "", None, "", "", ""))
            concerns[update[0]].updates.append(log)
        elif kind == "g" and update[0] in goals:
            log = GoalLog(day, sid, GoalUpdate(update[0], update[1], update[2], "", "", ""))
            goals[update[0]].updates.append(log)
        elif kind == "i" and update[0] in ideas:
            log = IdeaLog(day, sid, IdeaUpdate(update[0], update[1], id=""))
            ideas[update[0]].updates.append(log)
        elif kind == "a" and update[0] in actions:
            log = ActionLog(day, sid, ActionUpdate(update[0], update[1], update[2], "", ""))
            actions[update[0]].updates.append(log)
    for table in (concerns, ideas, goals, actions):  # logs in (day, session) order, as stored
        for track in table.values():
            if len(track.updates) > 1:
                track.updates.sort(key=lambda log: (log.on, log.session_id))
    return tracks
