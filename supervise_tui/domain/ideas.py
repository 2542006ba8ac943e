"""The rules of an idea a peer raises (an idea for the programme, or what the people
they serve are saying): what a finished one holds, who took it to the team by default,
and the warning for words that look like a client's name.

A name is never refused (the check cannot know): the form says "never write a client's
name" and :func:`name_like_words` gives the words to warn about beside the field, in
plain mode and in ``supervise check``.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from .enums import IdeaKind, IdeaStatus
from .errors import ValidationError
from .items import Idea, IdeaUpdate
from .text import NOTE_MAX, check_text

NAME_WARNING = "Never write a client's name."

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?:;…\n\"“”(]\s*$")

# Capitalised words that are not names: days, months, and the programme's own words.
_NOT_NAMES = """
    i i'm i've i'd i'll monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    peer peers specialist specialists supervisor supervisors team teams programme program
    housing agency recovery wellness mental health clinic clinical services service
    community practice intentional support christmas easter ramadan diwali english spanish
"""
NOT_NAMES = frozenset(_NOT_NAMES.split())


def name_like_words(text: str) -> list[str]:
    """Capitalised words in ``text`` that look like people's names, each once, in order:
    not the first word of a sentence, not "I", a day, a month, an all-capitals acronym
    or one of the programme's own words."""
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group()
        if not word[0].isupper() or word.isupper() or len(word) < 2:
            continue
        if word.casefold() in NOT_NAMES or word.casefold().rstrip("'’s") in NOT_NAMES:
            continue
        before = text[: match.start()]
        if not before.strip() or _SENTENCE_END.search(before):
            continue  # a sentence begins with it
        if word not in found:
            found.append(word)
    return found


def name_warning(text: str) -> str:
    """The warning to show beside an idea's text, or "" when no word looks like a name."""
    words = name_like_words(text)
    if not words:
        return ""
    listed = ", ".join(f"“{w}”" for w in words[:3]) + (" …" if len(words) > 3 else "")
    return f"{listed} may be a name. {NAME_WARNING}"


def taken(item: Idea | IdeaUpdate, supervisor_id: str, day: date) -> Idea | IdeaUpdate:
    """An idea past "noted" was taken to the team: by the session's (first) supervisor,
    on the session's day, unless someone else or another day was said."""
    if item.status == IdeaStatus.NOTED or (item.taken_by and item.taken_on is not None):
        return item
    return dataclasses.replace(
        item, taken_by=item.taken_by or supervisor_id, taken_on=item.taken_on or day
    )


def with_taken(session, tracks=None):
    """``session`` (a Session) with who took each idea to the team, and when, filled in
    where it was left to the default (what finishing keeps). An update fills them only
    when the idea as it stands (in ``tracks``, the peer's Tracks) does not say yet."""
    if not session.supervisor_ids:
        return session
    sup, day = session.supervisor_ids[0], session.day
    ideas = tracks.ideas if tracks is not None else {}
    updates = [
        u if u.idea_id not in ideas or ideas[u.idea_id].current.taken_by else taken(u, sup, day)
        for u in session.idea_updates
    ]
    if tracks is None:
        updates = session.idea_updates
    return dataclasses.replace(
        session, ideas=[taken(i, sup, day) for i in session.ideas], idea_updates=updates
    )


def left_blank(idea: Idea) -> bool:
    """Added but nothing written or chosen (dropped on finishing): a kind chosen, or a
    status, counts as something, so an idea without words is refused instead."""
    written = idea.text.strip() or idea.reason.strip() or idea.taken_by or idea.taken_on
    return not written and idea.kind == IdeaKind.PROGRAMME and idea.status == IdeaStatus.NOTED


def check_idea(idea: Idea, where: str, finishing: bool) -> None:
    """An idea's text (required once finishing: one plain sentence), and the reason
    told back once the team has decided."""
    if finishing and not idea.text.strip():
        raise ValidationError(
            "Please write the idea in a few words, or remove it (F4).", f"{where}.text"
        )
    check_text(idea.text, f"{where}.text", limit=NOTE_MAX, label="idea")
    _check_decision(idea.status, idea.reason, where, finishing)


def check_idea_update(update: IdeaUpdate, where: str, finishing: bool) -> None:
    check_text(update.note, f"{where}.note", label="note")
    _check_decision(update.status, update.reason, where, finishing)


def _check_decision(status: IdeaStatus, reason: str, where: str, finishing: bool) -> None:
    check_text(reason, f"{where}.reason", label="reason")
    if finishing and status.decided and not reason.strip():
        raise ValidationError(
            "Please write the team's reason, to tell back to the peer.", f"{where}.reason"
        )


def check_ideas(session, finishing: bool) -> None:
    """Every idea raised and every idea update of ``session`` (a Session)."""
    for i, idea in enumerate(session.ideas):
        check_idea(idea, f"ideas[{i}]", finishing)
        if idea.raised_by and idea.raised_by not in session.participants:
            raise ValidationError("That person is not in this session.", f"ideas[{i}].raised_by")
    for i, update in enumerate(session.idea_updates):
        check_idea_update(update, f"idea_updates[{i}]", finishing)
