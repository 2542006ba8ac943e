"""What a valid record holds, and how items move across sessions.

- :func:`validate_person` and :func:`validate_session` raise one
  :class:`ValidationError` with a plain message and the field it is about.
- :func:`prune` drops rows a person added but left completely empty.
- :func:`apply_session` folds one session's new items and updates into the
  peer's item tracks (concerns, goals, actions). Re-applying the same session
  replaces its earlier contribution, so editing a session never doubles it.
- :func:`carry_forward` picks what a new session must review: open concerns,
  active goals and unfinished actions, linked by id, never copied.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from .dates import in_range
from .enums import ConcernStatus, SessionStatus
from .errors import ValidationError
from .models import (
    ActionLog,
    ActionTrack,
    Concern,
    ConcernLog,
    ConcernTrack,
    GoalLog,
    GoalTrack,
    PeerTally,
    Person,
    Session,
    SessionRef,
    SignOff,
    YearCount,
)
from .text import NAME_MAX, NOTE_MAX, SHORT_MAX, check_name, check_text

ID_MAX = 64


def check_id(value: object, field: str = "id") -> str:
    """Record ids name files and documents: a plain token of letters, digits and dashes."""
    ok = isinstance(value, str) and 0 < len(value) <= ID_MAX
    if not ok or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in value):
        raise ValidationError("That record id is not valid.", field)
    return value


def _check_stamps(record, field: str = "") -> None:
    """Version stamps are moments in UTC (a stamp without a time zone cannot be ordered
    against the others)."""
    prefix = f"{field}." if field else ""
    for name in ("created_at", "updated_at"):
        if getattr(record, name).tzinfo is None:
            raise ValidationError("A version stamp has no time zone.", prefix + name)
    for i, stamp in enumerate(record.revisions):
        if stamp.tzinfo is None:
            raise ValidationError("A version stamp has no time zone.", f"{prefix}revisions[{i}]")


# ---------------------------------------------------------------------------
# People


def validate_person(person: Person, others: list[Person] = ()) -> Person:
    """A cleaned copy of ``person``; raises on invalid input or a confusing duplicate."""
    check_id(person.id)
    _check_stamps(person)
    name = check_name(person.name)
    site = check_text(person.site, "site", limit=NAME_MAX)
    site = " ".join(site.split())
    if person.weekday is not None and not 0 <= person.weekday <= 6:
        raise ValidationError("The weekday must be Monday to Sunday.", "weekday")
    for other in others:
        if other.id == person.id:
            continue
        if other.name.casefold() == name.casefold() and other.site.casefold() == site.casefold():
            where = f" at {site}" if site else ""
            raise ValidationError(
                f"There is already someone called {name}{where}. "
                "Add their site (or a different site) so the two can be told apart.",
                "site" if not site else "name",
            )
    return dataclasses.replace(person, name=name, site=site)


# ---------------------------------------------------------------------------
# Sessions


def _rating(value: int | None, field_name: str, low: int = 1, high: int = 5) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(
            f"A rating is a whole number from {low} to {high}, or left blank.", field_name
        )


def _progress(value: int, field_name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError("Progress is a percentage from 0 to 100.", field_name)


def prune(session: Session) -> Session:
    """Drop list rows that were added but left entirely blank."""

    def blank(obj: object, *ignore: str) -> bool:
        for f in dataclasses.fields(obj):
            if f.name in ("id", *ignore):
                continue
            value = getattr(obj, f.name)
            if isinstance(value, str) and value.strip():
                return False
            if not isinstance(value, str) and value not in (None, 0, [], {}):
                return False
        return True

    return dataclasses.replace(
        session,
        strengths=[s for s in session.strengths if not blank(s)],
        role_items=[r for r in session.role_items if not blank(r)],
        concerns=[c for c in session.concerns if not blank(c, "status", "owner", "raised_by")],
        goals=[g for g in session.goals if not blank(g, "status")],
        actions=[a for a in session.actions if not blank(a, "owner")],
    )


def validate_session(session: Session, *, finishing: bool = False) -> None:
    """Check a session; with ``finishing`` also the fields a finished record needs."""
    if not session.peer_id:
        raise ValidationError("Please choose the peer for this session.", "peer_id")
    if not session.supervisor_ids:
        raise ValidationError("Please choose at least one supervisor.", "supervisor_ids")
    check_id(session.id)
    check_id(session.peer_id, "peer_id")
    for i, sup in enumerate(session.supervisor_ids):
        check_id(sup, f"supervisor_ids[{i}]")
    if session.when.tzinfo is not None:
        raise ValidationError(
            "A session's time is the local time of the meeting, without a time zone.", "when"
        )
    in_range(session.when.date(), "when")
    _check_stamps(session)
    _check_dates(session)
    if len(set(session.supervisor_ids)) != len(session.supervisor_ids):
        raise ValidationError("A supervisor is listed twice.", "supervisor_ids")
    if session.peer_id in session.supervisor_ids:
        raise ValidationError(
            "The peer cannot also be a supervisor in the same session.", "supervisor_ids"
        )
    check_text(session.site, "site", limit=NAME_MAX)
    check_text(session.checkin.arriving, "checkin.arriving", limit=NOTE_MAX, label="check-in line")
    for key, rating in session.checkin.ratings.items():
        _rating(rating.value, f"checkin.ratings.{key.value}")
        check_text(rating.note, f"checkin.ratings.{key.value}.note", limit=NOTE_MAX, label="note")
    for section, voices in session.voices.items():
        check_text(voices.peer, f"voices.{section.value}.peer", label="peer's words")
        check_text(
            voices.supervisor, f"voices.{section.value}.supervisor", label="supervisor's notes"
        )
    participants = set(session.participants)

    for i, item in enumerate(session.role_items):
        where = f"role_items[{i}]"
        check_text(
            item.activity,
            f"{where}.activity",
            limit=SHORT_MAX,
            required=finishing,
            label="activity",
        )
        check_text(item.rationale, f"{where}.rationale", label="rationale")
        check_text(item.note, f"{where}.note", label="note")
        if finishing and item.fit is None:
            raise ValidationError(
                "Please say how this activity fits the peer role (in role, unsure or drifting).",
                f"{where}.fit",
            )
    for i, strength in enumerate(session.strengths):
        where = f"strengths[{i}]"
        check_text(
            strength.skill, f"{where}.skill", limit=SHORT_MAX, required=finishing, label="skill"
        )
        check_text(strength.example, f"{where}.example", label="example")
    for i, concern in enumerate(session.concerns):
        where = f"concerns[{i}]"
        _check_concern(concern, where, finishing, participants)
    for i, update in enumerate(session.concern_updates):
        where = f"concern_updates[{i}]"
        check_text(update.note, f"{where}.note", label="note")
        check_text(update.resolution_note, f"{where}.resolution_note", label="resolution note")
        if (
            finishing
            and update.status == ConcernStatus.RESOLVED
            and not (update.resolution_note.strip() or update.note.strip())
        ):
            raise ValidationError(
                "Please add a short note on how this concern was resolved.",
                f"{where}.resolution_note",
            )
    for i, goal in enumerate(session.goals):
        where = f"goals[{i}]"
        check_text(goal.text, f"{where}.text", limit=SHORT_MAX, required=finishing, label="goal")
        check_text(goal.next_step, f"{where}.next_step", limit=SHORT_MAX, label="next step")
        _progress(goal.progress, f"{where}.progress")
        if finishing and goal.area is None:
            raise ValidationError("Please choose the area this goal belongs to.", f"{where}.area")
    for i, update in enumerate(session.goal_updates):
        where = f"goal_updates[{i}]"
        _progress(update.progress, f"{where}.progress")
        check_text(update.note, f"{where}.note", label="note")
        check_text(update.next_step, f"{where}.next_step", limit=SHORT_MAX, label="next step")
    for i, action in enumerate(session.actions):
        where = f"actions[{i}]"
        check_text(
            action.text, f"{where}.text", limit=SHORT_MAX, required=finishing, label="action"
        )
        if finishing and not action.owner:
            raise ValidationError("Please choose who owns this action.", f"{where}.owner")
        if action.owner and action.owner not in participants:
            raise ValidationError(
                "An action's owner must be the peer or a supervisor in this session.",
                f"{where}.owner",
            )
    for i, update in enumerate(session.action_updates):
        check_text(update.note, f"action_updates[{i}].note", label="note")
    for key, value in session.feedback.ratings.items():
        _rating(value, f"feedback.ratings.{key.value}")
    check_text(session.feedback.text, "feedback.text", label="feedback")
    for i, item in enumerate(session.agenda):
        check_text(
            item.text, f"agenda[{i}].text", limit=SHORT_MAX, required=True, label="agenda item"
        )
    for i, signoff in enumerate(session.signoffs):
        if signoff.person_id not in participants:
            raise ValidationError(
                "Only people in the session can sign it off.", f"signoffs[{i}].person_id"
            )
        check_text(signoff.comment, f"signoffs[{i}].comment", limit=SHORT_MAX, label="comment")


def _check_dates(session: Session) -> None:
    """Every date in a record lies in the years a record can be about."""
    found = [("next_session", session.next_session)]
    for name in ("concerns", "concern_updates"):
        found += [
            (f"{name}[{i}].follow_up", x.follow_up) for i, x in enumerate(getattr(session, name))
        ]
    found += [(f"goals[{i}].target_date", g.target_date) for i, g in enumerate(session.goals)]
    for name in ("actions", "action_updates"):
        for i, x in enumerate(getattr(session, name)):
            found += [(f"{name}[{i}].due", x.due), (f"{name}[{i}].done_on", x.done_on)]
    found += [(f"agenda[{i}].added_on", a.added_on) for i, a in enumerate(session.agenda)]
    for path, value in found:
        if value is not None:
            in_range(value, path)
    for i, signoff in enumerate(session.signoffs):
        if signoff.at.tzinfo is None:
            raise ValidationError("A sign-off's time has no time zone.", f"signoffs[{i}].at")


def _check_concern(concern: Concern, where: str, finishing: bool, participants: set[str]) -> None:
    check_text(concern.text, f"{where}.text", limit=NOTE_MAX, required=finishing, label="concern")
    check_text(concern.resolution_note, f"{where}.resolution_note", label="resolution note")
    if finishing and concern.category is None:
        raise ValidationError("Please choose a category for this concern.", f"{where}.category")
    for attr in ("owner", "raised_by"):
        person = getattr(concern, attr)
        if person and person not in participants:
            raise ValidationError("That person is not in this session.", f"{where}.{attr}")


# ---------------------------------------------------------------------------
# Lifecycle: finishing and signing off


def finish(session: Session, now) -> Session:
    """Validate and move a draft to *completed*."""
    if session.pending:
        path = sorted(session.pending)[0]
        raise ValidationError(
            "One field still holds something that could not be understood; "
            "please correct it or clear it.",
            path,
        )
    session = prune(session)
    validate_session(session, finishing=True)
    return dataclasses.replace(
        session, status=SessionStatus.COMPLETED, updated_at=now, step="", pending={}
    )


def drop_noop_updates(session: Session, tracks: Tracks) -> Session:
    """Remove review updates that change nothing (the item was left unchanged)."""

    def concern_changes(u) -> bool:
        track = tracks.concerns.get(u.concern_id)
        if track is None:
            return True
        cur = track.current
        return bool(
            u.status != cur.status
            or u.note.strip()
            or u.resolution_note.strip()
            or (u.follow_up is not None and u.follow_up != cur.follow_up)
            or (u.owner and u.owner != cur.owner)
        )

    def goal_changes(u) -> bool:
        track = tracks.goals.get(u.goal_id)
        if track is None:
            return True
        cur = track.current
        return bool(
            u.progress != cur.progress
            or u.status != cur.status
            or u.note.strip()
            or (u.next_step.strip() and u.next_step != cur.next_step)
        )

    def action_changes(u) -> bool:
        track = tracks.actions.get(u.action_id)
        if track is None:
            return True
        cur = track.current
        return bool(
            u.done_on != cur.done_on or u.note.strip() or (u.due is not None and u.due != cur.due)
        )

    return dataclasses.replace(
        session,
        concern_updates=[u for u in session.concern_updates if concern_changes(u)],
        goal_updates=[u for u in session.goal_updates if goal_changes(u)],
        action_updates=[u for u in session.action_updates if action_changes(u)],
    )


def sign_off(session: Session, person_id: str, comment: str, now) -> Session:
    """Record one participant's acknowledgement; when all have, it is acknowledged."""
    if session.status == SessionStatus.DRAFT:
        raise ValidationError("Finish the session before signing it off.", "status")
    if person_id not in session.participants:
        raise ValidationError("Only people in the session can sign it off.", "signoffs")
    comment = check_text(comment, "comment", limit=SHORT_MAX)

    others = [s for s in session.signoffs if s.person_id != person_id]
    signoffs = [*others, SignOff(person_id=person_id, at=now, comment=comment)]
    signoffs.sort(key=lambda s: session.participants.index(s.person_id))
    everyone = {s.person_id for s in signoffs} >= set(session.participants)
    status = SessionStatus.ACKNOWLEDGED if everyone else SessionStatus.COMPLETED
    return dataclasses.replace(session, signoffs=signoffs, status=status, updated_at=now)


# ---------------------------------------------------------------------------
# Item tracks across sessions


@dataclass
class Tracks:
    """One peer's concerns, goals and actions, each with its history."""

    concerns: dict[str, ConcernTrack] = field(default_factory=dict)
    goals: dict[str, GoalTrack] = field(default_factory=dict)
    actions: dict[str, ActionTrack] = field(default_factory=dict)


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
    for table, raised_attr, new_items, make in (
        (
            tracks.concerns,
            "raised_in",
            session.concerns,
            lambda item: ConcernTrack(session.peer_id, session.id, day, item),
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
    for table, updates, key, log_cls in (
        (tracks.concerns, session.concern_updates, "concern_id", ConcernLog),
        (tracks.goals, session.goal_updates, "goal_id", GoalLog),
        (tracks.actions, session.action_updates, "action_id", ActionLog),
    ):
        for update in updates:
            track = table.get(getattr(update, key))
            if track is not None:
                track.updates.append(log_cls(day, session.id, update))
                touched.add(track.id)
    for table in (tracks.concerns, tracks.goals, tracks.actions):
        for item_id in touched:
            track = table.get(item_id)
            if track is not None:
                track.updates.sort(key=lambda log: (log.on, log.session_id, log.update.id))
    return touched


def fold_sessions(sessions: list[Session]) -> Tracks:
    """A peer's item tracks from all their sessions, whatever order they come in.

    Linear in the number of sessions: each session's items are added and its updates
    applied once; a session whose update names an item raised later the same day is
    applied again at the end (applying is idempotent), so no update is lost.
    """
    ordered = sorted(sessions, key=lambda s: (s.when, s.id))
    tracks = Tracks()
    again: list[Session] = []
    for session in ordered:
        day = session.day
        for concern in session.concerns:
            tracks.concerns[concern.id] = ConcernTrack(session.peer_id, session.id, day, concern)
        for goal in session.goals:
            tracks.goals[goal.id] = GoalTrack(session.peer_id, session.id, day, goal)
        for action in session.actions:
            tracks.actions[action.id] = ActionTrack(session.peer_id, session.id, day, action)
        missing = False
        for table, updates, key, log_cls in (
            (tracks.concerns, session.concern_updates, "concern_id", ConcernLog),
            (tracks.goals, session.goal_updates, "goal_id", GoalLog),
            (tracks.actions, session.action_updates, "action_id", ActionLog),
        ):
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
    for table in (tracks.concerns, tracks.goals, tracks.actions):
        for track in table.values():
            track.updates.sort(key=lambda log: (log.on, log.session_id, log.update.id))
    return tracks


_UPDATES = (
    ("concern_updates", "concern_id"),
    ("goal_updates", "goal_id"),
    ("action_updates", "action_id"),
)


def link_problem(session: Session, tracks: Tracks) -> ValidationError | None:
    """Why ``session`` may not update the items it names, given the peer's ``tracks``
    (None when it may): each item must be the peer's, raised on or before its day."""
    allowed = items_before(tracks, session.day)
    known = set(tracks.concerns) | set(tracks.goals) | set(tracks.actions)
    for attr, key in _UPDATES:
        for i, update in enumerate(getattr(session, attr)):
            item_id = getattr(update, key)
            if item_id not in known:
                return ValidationError(
                    "This session updates an item that is not in this peer's record.",
                    f"{attr}[{i}]",
                )
            if item_id not in allowed:
                return ValidationError(
                    "This session is dated before the item it updates was raised; "
                    "check the session's date.",
                    f"{attr}[{i}]",
                )
    return None


def history_problems(sessions: list[Session]) -> list[tuple[Session, ValidationError]]:
    """Every session of a peer's history that updates an item it may not (see
    :func:`link_problem`), with why."""
    tracks = fold_sessions(sessions)
    found = []
    for session in sorted(sessions, key=lambda s: (s.when, s.id)):
        problem = link_problem(session, tracks)
        if problem is not None:
            found.append((session, problem))
    return found


def items_before(tracks: Tracks, day: date) -> dict[str, date]:
    """Ids of the items a session on ``day`` may update, with the day each was raised."""
    found: dict[str, date] = {}
    for h in tracks.concerns.values():
        if h.raised_on <= day:
            found[h.id] = h.raised_on
    for h in tracks.goals.values():
        if h.set_on <= day:
            found[h.id] = h.set_on
    for h in tracks.actions.values():
        if h.agreed_on <= day:
            found[h.id] = h.agreed_on
    return found


# ---------------------------------------------------------------------------
# Carry-forward


@dataclass
class CarryForward:
    """What a new session reviews before new material: linked by id."""

    concerns: list[ConcernTrack]
    goals: list[GoalTrack]
    actions: list[ActionTrack]

    @property
    def empty(self) -> bool:
        return not (self.concerns or self.goals or self.actions)


def carry_forward(tracks: Tracks, before: date | None = None) -> CarryForward:
    """Open concerns, active goals and unfinished actions, oldest first."""

    def early(on: date) -> bool:
        return before is None or on <= before

    return CarryForward(
        concerns=sorted(
            (h for h in tracks.concerns.values() if h.is_open and early(h.raised_on)),
            key=lambda h: (h.raised_on, h.id),
        ),
        goals=sorted(
            (h for h in tracks.goals.values() if h.is_active and early(h.set_on)),
            key=lambda h: (h.set_on, h.id),
        ),
        actions=sorted(
            (h for h in tracks.actions.values() if h.is_open and early(h.agreed_on)),
            key=lambda h: (h.current.due or date.max, h.agreed_on, h.id),
        ),
    )


def year_counts(refs) -> dict[int, YearCount]:
    """Held sessions per year (anything with ``when`` and ``status``: refs or facts)."""
    counts: dict[int, YearCount] = {}
    for r in refs:
        if r.status == SessionStatus.DRAFT:
            continue
        count = counts.setdefault(r.when.year, YearCount())
        count.held += 1
        count.awaiting += r.status == SessionStatus.COMPLETED
        day = r.when.date()
        if count.last is None or day > count.last:
            count.last = day
    return counts


def tally_from_counts(peer_id: str, counts: dict[int, YearCount], tracks: Tracks) -> PeerTally:
    """The Home-screen figures for one peer, from their yearly counts and items.

    Only open items count, so ``tracks`` may hold just the open ones."""
    return PeerTally(
        peer_id=peer_id,
        sessions=sum(c.held for c in counts.values()),
        last_session=max((c.last for c in counts.values() if c.last), default=None),
        open_concerns=sum(1 for h in tracks.concerns.values() if h.is_open),
        active_goals=sum(1 for h in tracks.goals.values() if h.is_active),
        open_actions=sum(1 for h in tracks.actions.values() if h.is_open),
        awaiting_signoff=sum(c.awaiting for c in counts.values()),
    )


def tally(peer_id: str, refs: list[SessionRef], tracks: Tracks) -> PeerTally:
    """The Home-screen figures for one peer."""
    return tally_from_counts(peer_id, year_counts(refs), tracks)


def is_settled(track: ConcernTrack | GoalTrack | ActionTrack) -> bool:
    """A resolved concern, a completed or dropped goal, a done action: no longer carried
    forward (though a later session may still reopen it)."""
    if isinstance(track, GoalTrack):
        return not track.is_active
    return not track.is_open
