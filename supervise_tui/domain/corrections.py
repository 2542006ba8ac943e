"""Mistakes in a finished session: correcting it, amending it, withdrawing it.

- Until everyone has signed, a finished session is *corrected* freely: it is opened
  again as a draft (:func:`open_correction`) and, finished again, replaces the kept
  version; any sign-off given so far is asked for again, as what was signed changed.
- Once everyone has signed, a correction is an *amendment* (:class:`.Amendment`): who,
  when and why, with the signed version kept whole and readable; everyone signs again.
- A session made by mistake is *withdrawn* (:func:`withdraw`): kept and readable,
  marked with who, when and why, and out of every figure and item. Nothing is erased.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from .dates import in_range
from .enums import HELD, SessionStatus
from .errors import ValidationError
from .models import (
    Amendment,
    Correction,
    Session,
    Withdrawal,
    next_revisions,
    next_stamp,
)
from .serial import to_data
from .text import SHORT_MAX, check_text
from .tracks import Tracks

# What a correction may change: everything said in the session, not its life
# (status, signatures, amendments) nor the walk-through's state.
_NOT_CONTENT = {
    "status",
    "signoffs",
    "correcting",
    "amendments",
    "withdrawn",
    "step",
    "visited",
    "skipped",
    "pending",
    "created_at",
    "updated_at",
    "revisions",
}


def _content(session: Session) -> dict:
    data = to_data(session)
    return {key: value for key, value in data.items() if key not in _NOT_CONTENT}


def correction_problem(session: Session, by: str) -> str | None:
    """Why ``by`` may not correct ``session`` now, or None."""
    if session.status == SessionStatus.DRAFT:
        return "This session is not finished yet: carry on with it from Home."
    if session.status == SessionStatus.WITHDRAWN:
        return "This session was withdrawn, so it is kept as it is."
    if by not in session.supervisor_ids:
        return "Only a supervisor in the session can correct it."
    return None


def who_may_correct(session: Session) -> list[str]:
    """The people who may correct ``session`` now: its supervisors, once it is finished
    and unless it was withdrawn."""
    return [p for p in session.supervisor_ids if correction_problem(session, p) is None]


def who_may_withdraw(session: Session) -> list[str]:
    """The people who may withdraw ``session`` now: its supervisors, once it is finished
    and while it is not withdrawn already."""
    return list(session.supervisor_ids) if session.status in HELD else []


def open_correction(session: Session, by: str, reason: str) -> Session:
    """A draft that corrects ``session`` (kept as it is until the correction is finished).

    Once everyone has signed, ``reason`` is required: it is kept with the amendment."""
    problem = correction_problem(session, by)
    if problem:
        raise ValidationError(problem, "status")
    required = session.status == SessionStatus.ACKNOWLEDGED
    if required and not reason.strip():
        raise ValidationError(
            "Please say why it is being corrected: everyone signed this version.", "reason"
        )
    reason = check_text(reason, "reason", limit=SHORT_MAX, label="reason")
    return dataclasses.replace(
        session,
        status=SessionStatus.DRAFT,
        correcting=Correction(of=session.updated_at, by=by, reason=reason),
        step="",
        pending={},
    )


def finish_correction(
    finished: Session, kept: Session, now: datetime, tracks: Tracks
) -> Session | None:
    """The session to keep once the correction ``finished`` (already through
    :func:`.lifecycle.finish`) is done; None when it changes nothing said in ``kept``.

    Refused when ``kept`` changed since the correction began (it was signed, corrected
    or withdrawn meanwhile): the person is told and decides again."""
    correcting = finished.correcting
    if correcting is None:
        raise ValueError("not a correction")
    if kept.updated_at != correcting.of or kept.status == SessionStatus.WITHDRAWN:
        raise ValidationError(
            "This session changed while it was being corrected (it was signed, corrected "
            "or withdrawn meanwhile). Discard this correction and start again from it.",
            "status",
        )
    if _content(finished) == _content(kept):
        return None
    still = {i.id for i in (*finished.concerns, *finished.ideas, *finished.goals)}
    still |= {a.id for a in finished.actions}
    gone = dataclasses.replace(
        kept,
        concerns=[c for c in kept.concerns if c.id not in still],
        ideas=[i for i in kept.ideas if i.id not in still],
        goals=[g for g in kept.goals if g.id not in still],
        actions=[a for a in kept.actions if a.id not in still],
    )
    if moved_past_a_later_update(finished, tracks):
        raise ValidationError(
            "A later session took up an item raised in this one, so the session cannot "
            "move after that session's date.",
            "when",
        )
    if taken_up_later(gone, tracks):
        raise ValidationError(
            "A later session took up an item this correction removes; keep the item "
            "(it can be marked resolved, completed or done instead).",
            "status",
        )
    amendments = list(kept.amendments)
    if kept.status == SessionStatus.ACKNOWLEDGED:
        previous = dataclasses.replace(kept, amendments=[], correcting=None)
        amendments.append(
            Amendment(by=correcting.by, at=now, reason=correcting.reason, previous=previous)
        )
    return dataclasses.replace(
        finished,
        status=SessionStatus.COMPLETED,
        signoffs=[],  # what was signed changed: everyone signs again
        correcting=None,
        amendments=amendments,
        created_at=kept.created_at,
        updated_at=next_stamp(kept.updated_at, now),
        revisions=next_revisions(kept.revisions, kept.updated_at),
    )


def taken_up_later(session: Session, tracks: Tracks) -> int:
    """How many items raised in ``session`` later sessions updated."""
    raised = {i.id for i in (*session.concerns, *session.ideas, *session.goals, *session.actions)}
    count = 0
    for table in (tracks.concerns, tracks.ideas, tracks.goals, tracks.actions):
        for item_id in raised & table.keys():
            count += any(log.session_id != session.id for log in table[item_id].updates)
    return count


def refuse_draft_or_withdrawn(session: Session, draft: str, withdrawn: str) -> None:
    """What is done only to a finished session still counted (signing, withdrawing) is
    refused for a draft, and for a withdrawn session, each with its own sentence."""
    if session.status == SessionStatus.DRAFT:
        raise ValidationError(draft, "status")
    if session.status == SessionStatus.WITHDRAWN:
        raise ValidationError(withdrawn, "status")


def withdraw(session: Session, by: str, reason: str, now: datetime, tracks: Tracks) -> Session:
    """``session`` withdrawn by one of its supervisors, saying why.

    Refused when later sessions took up items raised in it (their updates would point
    at nothing): correct it instead."""
    refuse_draft_or_withdrawn(
        session,
        "A draft is discarded from the list of drafts instead.",
        "This session is already withdrawn.",
    )
    if by not in session.supervisor_ids:
        raise ValidationError("Only a supervisor in the session can withdraw it.", "by")
    if not reason.strip():
        raise ValidationError("Please say why this session is withdrawn.", "reason")
    reason = check_text(reason, "reason", limit=SHORT_MAX, label="reason")
    later = taken_up_later(session, tracks)
    if later:
        raise ValidationError(
            f"Later sessions took up {later} item{'s' if later > 1 else ''} raised in this "
            "one, so it cannot be withdrawn; correct it instead.",
            "status",
        )
    return dataclasses.replace(
        session,
        status=SessionStatus.WITHDRAWN,
        withdrawn=Withdrawal(by=by, at=now, reason=reason),
        updated_at=next_stamp(session.updated_at, now),
        revisions=next_revisions(session.revisions, session.updated_at),
    )


_ORIGIN = {"concerns": "raised", "ideas": "raised", "goals": "set", "actions": "agreed"}


def as_it_was(tracks: Tracks, session: Session) -> Tracks:
    """A copy of ``tracks`` as they stood just before ``session``: without what it
    raised and updated, and without anything raised or updated after it. What a
    correction of it reviews, and is checked against."""
    key = (session.day, session.id)
    copied = Tracks()
    for name, origin in _ORIGIN.items():
        table = getattr(copied, name)
        for item_id, track in getattr(tracks, name).items():
            if (getattr(track, f"{origin}_on"), getattr(track, f"{origin}_in")) < key:
                earlier = [log for log in track.updates if (log.on, log.session_id) < key]
                table[item_id] = dataclasses.replace(track, updates=earlier)
    return copied


def moved_past_a_later_update(finished: Session, tracks: Tracks) -> bool:
    """Whether the corrected session now comes after a session that updated an item it
    raises (``tracks``: the peer's tracks as kept)."""
    key = (finished.day, finished.id)
    for name in _ORIGIN:
        table = getattr(tracks, name)
        for item in getattr(finished, name):
            track = table.get(item.id)
            logs = track.updates if track is not None else []
            if any(
                log.session_id != finished.id and (log.on, log.session_id) < key for log in logs
            ):
                return True
    return False


def check_corrections(session: Session, validate: Callable[[Session], None]) -> None:
    """The marks of corrections on a stored record are whole (``validate`` checks the
    versions kept inside amendments)."""
    if session.correcting is not None:
        if session.status != SessionStatus.DRAFT:
            raise ValidationError("Only a draft can be a correction.", "correcting")
        _mark(session.correcting.by, session.correcting.of, session.correcting.reason, "correcting")
    if (session.withdrawn is None) != (session.status != SessionStatus.WITHDRAWN):
        raise ValidationError("A withdrawn session says who withdrew it and why.", "withdrawn")
    if session.withdrawn is not None:
        w = session.withdrawn
        _mark(w.by, w.at, w.reason, "withdrawn", required=True)
        if w.by not in session.supervisor_ids:
            raise ValidationError("That person is not in this session.", "withdrawn.by")
    for i, amendment in enumerate(session.amendments):
        where = f"amendments[{i}]"
        _mark(amendment.by, amendment.at, amendment.reason, where, required=True)
        if amendment.by not in session.participants:
            raise ValidationError("That person is not in this session.", f"{where}.by")
        previous = amendment.previous
        if (
            previous.id != session.id
            or previous.peer_id != session.peer_id
            or previous.status != SessionStatus.ACKNOWLEDGED
            or previous.amendments
            or previous.correcting is not None
        ):
            raise ValidationError(
                "An amendment must keep the signed version of the same session.",
                f"{where}.previous",
            )
        validate(previous)


def _mark(by: str, at: datetime, reason: str, where: str, *, required: bool = False) -> None:
    from .validation import check_id

    check_id(by, f"{where}.by")
    if at.tzinfo is None:
        raise ValidationError("A time in the record has no time zone.", f"{where}.at")
    in_range(at.date(), f"{where}.at")
    check_text(reason, f"{where}.reason", limit=SHORT_MAX, required=required, label="reason")
