"""The review step of a draft: what happened since to each open concern, goal and action.

A review field's path is ``review.<kind>.<item id>.<field>``; what is typed becomes an
update in the draft, and an update that changes nothing is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import NamedTuple

from ..domain.dates import parse_date
from ..domain.enums import ConcernStatus, GoalStatus, IdeaStatus
from ..domain.errors import ValidationError
from ..domain.ideas import next_statuses
from ..domain.items import IdeaUpdate
from ..domain.models import ActionUpdate, ConcernUpdate, GoalUpdate, Session
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


class Reviewed(NamedTuple):
    """Where one kind of item under review is: its tracks, the draft's updates to them,
    the update's attribute naming the item, and a new update that changes nothing."""

    tracks: str
    updates: str
    key: str
    unchanged: Callable[[str, object], object]


REVIEWED = {
    "concern": Reviewed(
        "concerns", "concern_updates", "concern_id", lambda i, cur: ConcernUpdate(i, cur.status)
    ),
    "idea": Reviewed("ideas", "idea_updates", "idea_id", lambda i, cur: IdeaUpdate(i, cur.status)),
    "goal": Reviewed(
        "goals", "goal_updates", "goal_id", lambda i, cur: GoalUpdate(i, cur.progress, cur.status)
    ),
    "action": Reviewed("actions", "action_updates", "action_id", lambda i, cur: ActionUpdate(i)),
}


def review_text(draft: Session, parts: list[str], tracks: Tracks | None) -> str:
    kind, item_id, attr = parts[1], parts[2], parts[3]
    if kind not in REVIEWED:
        raise PathError(".".join(parts))
    where = REVIEWED[kind]
    update = find_update(getattr(draft, where.updates), where.key, item_id)
    if update is None:
        return ""
    if kind == "concern":
        if attr == "status":
            current = tracks.concerns[item_id].current.status if tracks else None
            return "" if update.status == current else update.status.value
        if attr == "note":
            return update.note or update.resolution_note
    elif kind == "idea" and attr == "status":
        current = tracks.ideas[item_id].current.status if tracks else None
        return "" if update.status == current else update.status.value
    elif kind == "goal":
        current = tracks.goals[item_id].current if tracks else None
        if attr == "status":
            return "" if current and update.status == current.status else update.status.value
        if attr == "progress":
            return "" if current and update.progress == current.progress else str(update.progress)
    elif attr == "done":
        return "done" if update.done_on else ""
    return show_value(getattr(update, attr))


def find_update(updates: list, key: str, item_id: str):
    return next((u for u in updates if getattr(u, key) == item_id), None)


def apply_review(draft: Session, parts: list[str], raw: str, today: date, tracks: Tracks) -> None:
    if len(parts) != 4:
        raise PathError(".".join(parts))
    kind, item_id, attr = parts[1], parts[2], parts[3]
    if kind not in REVIEWED:
        raise PathError(kind)
    where = REVIEWED[kind]
    track = getattr(tracks, where.tracks).get(item_id)
    if track is None:
        raise PathError(item_id)
    current = track.current
    updates = getattr(draft, where.updates)
    update = find_update(updates, where.key, item_id)
    if update is None:
        update = where.unchanged(item_id, current)
        updates.append(update)
    if kind == "concern":
        _review_concern(update, current, attr, raw, today)
    elif kind == "idea":
        _review_idea(update, current, attr, raw, today)
    elif kind == "goal":
        _review_goal(update, current, attr, raw)
    else:
        _review_action(update, attr, raw, today)
    drop_if_noop(draft, where.updates, update, tracks)


def _review_concern(update: ConcernUpdate, current, attr: str, raw: str, today: date) -> None:
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


def _review_idea(update: IdeaUpdate, current, attr: str, raw: str, today: date) -> None:
    if attr == "status":
        status = IdeaStatus(raw) if raw else current.status
        if status != current.status and status not in next_statuses(current.status):
            raise ValidationError("An idea taken to the team does not go back to noted.", attr)
        update.status = status
    elif attr == "taken_by":
        update.taken_by = raw
    elif attr == "taken_on":
        update.taken_on = parse_date(raw, today, "taken_on") if raw.strip() else None
    elif attr in ("reason", "note"):
        setattr(update, attr, check_text(raw, attr, label=attr))
    else:
        raise PathError(attr)


def _review_goal(update: GoalUpdate, current, attr: str, raw: str) -> None:
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


def _review_action(update: ActionUpdate, attr: str, raw: str, today: date) -> None:
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


def drop_if_noop(draft: Session, attr: str, update, tracks: Tracks) -> None:
    from ..domain.lifecycle import drop_noop_updates

    probe = dataclasses.replace(
        draft,
        concern_updates=[update] if attr == "concern_updates" else [],
        idea_updates=[update] if attr == "idea_updates" else [],
        goal_updates=[update] if attr == "goal_updates" else [],
        action_updates=[update] if attr == "action_updates" else [],
    )
    if not getattr(drop_noop_updates(probe, tracks), attr):
        setattr(draft, attr, [u for u in getattr(draft, attr) if u is not update])
