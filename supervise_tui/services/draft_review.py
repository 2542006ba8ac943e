"""The review step of a draft: what happened since to each open concern, goal and action.

A review field's path is ``review.<kind>.<item id>.<field>``; what is typed becomes an
update in the draft, and an update that changes nothing is dropped.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum

from ..domain.dates import parse_date
from ..domain.enums import (
    ConcernStatus,
    GoalStatus,
)
from ..domain.errors import ValidationError
from ..domain.models import (
    ActionUpdate,
    ConcernUpdate,
    GoalUpdate,
    Session,
)
from ..domain.text import SHORT_MAX, check_text
from ..domain.tracks import Tracks


class PathError(KeyError):
    """A path that does not name a field of this draft (a programming error)."""


def show_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):  # when a session began or ended: its time of day
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_progress(raw: str) -> int:
    text = raw.strip().rstrip("%").strip()
    if not text:
        return 0
    if not text.isdigit() or not 0 <= int(text) <= 100:
        raise ValidationError("Progress is a percentage from 0 to 100.")
    return int(text)


def review_text(draft: Session, parts: list[str], tracks: Tracks | None) -> str:
    kind, item_id, attr = parts[1], parts[2], parts[3]
    if kind == "concern":
        update = find_update(draft.concern_updates, "concern_id", item_id)
        if update is None:
            return ""
        if attr == "status":
            current = tracks.concerns[item_id].current.status if tracks else None
            return "" if update.status == current else update.status.value
        if attr == "note":
            return update.note or update.resolution_note
        return show_value(getattr(update, attr))
    if kind == "goal":
        update = find_update(draft.goal_updates, "goal_id", item_id)
        if update is None:
            return ""
        current = tracks.goals[item_id].current if tracks else None
        if attr == "status":
            return "" if current and update.status == current.status else update.status.value
        if attr == "progress":
            return "" if current and update.progress == current.progress else str(update.progress)
        return show_value(getattr(update, attr))
    if kind == "action":
        update = find_update(draft.action_updates, "action_id", item_id)
        if update is None:
            return ""
        if attr == "done":
            return "done" if update.done_on else ""
        return show_value(getattr(update, attr))
    raise PathError(".".join(parts))


def find_update(updates: list, key: str, item_id: str):
    return next((u for u in updates if getattr(u, key) == item_id), None)


def apply_review(draft: Session, parts: list[str], raw: str, today: date, tracks: Tracks) -> None:
    if len(parts) != 4:
        raise PathError(".".join(parts))
    kind, item_id, attr = parts[1], parts[2], parts[3]
    if kind == "concern":
        track = tracks.concerns.get(item_id)
        if track is None:
            raise PathError(item_id)
        current = track.current
        update = find_update(draft.concern_updates, "concern_id", item_id)
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
        drop_if_noop(draft, "concern_updates", update, tracks)
    elif kind == "goal":
        track = tracks.goals.get(item_id)
        if track is None:
            raise PathError(item_id)
        current = track.current
        update = find_update(draft.goal_updates, "goal_id", item_id)
        if update is None:
            update = GoalUpdate(item_id, current.progress, current.status)
            draft.goal_updates.append(update)
        if attr == "progress":
            update.progress = parse_progress(raw) if raw.strip() else current.progress
        elif attr == "status":
            update.status = GoalStatus(raw) if raw else current.status
        elif attr == "next_step":
            update.next_step = check_text(raw, "next_step", limit=SHORT_MAX, label="next step")
        elif attr == "note":
            update.note = check_text(raw, "note", label="note")
        else:
            raise PathError(attr)
        drop_if_noop(draft, "goal_updates", update, tracks)
    elif kind == "action":
        track = tracks.actions.get(item_id)
        if track is None:
            raise PathError(item_id)
        update = find_update(draft.action_updates, "action_id", item_id)
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
        drop_if_noop(draft, "action_updates", update, tracks)
    else:
        raise PathError(kind)


def drop_if_noop(draft: Session, attr: str, update, tracks: Tracks) -> None:
    from ..domain.lifecycle import drop_noop_updates

    probe = dataclasses.replace(
        draft,
        concern_updates=[update] if attr == "concern_updates" else [],
        goal_updates=[update] if attr == "goal_updates" else [],
        action_updates=[update] if attr == "action_updates" else [],
    )
    if not getattr(drop_noop_updates(probe, tracks), attr):
        setattr(draft, attr, [u for u in getattr(draft, attr) if u is not update])
