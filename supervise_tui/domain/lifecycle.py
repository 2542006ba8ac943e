"""A session's life after the walk-through: finishing it and signing it off.

A draft is *finished* once (validated as complete, then status ``completed``) and is
*acknowledged* when everyone in it has signed it off.
"""

from __future__ import annotations

import dataclasses

from .corrections import refuse_draft_or_withdrawn
from .dates import local
from .enums import SessionStatus
from .errors import ValidationError
from .ideas import with_taken
from .models import Session, SignOff
from .text import SHORT_MAX, check_text
from .tracks import Tracks
from .validation import prune, validate_session


def finish(session: Session, now) -> Session:
    """Validate and move a draft to *completed*."""
    if session.pending:
        path = sorted(session.pending)[0]
        raise ValidationError(
            "This field holds something that could not be understood. "
            "Please correct it or clear it before finishing.",
            path,
        )
    session = with_taken(prune(session))
    if session.ended is None and session.started is not None:
        # it ends now, when that makes a meeting's length (else the length stays unknown)
        ended = dataclasses.replace(session, ended=local(now).replace(second=0, microsecond=0))
        session = ended if ended.minutes is not None else session
    validate_session(session, finishing=True)
    return dataclasses.replace(
        session, status=SessionStatus.COMPLETED, updated_at=now, step="", pending={}
    )


def _concern_changes(u, cur) -> bool:  # a ConcernUpdate, the Concern as it stands
    return bool(
        u.status != cur.status
        or u.note.strip()
        or u.resolution_note.strip()
        or (u.follow_up is not None and u.follow_up != cur.follow_up)
        or (u.owner and u.owner != cur.owner)
    )


def _idea_changes(u, cur) -> bool:  # an IdeaUpdate, the Idea as it stands
    return bool(
        u.status != cur.status
        or u.note.strip()
        or (u.reason.strip() and u.reason != cur.reason)
        or (u.taken_by and u.taken_by != cur.taken_by)
        or (u.taken_on is not None and u.taken_on != cur.taken_on)
    )


def _goal_changes(u, cur) -> bool:
    return bool(
        u.progress != cur.progress
        or u.status != cur.status
        or u.note.strip()
        or (u.next_step.strip() and u.next_step != cur.next_step)
    )


def _action_changes(u, cur) -> bool:
    return bool(
        u.done_on != cur.done_on or u.note.strip() or (u.due is not None and u.due != cur.due)
    )


def _changing(updates: list, table: dict, key: str, changes) -> list:
    """The ``updates`` that change their item as it stands (``changes(update, current)``);
    one whose item is not in ``table`` is kept, for the link check to name."""
    kept = []
    for update in updates:
        track = table.get(getattr(update, key))
        if track is None or changes(update, track.current):
            kept.append(update)
    return kept


def drop_noop_updates(session: Session, tracks: Tracks) -> Session:
    """Remove review updates that change nothing (the item was left unchanged); an idea
    taken to the team says by whom and when (by default: this session's supervisor, on
    its day)."""
    kept = dataclasses.replace(
        session,
        concern_updates=_changing(
            session.concern_updates, tracks.concerns, "concern_id", _concern_changes
        ),
        idea_updates=_changing(session.idea_updates, tracks.ideas, "idea_id", _idea_changes),
        goal_updates=_changing(session.goal_updates, tracks.goals, "goal_id", _goal_changes),
        action_updates=_changing(
            session.action_updates, tracks.actions, "action_id", _action_changes
        ),
    )
    return with_taken(kept, tracks)


def sign_off(session: Session, person_id: str, comment: str, now) -> Session:
    """Record one participant's acknowledgement; when all have, it is acknowledged."""
    refuse_draft_or_withdrawn(
        session,
        "Finish the session before signing it off.",
        "This session was withdrawn: it is kept, not signed.",
    )
    if person_id not in session.participants:
        raise ValidationError("Only people in the session can sign it off.", "signoffs")
    comment = check_text(comment, "comment", limit=SHORT_MAX)

    others = [s for s in session.signoffs if s.person_id != person_id]
    signoffs = [*others, SignOff(person_id=person_id, at=now, comment=comment)]
    signoffs.sort(key=lambda s: session.participants.index(s.person_id))
    everyone = {s.person_id for s in signoffs} >= set(session.participants)
    status = SessionStatus.ACKNOWLEDGED if everyone else SessionStatus.COMPLETED
    return dataclasses.replace(session, signoffs=signoffs, status=status, updated_at=now)
