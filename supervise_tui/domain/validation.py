"""What a valid record holds: one :class:`ValidationError` with a plain message and
the field it is about (a path such as ``concerns[2].status``).

- :func:`validate_person` and :func:`validate_session` check a record as stored: ids,
  texts, ratings, dates within the years a record can be about, version stamps in UTC,
  and who may appear where. With ``finishing`` a session must also be complete (what a
  finished record needs: every concern has a category, every action an owner, …).
- :func:`prune` drops rows a person added but left completely empty.
"""

from __future__ import annotations

import dataclasses

from .corrections import check_corrections
from .dates import in_range
from .enums import ConcernStatus, Role
from .errors import ValidationError
from .ideas import check_ideas, left_blank
from .models import Concern, Person, Session
from .stamps import ID_MAX, check_id  # noqa: F401 - kept with the ids (the store's start needs it)
from .text import NAME_MAX, NOTE_MAX, SHORT_MAX, check_name, check_text


def _check_stamps(record, field: str = "") -> None:
    """Version stamps are moments in UTC (one without a time zone cannot be ordered)."""
    prefix = f"{field}." if field else ""
    stamps = [(prefix + name, getattr(record, name)) for name in ("created_at", "updated_at")]
    stamps += [(f"{prefix}revisions[{i}]", s) for i, s in enumerate(record.revisions)]
    for where, stamp in stamps:
        if stamp.tzinfo is None:
            raise ValidationError("A version stamp has no time zone.", where)
        # a stamp in year 9999 would win every merge for good, and one in year 1 lose it
        in_range(stamp.date(), where)


ITEM_LISTS = ("strengths", "role_items", "concerns", "ideas", "goals", "actions")


def _check_item_ids(session: Session) -> None:
    """Each item of a session has an id of its own (its track is kept under it)."""
    for name in ITEM_LISTS:
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(session, name)):
            check_id(item.id, f"{name}[{i}].id")
            if item.id in seen:
                raise ValidationError(
                    f"The same id appears twice in this session (also at {name}[{seen[item.id]}]).",
                    f"{name}[{i}].id",
                )
            seen[item.id] = i


def validate_person(person: Person, others: list[Person] = ()) -> Person:
    """A cleaned copy of ``person``; raises on invalid input or a confusing duplicate."""
    check_id(person.id)
    _check_stamps(person)
    name = check_name(person.name)
    site = check_text(person.site, "site", limit=NAME_MAX)
    site = " ".join(site.split())
    if person.weekday is not None and not 0 <= person.weekday <= 6:
        raise ValidationError("The weekday must be Monday to Sunday.", "weekday")
    _check_supervision(person)
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


def _check_supervision(person: Person) -> None:
    """A peer lists their supervisors (each once, never themselves); a supervisor lists
    none; only a supervisor can be the agency's lead (admin)."""
    if person.role != Role.PEER and person.supervisor_ids:
        raise ValidationError("Only a peer specialist has supervisors.", "supervisor_ids")
    if person.admin and person.role != Role.SUPERVISOR:
        raise ValidationError("Only a supervisor can see every peer.", "admin")
    if len(set(person.supervisor_ids)) != len(person.supervisor_ids):
        raise ValidationError("A supervisor is listed twice.", "supervisor_ids")
    for i, sup in enumerate(person.supervisor_ids):
        check_id(sup, f"supervisor_ids[{i}]")
        if sup == person.id:
            raise ValidationError("Nobody supervises themselves.", f"supervisor_ids[{i}]")


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
        ideas=[i for i in session.ideas if not left_blank(i, session.peer_id)],
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
    _check_item_ids(session)
    if len(set(session.supervisor_ids)) != len(session.supervisor_ids):
        raise ValidationError("A supervisor is listed twice.", "supervisor_ids")
    if session.peer_id in session.supervisor_ids:
        raise ValidationError(
            "The peer cannot also be a supervisor in the same session.", "supervisor_ids"
        )
    check_text(session.site, "site", limit=NAME_MAX)
    check_text(session.checkin.arriving, "checkin.arriving", limit=NOTE_MAX, label="check-in line")
    for key, rating in session.checkin.ratings.items():
        _rating(rating.value, f"checkin.ratings.{key._value_}")  # (quicker than .value)
        check_text(rating.note, f"checkin.ratings.{key._value_}.note", limit=NOTE_MAX, label="note")
    for section, voices in session.voices.items():
        check_text(voices.peer, f"voices.{section._value_}.peer", label="peer's words")
        check_text(
            voices.supervisor, f"voices.{section._value_}.supervisor", label="supervisor's notes"
        )
    participants = set(session.participants)
    for i, item in enumerate(session.role_items):
        where = f"role_items[{i}]"
        activity = f"{where}.activity"
        check_text(item.activity, activity, limit=SHORT_MAX, required=finishing, label="activity")
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
    check_ideas(session, finishing)
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
        _rating(value, f"feedback.ratings.{key._value_}")
    check_text(session.feedback.text, "feedback.text", label="feedback")
    check_text(session.learning, "learning", label="supervisor's learning")
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
    _check_times(session)
    check_corrections(session, validate_session)


def _check_times(session: Session) -> None:
    """Began and ended are local times, in order, at most twelve hours apart."""
    for name in ("started", "ended"):
        moment = getattr(session, name)
        if moment is not None:
            if moment.tzinfo is not None:
                raise ValidationError("A session's times are local, without a zone.", name)
            in_range(moment.date(), name)
    minutes = session.minutes
    if session.started and session.ended and minutes is None:
        raise ValidationError(
            "The session cannot end before it began, or last more than twelve hours.", "ended"
        )


_DATES = (("concerns", "follow_up"), ("concern_updates", "follow_up"), ("goals", "target_date"))
_DATES += (("ideas", "taken_on"), ("idea_updates", "taken_on"))


def _check_dates(session: Session) -> None:
    """Every date in a record lies in the years a record can be about."""
    found = [("next_session", session.next_session)]
    for name, attr in _DATES:
        found += [
            (f"{name}[{i}].{attr}", getattr(x, attr)) for i, x in enumerate(getattr(session, name))
        ]
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
        in_range(signoff.at.date(), f"signoffs[{i}].at")


def _check_concern(concern: Concern, where: str, finishing: bool, participants: set[str]) -> None:
    check_text(concern.text, f"{where}.text", limit=NOTE_MAX, required=finishing, label="concern")
    check_text(concern.resolution_note, f"{where}.resolution_note", label="resolution note")
    if finishing and concern.category is None:
        raise ValidationError("Please choose a category for this concern.", f"{where}.category")
    for attr in ("owner", "raised_by"):
        person = getattr(concern, attr)
        if person and person not in participants:
            raise ValidationError("That person is not in this session.", f"{where}.{attr}")
