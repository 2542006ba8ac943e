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

import typing
from datetime import date, datetime
from enum import Enum

from ..domain.dates import parse_clock, parse_date
from ..domain.enums import (
    FeedbackKey,
    RatingKey,
    Section,
)
from ..domain.errors import ValidationError
from ..domain.ideas import name_warning
from ..domain.items import Idea
from ..domain.models import (
    Action,
    Concern,
    Goal,
    RoleItem,
    Session,
    Strength,
    Voices,
)
from ..domain.text import NOTE_MAX, SHORT_MAX, check_text
from ..domain.tracks import Tracks
from .draft_review import PathError, apply_review, parse_progress, review_text, show_value
from .ideas import name_as_strength, named_as_strength

# Which steps hold something is in draft_steps; the session screens still import it from here.

LISTS: dict[str, type] = {
    "strengths": Strength,
    "role_items": RoleItem,
    "concerns": Concern,
    "ideas": Idea,
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
    "idea_updates": "review",
    "goal_updates": "review",
    "action_updates": "review",
    "checkin": Section.CHECK_IN.value,
    "strengths": Section.STRENGTHS.value,
    "idea_strength": Section.STRENGTHS.value,
    "role_items": Section.ROLE.value,
    "concerns": Section.CONCERNS.value,
    "ideas": Section.IDEAS.value,
    "goals": Section.GOALS.value,
    "feedback": Section.FEEDBACK.value,
    "actions": Section.WRAP_UP.value,
    "next_session": Section.WRAP_UP.value,
    "started": Section.WRAP_UP.value,
    "ended": Section.WRAP_UP.value,
    "learning": Section.WRAP_UP.value,
    "agenda": Section.CHECK_IN.value,
}


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
    name, rest = field.split("[", 1)
    index_text, _, tail = rest.partition("]")
    tail = tail.lstrip(".")
    try:
        index = int(index_text)
    except ValueError:
        return field
    if name in LISTS:
        items = getattr(session, name)
        if 0 <= index < len(items):
            return f"{name}.{items[index].id}" + (f".{tail}" if tail else "")
    review = {
        "concern_updates": ("concern", "concern_id"),
        "idea_updates": ("idea", "idea_id"),
        "goal_updates": ("goal", "goal_id"),
        "action_updates": ("action", "action_id"),
    }
    if name in review:
        kind, key = review[name]
        updates = getattr(session, name)
        if 0 <= index < len(updates):
            attr = "note" if tail in ("resolution_note", "") else tail
            return f"review.{kind}.{getattr(updates[index], key)}.{attr}"
    return field


# ---------------------------------------------------------------------------
# Reading a field back as text


def field_text(draft: Session, path: str, tracks: Tracks | None = None) -> str:
    """What a field should show: the pending text if any, else its value."""
    if path in draft.pending:
        return draft.pending[path]
    parts = path.split(".")
    if parts[0] == "review":
        return review_text(draft, parts, tracks)
    if parts[0] == "idea_strength" and tracks is not None:  # an adopted idea, named?
        return "yes" if named_as_strength(draft, parts[1]) else ""
    obj, attr = _resolve(draft, parts)
    if isinstance(obj, dict):
        return show_value(obj.get(attr))
    return show_value(getattr(obj, attr))


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
            apply_review(draft, parts, raw, today, tracks or Tracks())
        elif parts[0] == "idea_strength":
            name_as_strength(draft, tracks or Tracks(), parts[1], raw)
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
            return draft.voices.setdefault(Section(parts[1]), Voices()), parts[2]
        if track == "feedback":
            if parts[1] == "text":
                return draft.feedback, "text"
            FeedbackKey(parts[2])
            return draft.feedback.ratings, parts[2]
        if track in ("next_session", "started", "ended", "learning") and len(parts) == 1:
            return draft, track
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
        setattr(obj, attr, parse_progress(raw))
    elif base is datetime:  # when the session began or ended, on its day
        setattr(obj, attr, parse_clock(raw, obj.day, attr) if raw.strip() else None)
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


# ---------------------------------------------------------------------------
# Carry-forward review: updates to items from earlier sessions


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
    elif cls is Idea:
        item = Idea(raised_by=draft.peer_id)
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


def field_warning(
    path: str, text: str, known: frozenset[str] = frozenset(), draft: Session | None = None
) -> str:
    """A warning (never a refusal) for what was typed: words that look like a client's
    name in an idea, or in a strength made of one (``draft`` says which those are; the
    answer "yes" naming an idea as a strength is warned of by the idea's words).
    ``known``: the words of the team's own names and sites."""
    parts = path.split(".")
    if parts[0] == "ideas" and parts[-1] == "text":
        return name_warning(text, known)
    of_idea = [s for s in draft.strengths if s.idea_id] if draft is not None else []
    strength_of_idea = parts[0] == "strengths" and any(s.id == parts[1] for s in of_idea)
    if strength_of_idea and parts[-1] == "example":
        return name_warning(text, known)
    if parts[0] == "idea_strength" and text == "yes":
        return next((name_warning(s.example, known) for s in of_idea if s.idea_id == parts[1]), "")
    return ""


AHEAD = ("target_date", "follow_up", "due", "next_session")  # dates meant to lie ahead


def past_but_meant_ahead(path: str, when: date, today: date) -> bool:
    """A target, follow-up, due or next-session date typed so that it lands in the past
    ("March" in November): most likely the year was left out."""
    return when < today and path.rsplit("__", 1)[-1].rsplit(".", 1)[-1] in AHEAD
