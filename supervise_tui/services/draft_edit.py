"""Editing a draft session field by field, as people type.

Every field of the walk-through has a *path* into the draft, such as
``checkin.ratings.workload.value``, ``concerns.<id>.follow_up`` or
``review.goal.<id>.progress``. :func:`apply_input` takes the text a person
typed (or the value they picked) for a path and puts it into the draft.

Text that cannot be understood yet (``31/02``, a rating of 7, a 50,000
character paste) is not thrown away: it is kept verbatim in
``draft.pending`` so it survives autosave and resume exactly as typed, and
:func:`field_text` shows it again. Finishing the session is refused while
anything is pending.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from enum import Enum

from ..domain.dates import parse_date
from ..domain.enums import (
    ConcernStatus,
    FeedbackKey,
    GoalStatus,
    RatingKey,
    Section,
)
from ..domain.errors import ValidationError
from ..domain.models import (
    Action,
    ActionUpdate,
    Concern,
    ConcernUpdate,
    Goal,
    GoalUpdate,
    RoleItem,
    Session,
    Strength,
)
from ..domain.text import NOTE_MAX, SHORT_MAX, check_text
from ..domain.tracks import Tracks

LISTS: dict[str, type] = {
    "strengths": Strength,
    "role_items": RoleItem,
    "concerns": Concern,
    "goals": Goal,
    "actions": Action,
}

SHORT_FIELDS = {
    ("strengths", "skill"),
    ("role_items", "activity"),
    ("goals", "text"),
    ("goals", "next_step"),
    ("actions", "text"),
    ("review.goal", "next_step"),
}

# Which walk-through step each top-level path belongs to.
STEP_OF: dict[str, str] = {
    "review": "review",
    "concern_updates": "review",
    "goal_updates": "review",
    "action_updates": "review",
    "checkin": Section.CHECK_IN.value,
    "strengths": Section.STRENGTHS.value,
    "role_items": Section.ROLE.value,
    "concerns": Section.CONCERNS.value,
    "goals": Section.GOALS.value,
    "feedback": Section.FEEDBACK.value,
    "actions": Section.WRAP_UP.value,
    "next_session": Section.WRAP_UP.value,
    "agenda": Section.CHECK_IN.value,
}


class PathError(KeyError):
    """A path that does not name a field of this draft (a programming error)."""


def step_of(path: str) -> str:
    """The step a field path (or a validation error's field) belongs to."""
    track = path.split(".", 1)[0].split("[", 1)[0]
    if track == "voices":
        return path.split(".")[1]
    return STEP_OF.get(track, Section.CHECK_IN.value)


def error_path(session: Session, field: str) -> str:
    """Turn a validation field like ``concerns[2].category`` into an editor path."""
    if "[" not in field:
        return field
    track, rest = field.split("[", 1)
    index_text, _, tail = rest.partition("]")
    tail = tail.lstrip(".")
    try:
        index = int(index_text)
    except ValueError:
        return field
    if track in LISTS:
        items = getattr(session, track)
        if 0 <= index < len(items):
            return f"{track}.{items[index].id}" + (f".{tail}" if tail else "")
    review = {
        "concern_updates": ("concern", "concern_id"),
        "goal_updates": ("goal", "goal_id"),
        "action_updates": ("action", "action_id"),
    }
    if track in review:
        kind, key = review[track]
        updates = getattr(session, track)
        if 0 <= index < len(updates):
            attr = "note" if tail in ("resolution_note", "") else tail
            return f"review.{kind}.{getattr(updates[index], key)}.{attr}"
    return field


# ---------------------------------------------------------------------------
# Reading a field back as text


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def field_text(draft: Session, path: str, tracks: Tracks | None = None) -> str:
    """What a field should show: the pending text if any, else its value."""
    if path in draft.pending:
        return draft.pending[path]
    parts = path.split(".")
    if parts[0] == "review":
        return _review_text(draft, parts, tracks)
    obj, attr = _resolve(draft, parts)
    if isinstance(obj, dict):
        return _show(obj.get(attr))
    return _show(getattr(obj, attr))


# ---------------------------------------------------------------------------
# Writing a field


def apply_input(
    draft: Session, path: str, raw: str, *, today: date, tracks: Tracks | None = None
) -> str | None:
    """Put typed text into the draft. Returns an error message, or None if it took."""
    raw = "" if raw is None else str(raw)
    parts = path.split(".")
    try:
        if parts[0] == "review":
            _apply_review(draft, parts, raw, today, tracks or Tracks())
        else:
            obj, attr = _resolve(draft, parts)
            _set(obj, attr, raw, today, _limit(parts))
    except ValidationError as error:
        draft.pending[path] = raw
        return error.message
    draft.pending.pop(path, None)
    return None


def _limit(parts: list[str]) -> int:
    key = (parts[0], parts[-1])
    if parts[0] == "review":
        key = (f"review.{parts[1]}", parts[-1])
    return SHORT_MAX if key in SHORT_FIELDS else NOTE_MAX


def _resolve(draft: Session, parts: list[str]) -> tuple[object, str]:
    track = parts[0]
    try:
        if track in LISTS:
            items = getattr(draft, track)
            item = next(i for i in items if i.id == parts[1])
            return item, parts[2]
        if track == "checkin":
            if parts[1] == "arriving":
                return draft.checkin, "arriving"
            return draft.checkin.ratings[RatingKey(parts[2])], parts[3]
        if track == "voices":
            return draft.voices[Section(parts[1])], parts[2]
        if track == "feedback":
            if parts[1] == "text":
                return draft.feedback, "text"
            FeedbackKey(parts[2])
            return draft.feedback.ratings, parts[2]
        if track == "next_session" and len(parts) == 1:
            return draft, "next_session"
    except (StopIteration, IndexError, ValueError, KeyError):
        pass
    raise PathError(".".join(parts))


def _set(obj: object, attr: str, raw: str, today: date, limit: int) -> None:
    if isinstance(obj, dict):  # feedback ratings
        obj[FeedbackKey(attr)] = _rating(raw)
        return
    hints = typing.get_type_hints(type(obj))
    if attr not in hints or attr == "id":
        raise PathError(attr)
    kind = hints[attr]
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    base = args[0] if args else kind
    if attr == "value":  # a check-in rating
        setattr(obj, attr, _rating(raw))
    elif attr == "progress":
        setattr(obj, attr, _progress(raw))
    elif base is date:
        setattr(obj, attr, parse_date(raw, today, attr) if raw.strip() else None)
    elif isinstance(base, type) and issubclass(base, Enum):
        if not raw:
            if type(None) not in typing.get_args(kind):
                raise ValidationError("Please choose one.", attr)
            setattr(obj, attr, None)
        else:
            setattr(obj, attr, base(raw))
    elif base is str:
        setattr(obj, attr, check_text(raw, attr, limit=limit, label="text"))
    else:  # pragma: no cover - a field type the editor does not know
        raise PathError(attr)


def _rating(raw: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 5:
        raise ValidationError("A rating is a whole number from 1 to 5 (or leave it blank).")
    return int(text)


def _progress(raw: str) -> int:
    text = raw.strip().rstrip("%").strip()
    if not text:
        return 0
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise ValidationError("Progress is a percentage from 0 to 100.")
    return int(text)


# ---------------------------------------------------------------------------
# Carry-forward review: updates to items from earlier sessions


def _review_text(draft: Session, parts: list[str], tracks: Tracks | None) -> str:
    kind, item_id, attr = parts[1], parts[2], parts[3]
    if kind == "concern":
        update = _find(draft.concern_updates, "concern_id", item_id)
        if update is None:
            return ""
        if attr == "status":
            current = tracks.concerns[item_id].current.status if tracks else None
            return "" if update.status == current else update.status.value
        if attr == "note":
            return update.note or update.resolution_note
        return _show(getattr(update, attr))
    if kind == "goal":
        update = _find(draft.goal_updates, "goal_id", item_id)
        if update is None:
            return ""
        current = tracks.goals[item_id].current if tracks else None
        if attr == "status":
            return "" if current and update.status == current.status else update.status.value
        if attr == "progress":
            return "" if current and update.progress == current.progress else str(update.progress)
        return _show(getattr(update, attr))
    if kind == "action":
        update = _find(draft.action_updates, "action_id", item_id)
        if update is None:
            return ""
        if attr == "done":
            return "done" if update.done_on else ""
        return _show(getattr(update, attr))
    raise PathError(".".join(parts))


def _find(updates: list, key: str, item_id: str):
    return next((u for u in updates if getattr(u, key) == item_id), None)


def _apply_review(draft: Session, parts: list[str], raw: str, today: date, tracks: Tracks) -> None:
    if len(parts) != 4:
        raise PathError(".".join(parts))
    kind, item_id, attr = parts[1], parts[2], parts[3]
    if kind == "concern":
        track = tracks.concerns.get(item_id)
        if track is None:
            raise PathError(item_id)
        current = track.current
        update = _find(draft.concern_updates, "concern_id", item_id)
        if update is None:
            update = ConcernUpdate(item_id, current.status)
            draft.concern_updates.append(update)
        if attr == "status":
            update.status = ConcernStatus(raw) if raw else current.status
        elif attr == "note":
            update.note = check_text(raw, "note", label="note")
            update.resolution_note = ""
        elif attr == "follow_up":
            update.follow_up = parse_date(raw, today, "follow_up") if raw.strip() else None
        elif attr == "owner":
            update.owner = raw
        else:
            raise PathError(attr)
        if update.status == ConcernStatus.RESOLVED:
            update.resolution_note = update.note
        _drop_if_noop(draft, "concern_updates", update, tracks)
    elif kind == "goal":
        track = tracks.goals.get(item_id)
        if track is None:
            raise PathError(item_id)
        current = track.current
        update = _find(draft.goal_updates, "goal_id", item_id)
        if update is None:
            update = GoalUpdate(item_id, current.progress, current.status)
            draft.goal_updates.append(update)
        if attr == "progress":
            update.progress = _progress(raw) if raw.strip() else current.progress
        elif attr == "status":
            update.status = GoalStatus(raw) if raw else current.status
        elif attr == "next_step":
            update.next_step = check_text(raw, "next_step", limit=SHORT_MAX, label="next step")
        elif attr == "note":
            update.note = check_text(raw, "note", label="note")
        else:
            raise PathError(attr)
        _drop_if_noop(draft, "goal_updates", update, tracks)
    elif kind == "action":
        track = tracks.actions.get(item_id)
        if track is None:
            raise PathError(item_id)
        update = _find(draft.action_updates, "action_id", item_id)
        if update is None:
            update = ActionUpdate(item_id)
            draft.action_updates.append(update)
        if attr == "done":
            update.done_on = (update.done_on or today) if raw == "done" else None
        elif attr == "done_on":
            day = parse_date(raw, today, "done_on") if raw.strip() else None
            if day is not None and day > today:
                raise ValidationError("The done date cannot be in the future.", "done_on")
            update.done_on = day or (today if update.done_on else None)
        elif attr == "due":
            update.due = parse_date(raw, today, "due") if raw.strip() else None
        elif attr == "note":
            update.note = check_text(raw, "note", label="note")
        else:
            raise PathError(attr)
        _drop_if_noop(draft, "action_updates", update, tracks)
    else:
        raise PathError(kind)


def _drop_if_noop(draft: Session, attr: str, update, tracks: Tracks) -> None:
    from ..domain.lifecycle import drop_noop_updates

    probe = dataclasses.replace(
        draft,
        concern_updates=[update] if attr == "concern_updates" else [],
        goal_updates=[update] if attr == "goal_updates" else [],
        action_updates=[update] if attr == "action_updates" else [],
    )
    if not getattr(drop_noop_updates(probe, tracks), attr):
        setattr(draft, attr, [u for u in getattr(draft, attr) if u is not update])


# ---------------------------------------------------------------------------
# Adding and removing list items


def add_item(draft: Session, list_name: str) -> object:
    """A new blank item with sensible defaults, appended to the draft."""
    cls = LISTS.get(list_name)
    if cls is None:
        raise PathError(list_name)
    if cls is Concern:
        item = Concern(raised_by=draft.peer_id, owner=draft.supervisor_ids[0])
    elif cls is Action:
        item = Action(owner=draft.peer_id)
    else:
        item = cls()
    getattr(draft, list_name).append(item)
    return item


def remove_item(draft: Session, list_name: str, item_id: str) -> None:
    if list_name not in LISTS:
        raise PathError(list_name)
    setattr(draft, list_name, [i for i in getattr(draft, list_name) if i.id != item_id])
    prefix = f"{list_name}.{item_id}."
    for path in [p for p in draft.pending if p.startswith(prefix)]:
        del draft.pending[path]


def has_content(draft: Session, step: str) -> bool:
    """Whether anything was recorded in a step (for the step indicator)."""
    if step == "review":
        return bool(draft.concern_updates or draft.goal_updates or draft.action_updates)
    section = Section(step)
    voices = draft.voices.get(section)
    if voices and (voices.peer.strip() or voices.supervisor.strip()):
        return True
    if section == Section.CHECK_IN:
        return bool(draft.checkin.arriving.strip()) or any(
            r.value is not None or r.note.strip() for r in draft.checkin.ratings.values()
        )
    if section == Section.FEEDBACK:
        return bool(draft.feedback.text.strip()) or any(
            v is not None for v in draft.feedback.ratings.values()
        )
    lists = {
        Section.STRENGTHS: draft.strengths,
        Section.ROLE: draft.role_items,
        Section.CONCERNS: draft.concerns,
        Section.GOALS: draft.goals,
        Section.WRAP_UP: draft.actions,
    }
    return bool(lists.get(section))
