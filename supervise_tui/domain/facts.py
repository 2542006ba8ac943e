"""The light figures of a held session, kept in each year's index beside the full records.

History lists sessions and trends count them from these alone, so neither has to
open a full record (about 3 KB of text each) to show a row or a number. A row holds
what the session was (date, kind, status, who), its check-in and feedback ratings,
the fit of each role activity (the activity's words only when it was drifting), the
strengths named, and its item events: what it raised and what it updated, without
the text (goals keep theirs: trends list them by name).

The rows are read in bulk, so they have their own compact form and a hand-written
reader (far quicker than the general one in :mod:`serial`) that still refuses a wrong
shape with a :class:`ValidationError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from .enums import (
    ConcernCategory,
    ConcernStatus,
    FeedbackKey,
    Fit,
    GoalStatus,
    RatingKey,
    SessionKind,
    SessionStatus,
)
from .errors import ValidationError
from .models import (
    Action,
    ActionHead,
    ActionLog,
    ActionUpdate,
    Concern,
    ConcernHead,
    ConcernLog,
    ConcernUpdate,
    Goal,
    GoalHead,
    GoalLog,
    GoalUpdate,
    Session,
    SessionRef,
)
from .rules import Heads

# (id, category or None, status as raised)
NewConcern = tuple[str, ConcernCategory | None, ConcernStatus]
# (id, text, progress, status as set)
NewGoal = tuple[str, str, int, GoalStatus]
# (id, owner id, due, done on)
NewAction = tuple[str, str, date | None, date | None]


@dataclass(slots=True)
class SessionFacts:
    id: str
    when: datetime
    kind: SessionKind
    status: SessionStatus
    supervisor_ids: list[str]
    updated_at: datetime
    ratings: dict[RatingKey, int | None] = field(default_factory=dict)
    feedback: dict[FeedbackKey, int | None] = field(default_factory=dict)
    fits: list[tuple[Fit, str]] = field(default_factory=list)  # activity kept when drifting
    strengths: list[str] = field(default_factory=list)
    new_concerns: list[NewConcern] = field(default_factory=list)
    concern_updates: list[tuple[str, ConcernStatus]] = field(default_factory=list)
    new_goals: list[NewGoal] = field(default_factory=list)
    goal_updates: list[tuple[str, int, GoalStatus]] = field(default_factory=list)
    new_actions: list[NewAction] = field(default_factory=list)
    action_updates: list[tuple[str, date | None, date | None]] = field(default_factory=list)

    @property
    def day(self) -> date:
        return self.when.date()

    @property
    def ref(self) -> SessionRef:
        return SessionRef(
            self.id, self.when, self.kind, self.status, list(self.supervisor_ids), self.updated_at
        )

    def item_ids(self) -> set[str]:
        """Every item this session raised or updated."""
        ids = {c[0] for c in self.new_concerns} | {u[0] for u in self.concern_updates}
        ids |= {g[0] for g in self.new_goals} | {u[0] for u in self.goal_updates}
        ids |= {a[0] for a in self.new_actions} | {u[0] for u in self.action_updates}
        return ids


def facts_of(session: Session) -> SessionFacts:
    return SessionFacts(
        id=session.id,
        when=session.when,
        kind=session.kind,
        status=session.status,
        supervisor_ids=list(session.supervisor_ids),
        updated_at=session.updated_at,
        ratings={k: r.value for k, r in session.checkin.ratings.items()},
        feedback=dict(session.feedback.ratings),
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
    )


# -- the compact stored form ------------------------------------------------------


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _stamp(value: datetime) -> str:
    from .serial import to_data

    return to_data(value)


def facts_to_data(f: SessionFacts) -> dict[str, Any]:
    return {
        "when": f.when.isoformat(),
        "kind": f.kind.value,
        "status": f.status.value,
        "sup": list(f.supervisor_ids),
        "updated": _stamp(f.updated_at),
        "r": {k.value: v for k, v in f.ratings.items()},
        "f": {k.value: v for k, v in f.feedback.items()},
        "fit": [[fit.value, activity] for fit, activity in f.fits],
        "s": list(f.strengths),
        "c+": [[i, None if c is None else c.value, s.value] for i, c, s in f.new_concerns],
        "c": [[i, s.value] for i, s in f.concern_updates],
        "g+": [[i, t, p, s.value] for i, t, p, s in f.new_goals],
        "g": [[i, p, s.value] for i, p, s in f.goal_updates],
        "a+": [[i, o, _day(d), _day(x)] for i, o, d, x in f.new_actions],
        "a": [[i, _day(x), _day(d)] for i, x, d in f.action_updates],
    }


def _lookup(cls: type[Enum]) -> dict[Any, Any]:
    return {member.value: member for member in cls}


_KIND = _lookup(SessionKind)
_STATUS = _lookup(SessionStatus)
_RATING = _lookup(RatingKey)
_FEEDBACK = _lookup(FeedbackKey)
_FIT = _lookup(Fit)
_CATEGORY = {None: None, **_lookup(ConcernCategory)}
_CONCERN = _lookup(ConcernStatus)
_GOAL = _lookup(GoalStatus)
_DATES: dict[Any, date | None] = {None: None}


def _date(value: Any) -> date | None:
    found = _DATES.get(value, _DATES)
    if found is _DATES:
        if not isinstance(value, str):
            raise TypeError(value)
        found = date.fromisoformat(value)
        if len(_DATES) < 50_000:
            _DATES[value] = found
    return found  # type: ignore[return-value]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _int(value: Any) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError(value)
    return value


def facts_from_data(session_id: str, data: Any) -> SessionFacts:
    """A stored row back as facts; a wrong shape raises ValidationError."""
    try:
        when = datetime.fromisoformat(_text(data["when"]))
        updated = datetime.fromisoformat(_text(data["updated"]).replace("Z", "+00:00"))
        return SessionFacts(
            session_id,
            when,
            _KIND[data["kind"]],
            _STATUS[data["status"]],
            [_text(i) for i in data["sup"]],
            updated,
            {_RATING[k]: _int(v) for k, v in data["r"].items()},
            {_FEEDBACK[k]: _int(v) for k, v in data["f"].items()},
            [(_FIT[fit], _text(activity)) for fit, activity in data["fit"]],
            [_text(s) for s in data["s"]],
            [(_text(i), _CATEGORY[c], _CONCERN[s]) for i, c, s in data["c+"]],
            [(_text(i), _CONCERN[s]) for i, s in data["c"]],
            [(_text(i), _text(t), _int(p) or 0, _GOAL[s]) for i, t, p, s in data["g+"]],
            [(_text(i), _int(p) or 0, _GOAL[s]) for i, p, s in data["g"]],
            [(_text(i), _text(o), _date(d), _date(x)) for i, o, d, x in data["a+"]],
            [(_text(i), _date(x), _date(d)) for i, x, d in data["a"]],
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValidationError(
            f"The light figures of session {session_id} do not have the expected shape.",
            f"index.{session_id}",
        ) from error


# -- item heads from the events -----------------------------------------------------


def heads_from_facts(peer_id: str, facts: list[SessionFacts]) -> Heads:
    """The peer's items as trends need them, folded from the events alone.

    The same rules as :func:`rules.fold_sessions` (items raised in date order,
    updates applied to items known by then, late ones once more at the end), so
    every figure trends take from these equals what the full records give. Texts
    other than a goal's are left empty: trends do not use them.
    """
    heads = Heads()
    missed: list[tuple[SessionFacts, str, tuple]] = []
    for f in sorted(facts, key=lambda f: (f.when, f.id)):
        day = f.day
        for cid, category, status in f.new_concerns:
            heads.concerns[cid] = ConcernHead(
                peer_id, f.id, day, Concern("", category, "", "", status, None, "", cid)
            )
        for gid, text, progress, status in f.new_goals:
            heads.goals[gid] = GoalHead(
                peer_id, f.id, day, Goal(text, None, None, progress, status, "", gid)
            )
        for aid, owner, due, done in f.new_actions:
            heads.actions[aid] = ActionHead(peer_id, f.id, day, Action("", owner, due, done, aid))
        for kind, updates in (
            ("c", f.concern_updates),
            ("g", f.goal_updates),
            ("a", f.action_updates),
        ):
            for update in updates:
                if not _apply(heads, kind, day, f.id, update):
                    missed.append((f, kind, update))
    for f, kind, update in missed:
        _apply(heads, kind, f.day, f.id, update)
    for table in (heads.concerns, heads.goals, heads.actions):
        for head in table.values():
            if len(head.updates) > 1:
                head.updates.sort(key=lambda log: (log.on, log.session_id))
    return heads


def _apply(heads: Heads, kind: str, day: date, session_id: str, update: tuple) -> bool:
    if kind == "c":
        head = heads.concerns.get(update[0])
        if head is None:
            return False
        head.updates.append(
            ConcernLog(day, session_id, ConcernUpdate(update[0], update[1], "", None, "", "", ""))
        )
    elif kind == "g":
        head = heads.goals.get(update[0])
        if head is None:
            return False
        head.updates.append(
            GoalLog(day, session_id, GoalUpdate(update[0], update[1], update[2], "", "", ""))
        )
    else:
        head = heads.actions.get(update[0])
        if head is None:
            return False
        head.updates.append(
            ActionLog(day, session_id, ActionUpdate(update[0], update[1], update[2], "", ""))
        )
    return True
