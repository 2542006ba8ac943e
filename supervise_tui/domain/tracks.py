"""Tracks: a concern, idea, goal or action across sessions (an idea's: :mod:`.idea_tracks`).

A track holds the item as it was raised (``base``) and the log of later updates; its
current state is always folded from those two, so nothing derived is ever stored.
:func:`apply_session` folds one session into a peer's tracks (re-applying a session
replaces what it contributed before, so editing never doubles anything) and
:func:`fold_sessions` builds them from a whole history. What a session may update is
said by :mod:`.links`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .enums import ConcernStatus, GoalStatus, SessionStatus
from .idea_tracks import IdeaLog, IdeaTrack
from .logs import ByBase, RaisedTrack, UpdateLog, ordered_logs
from .models import Action, ActionUpdate, Concern, ConcernUpdate, Goal, GoalUpdate, Session

__all__ = ["IdeaLog", "IdeaTrack", "UpdateLog", "ordered_logs"]  # (kept importable from here)


def settle_goal(progress: int, status: GoalStatus) -> tuple[int, GoalStatus]:
    """Reaching 100% completes an active goal; completing a goal makes it 100%."""
    progress = max(0, min(100, progress))
    if status == GoalStatus.COMPLETED:
        return 100, status
    if progress == 100 and status == GoalStatus.ACTIVE:
        return 100, GoalStatus.COMPLETED
    return progress, status


@dataclass(slots=True)
class ConcernLog(UpdateLog):
    update: ConcernUpdate


@dataclass(slots=True)
class GoalLog(UpdateLog):
    update: GoalUpdate


@dataclass(slots=True)
class ActionLog(UpdateLog):
    update: ActionUpdate


@dataclass(slots=True)
class ConcernTrack(RaisedTrack):
    base: Concern
    updates: list[ConcernLog] = field(default_factory=list)

    @property
    def current(self) -> Concern:
        state = self.base
        for log in ordered_logs(self.updates):
            u = log.update
            state = replace(
                state,
                status=u.status,
                follow_up=u.follow_up if u.follow_up is not None else state.follow_up,
                owner=u.owner or state.owner,
                resolution_note=(
                    (u.resolution_note or u.note or state.resolution_note)
                    if u.status == ConcernStatus.RESOLVED
                    else ""
                ),
            )
        return state

    @property
    def resolved_on(self) -> date | None:
        return self._settled_on(lambda status: status == ConcernStatus.RESOLVED)

    @property
    def is_open(self) -> bool:
        return self.current.status != ConcernStatus.RESOLVED

    def follow_up_overdue(self, today: date) -> bool:
        """Still open, and the agreed follow-up date has passed."""
        follow_up = self.current.follow_up
        return self.is_open and follow_up is not None and follow_up < today


@dataclass(slots=True)
class GoalTrack(ByBase):
    peer_id: str
    set_in: str
    set_on: date
    base: Goal
    updates: list[GoalLog] = field(default_factory=list)

    @property
    def current(self) -> Goal:
        progress, status = settle_goal(self.base.progress, self.base.status)
        next_step = self.base.next_step
        for log in ordered_logs(self.updates):
            u = log.update
            progress, status = settle_goal(u.progress, u.status)
            next_step = u.next_step or next_step
        return replace(self.base, progress=progress, status=status, next_step=next_step)

    @property
    def is_active(self) -> bool:
        return self.current.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED)


@dataclass(slots=True)
class ActionTrack(ByBase):
    peer_id: str
    agreed_in: str
    agreed_on: date
    base: Action
    updates: list[ActionLog] = field(default_factory=list)

    @property
    def current(self) -> Action:
        if not self.updates:
            return self.base
        done_on, due = self.base.done_on, self.base.due
        for log in ordered_logs(self.updates):
            u = log.update
            done_on, due = u.done_on, (u.due if u.due is not None else due)
        return replace(self.base, done_on=done_on, due=due)

    @property
    def is_open(self) -> bool:
        return self.current.done_on is None

    def is_overdue(self, today: date) -> bool:
        """Not done, and its due date has passed."""
        action = self.current
        return action.done_on is None and action.due is not None and action.due < today


@dataclass
class Tracks:
    """One peer's concerns, ideas, goals and actions, each with its history."""

    concerns: dict[str, ConcernTrack] = field(default_factory=dict)
    ideas: dict[str, IdeaTrack] = field(default_factory=dict)
    goals: dict[str, GoalTrack] = field(default_factory=dict)
    actions: dict[str, ActionTrack] = field(default_factory=dict)


def _updates_by_kind(tracks: Tracks, session: Session) -> tuple:
    """For concerns, goals and actions: the peer's tracks of that kind, the session's
    updates to them, the name of an update's item id, and the log an update goes in."""
    return (
        (tracks.concerns, session.concern_updates, "concern_id", ConcernLog),
        (tracks.ideas, session.idea_updates, "idea_id", IdeaLog),
        (tracks.goals, session.goal_updates, "goal_id", GoalLog),
        (tracks.actions, session.action_updates, "action_id", ActionLog),
    )


def _sort_updates(tracks: Tracks, only: set[str] | None = None) -> None:
    """Each track's updates in date order (then by session and update), for the tracks
    of the ids in ``only``, or for every track."""
    for table in (tracks.concerns, tracks.ideas, tracks.goals, tracks.actions):
        for item_id in table.keys() if only is None else only & table.keys():
            table[item_id].updates.sort(key=lambda log: (log.on, log.session_id, log.update.id))


def apply_session(tracks: Tracks, session: Session) -> set[str]:
    """Fold a session's new items and updates into ``tracks`` (in place).

    Re-applying a session (after an edit or a sign-off) replaces what it
    contributed before, keeping what later sessions added to its items, so
    nothing is doubled or lost. Returns the ids of the items touched. An
    update to an item that is not in ``tracks`` is ignored here and reported by
    the store's consistency check.
    """
    touched: set[str] = set()
    day = session.day
    if session.status == SessionStatus.WITHDRAWN:  # it raises and updates nothing
        empty: list = []
        session = replace(session, concerns=empty, ideas=empty, goals=empty, actions=empty)
        session = replace(session, concern_updates=empty, idea_updates=empty)
        session = replace(session, goal_updates=empty, action_updates=empty)
    for table, raised_attr, new_items, make in (
        (
            tracks.concerns,
            "raised_in",
            session.concerns,
            lambda item: ConcernTrack(session.peer_id, session.id, day, item),
        ),
        (
            tracks.ideas,
            "raised_in",
            session.ideas,
            lambda item: IdeaTrack(session.peer_id, session.id, day, item),
        ),
        (
            tracks.goals,
            "set_in",
            session.goals,
            lambda item: GoalTrack(session.peer_id, session.id, day, item),
        ),
        (
            tracks.actions,
            "agreed_in",
            session.actions,
            lambda item: ActionTrack(session.peer_id, session.id, day, item),
        ),
    ):
        keep = {item.id for item in new_items}
        for item_id in list(table):
            track = table[item_id]
            if getattr(track, raised_attr) == session.id and item_id not in keep:
                del table[item_id]
                touched.add(item_id)
            elif any(log.session_id == session.id for log in track.updates):
                track.updates = [log for log in track.updates if log.session_id != session.id]
                touched.add(item_id)
        for item in new_items:
            existing = table.get(item.id)
            track = make(item)
            if existing is not None:
                track.updates = existing.updates
            table[item.id] = track
            touched.add(item.id)
    for table, updates, key, log_cls in _updates_by_kind(tracks, session):
        for update in updates:
            track = table.get(getattr(update, key))
            if track is not None:
                track.updates.append(log_cls(day, session.id, update))
                touched.add(track.id)
    _sort_updates(tracks, touched)
    return touched


def fold_sessions(sessions: list[Session]) -> Tracks:
    """A peer's item tracks from all their sessions, whatever order they come in.

    Linear in the number of sessions: each session's items are added and its updates
    applied once; a session whose update names an item raised later the same day is
    applied again at the end (applying is idempotent), so no update is lost.
    """
    counted = (s for s in sessions if s.status != SessionStatus.WITHDRAWN)
    ordered = sorted(counted, key=lambda s: (s.when, s.id))
    tracks = Tracks()
    again: list[Session] = []
    for session in ordered:
        day = session.day
        for concern in session.concerns:
            tracks.concerns[concern.id] = ConcernTrack(session.peer_id, session.id, day, concern)
        for idea in session.ideas:
            tracks.ideas[idea.id] = IdeaTrack(session.peer_id, session.id, day, idea)
        for goal in session.goals:
            tracks.goals[goal.id] = GoalTrack(session.peer_id, session.id, day, goal)
        for action in session.actions:
            tracks.actions[action.id] = ActionTrack(session.peer_id, session.id, day, action)
        missing = False
        for table, updates, key, log_cls in _updates_by_kind(tracks, session):
            for update in updates:
                track = table.get(getattr(update, key))
                if track is None:
                    missing = True
                else:
                    track.updates.append(log_cls(day, session.id, update))
        if missing:
            again.append(session)
    for session in again:
        apply_session(tracks, session)
    _sort_updates(tracks)
    return tracks


def is_settled(track: ConcernTrack | IdeaTrack | GoalTrack | ActionTrack) -> bool:
    """A resolved concern, a decided idea, a completed or dropped goal, a done action:
    no longer carried forward (though a later session may still reopen it)."""
    if isinstance(track, GoalTrack):
        return not track.is_active
    return not track.is_open
