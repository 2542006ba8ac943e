"""The walk-through as questions, one field at a time: for walking a session on plain
lines (a screen reader, a braille display, answers piped in).

Each question names the draft field it fills by its path (see :mod:`.draft_edit`), so an
answer goes into the draft exactly as the same words typed into the TUI's field would.
A list step asks each item's fields, then offers another item: an answer to that is the
new item's first field.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..domain import enums
from ..domain.ideas import team_words
from ..domain.models import Person, Session
from ..domain.tracks import Tracks
from .draft_edit import LISTS, field_text
from .ideas import offered_as_strength


@dataclass(frozen=True)
class Question:
    label: str  # what is asked, in a few words
    path: str = ""  # the draft field the answer fills
    kind: str = "text"  # text, rating (1–5), date, progress (0–100), choice
    options: tuple[tuple[str, str], ...] = ()  # (label, value) of a choice
    blank: str = ""  # what an empty answer leaves a choice as ("No change")
    adds: str = ""  # a list: the answer starts a new item, filling its field ``first``
    first: str = ""
    before: str = ""  # said before the question (what an earlier item is)


@dataclass
class Walk:
    """What the questions need besides the draft."""

    draft: Session
    tracks: Tracks
    people: dict[str, Person]
    today: date
    named: frozenset[str] = frozenset()  # ideas named as a strength in another session

    @property
    def known(self) -> frozenset[str]:
        """The words of the team's own names and sites (not a client's)."""
        return team_words(self.people.values())

    def name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else "someone no longer listed"

    @property
    def peer_name(self) -> str:
        return self.name(self.draft.peer_id)

    def participants(self) -> tuple[tuple[str, str], ...]:
        return (
            (f"{self.peer_name} (peer)", self.draft.peer_id),
            *((f"{self.name(s)} (supervisor)", s) for s in self.draft.supervisor_ids),
        )

    def answer(self, question: Question) -> str:
        """The field's value now, as it would be typed."""
        return field_text(self.draft, question.path, self.tracks) if question.path else ""


PEOPLE = ("raised_by", "owner")  # a choice among the session's participants

# A list step's items, in the TUI's order: the step and the list, what one item is
# called (the TUI's list steps take these two from here too), then each field with its
# question. What kind of answer a field takes follows
# from the record (a date, a choice, a percentage).
_ITEM_TABLE = """
strengths strengths Strength
    skill: the skill
    example: a concrete example
    noticed_by: noticed by
role role_items Activity
    activity: the activity or task
    function: the key function it serves
    fit: its fit with the peer role
    rationale: why it was asked (the supervisor's reason)
    decision: what you agreed
concerns concerns Concern
    text: the concern, in the peer's words
    category: category
    raised_by: raised by
    owner: owner (who follows it up)
    follow_up: follow up by (a date)
ideas ideas Idea
    text: the idea, or what clients are saying (never a client's name)
    kind: what it is
    raised_by: raised by
goals goals Goal
    text: the goal
    area: area
    target_date: target date
    progress: progress so far, in percent
    next_step: next step
wrap_up actions Action
    text: the agreed action
    owner: owner
    due: due (a date)
"""


def _item_table() -> dict[str, tuple[str, str, list[tuple[str, str]]]]:
    table: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    fields: list[tuple[str, str]] = []
    for line in _ITEM_TABLE.strip().splitlines():
        if line.startswith(" "):
            attr, _, label = line.strip().partition(": ")
            fields.append((attr, label))
        else:
            step, list_name, noun = line.split()
            fields = []
            table[step] = (list_name, noun, fields)
    return table


ITEMS = _item_table()


def _kind(cls: type, attr: str) -> tuple[str, object]:
    """What an item's field takes, from the record: (kind, where its choices come from)."""
    if attr in PEOPLE:
        return "choice", PEOPLE
    if attr == "progress":
        return "progress", None
    hint = typing.get_type_hints(cls)[attr]
    base = next((a for a in typing.get_args(hint) if a is not type(None)), hint)
    if base is date:
        return "date", None
    if isinstance(base, type) and issubclass(base, Enum):
        return "choice", base
    return "text", None


def questions(step: str, walk: Walk) -> list[Question]:
    """The questions of one step, as the draft stands now (a rating's note is asked once
    the rating is given; each list offers one more item after those it has)."""
    if step == "review":
        from .review_questions import review_questions

        return review_questions(walk)
    asked: list[Question] = []
    if step == "check_in":
        asked.append(Question(f"How {walk.peer_name} is arriving today", "checkin.arriving"))
        for key in enums.RatingKey:
            base = f"checkin.ratings.{key.value}"
            asked.append(Question(key.label, f"{base}.value", "rating"))
            if walk.answer(asked[-1]) or field_text(walk.draft, f"{base}.note"):
                asked.append(Question(f"A note on {key.label.lower()} (optional)", f"{base}.note"))
    if step == "feedback":
        asked += [
            Question(k.label, f"feedback.ratings.{k.value}", "rating") for k in enums.FeedbackKey
        ]
        asked.append(
            Question(f"In {walk.peer_name}'s own words: what helps, what does not", "feedback.text")
        )
        asked.append(Question("Supervisor's notes", "voices.feedback.supervisor"))
        return asked
    if step == "strengths":  # adopted ideas, offered to name as strengths
        asked += [_offer(walk, t) for t in offered_as_strength(walk.tracks, walk.draft, walk.named)]
    if step in ITEMS:
        asked += _items(step, walk)
    if step == "wrap_up":
        asked.append(Question("Next session (a date)", "next_session", "date"))
        asked.append(Question(f"Closing words — {walk.peer_name}", "voices.wrap_up.peer"))
        asked.append(Question("Closing words — supervisor", "voices.wrap_up.supervisor"))
        asked.append(
            Question("What the supervisor learned, and will do differently (optional)", "learning")
        )
        return asked
    asked.append(Question(f"In {walk.peer_name}'s own words", f"voices.{step}.peer"))
    asked.append(Question("Supervisor's notes", f"voices.{step}.supervisor"))
    return asked


def _items(step: str, walk: Walk) -> list[Question]:
    list_name, noun, fields = ITEMS[step]
    cls = LISTS[list_name]
    asked = []
    items = getattr(walk.draft, list_name)
    for number, item in enumerate(items, 1):
        for attr, label in fields:
            kind, source = _kind(cls, attr)
            options = walk.participants() if source == PEOPLE else ()
            if kind == "choice" and source != PEOPLE:
                options = tuple(source.choices())
            path = f"{list_name}.{item.id}.{attr}"
            asked.append(Question(f"{noun} {number}, {label}", path, kind, options))
    first, label = fields[0]
    asked.append(
        Question(
            f"{noun} {len(items) + 1}, {label} (Enter when there are no more)",
            adds=list_name,
            first=first,
        )
    )
    return asked


def _offer(walk: Walk, track) -> Question:
    """An adopted idea, to name as a strength (a strength with the idea as its example)."""
    about = f"An idea of {walk.peer_name}'s the team adopted: {track.current.text}"
    yes, path = (("Yes", "yes"),), f"idea_strength.{track.id}"
    return Question("Name it as a strength?", path, "choice", yes, "No", before=about)
