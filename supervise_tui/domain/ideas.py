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
from collections.abc import Iterable
from datetime import date

from .enums import IdeaKind, IdeaStatus
from .errors import ValidationError
from .items import Idea, IdeaUpdate
from .text import NOTE_MAX, check_text

NAME_WARNING = "Never write a client's name."

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?:;…\n\"“”(]\s*$")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Mx)\.?\s*$")
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w'’]*)")

# Capitalised words that are not names: days, months, and the programme's own words.
_NOT_NAMES = """
    i i'm i've i'd i'll monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    peer peers specialist specialists supervisor supervisors team teams programme program
    housing agency recovery wellness mental health clinic clinical services service
    community practice intentional support christmas easter ramadan diwali english spanish
    mr mrs ms dr mx first narcan medicaid medicare zoom google meet bank food pantry
    whatsapp facebook snap section
"""
NOT_NAMES = frozenset(_NOT_NAMES.split())

# All-capitals words of five letters or more that are acronyms, not names.
_ACRONYMS = "wrap nami samhsa hipaa covid naloxone ssdi medicaid"
ACRONYMS = frozenset(_ACRONYMS.split())

# Who or what a sentence may begin with before saying something, that is not a name.
_SUBJECT_WORDS = """
    he she they we you it one someone somebody everyone everybody nobody people person
    resident residents client clients member members participant participants guest guests
    staff family families parent parents mother father mum mom dad kids children youth
    neighbours neighbors folks many most some several few all both each this that these
    those there what who which another others other somebody's someone's
"""
_SUBJECTS = frozenset(_SUBJECT_WORDS.split())

# Words after a sentence's first word that say it was someone speaking (or being).
_REPORTING = """
    says said say told tells asked asks wants wanted thinks thought feels felt mentioned
    mentions shared shares would was is has had suggested suggests explained noted
    reported will can could wrote called needs needed keeps hopes hoped
"""
REPORTING = frozenset(_REPORTING.split())


def _ordinary(word: str, known: frozenset[str]) -> bool:
    """A word (or each capitalised part of a hyphenated one) that is not a name: one of
    the programme's own words, or a word of a name or site in the records."""
    parts = [p for p in word.split("-") if p]
    folded = [p.casefold().removesuffix("'s").removesuffix("’s") for p in parts]
    pairs = zip(parts, folded, strict=True)
    return all(
        not p[0].isupper() or f in NOT_NAMES or f.removesuffix("s") in NOT_NAMES or f in known
        for p, f in pairs
    )


def known_words(names: Iterable[str]) -> frozenset[str]:
    """The words of the names of the people and sites in the records (the team's own,
    never a client's): what :func:`name_like_words` takes as ``known``."""
    return frozenset(w.casefold() for name in names for w in _WORD.findall(name))


def team_words(people: Iterable) -> frozenset[str]:
    """:func:`known_words` of the people in the records (Persons): their names and sites."""
    return known_words([text for p in people for text in (p.name, p.site) if text])


def name_like_words(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Words in ``text`` that look like people's names, each once, in order.

    A capitalised word that does not begin a sentence (the word after "Mr.", "Dr." …
    always counts); one that begins a sentence when the next word says someone spoke
    ("Maria says …"); an all-capitals word of five letters or more that is not a known
    acronym. Not "I", a day, a month, the programme's own words, or ``known`` (the words
    of the people's and sites' names in the records, as :func:`known_words` gives).
    """
    found: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().rstrip("'’-")
        if len(word) < 2 or not word[0].isupper() or _ordinary(word, known):
            continue
        before = text[: match.start()]
        if word.isupper() and not _HONORIFIC.search(before):
            if len(word) < 5 or word.casefold() in ACRONYMS:
                continue
        elif _HONORIFIC.search(before):
            pass  # the word after an honorific is a name
        elif not before.strip() or _SENTENCE_END.search(before):
            after = _NEXT_WORD.match(text, match.end())
            said = after is not None and after.group(1).casefold() in REPORTING
            if not said or word.casefold() in _SUBJECTS:
                continue  # a sentence begins with it
        if word not in found:
            found.append(word)
    return found


def name_warning(text: str, known: frozenset[str] = frozenset()) -> str:
    """The warning to show beside an idea's text, or "" when no word looks like a name."""
    words = name_like_words(text, known)
    if not words:
        return ""
    listed = ", ".join(f"“{w}”" for w in words[:3]) + (" …" if len(words) > 3 else "")
    return f"{listed} may be a name. {NAME_WARNING}"


def fields_with_names(session, known: frozenset[str] = frozenset()) -> list[str]:
    """The fields of ``session`` (a Session) with a word that may be a client's name, by
    their place: an idea's words and reason, an update's note and reason, a strength made
    of an idea (what ``supervise check`` warns of, never saying the word)."""
    fields = [
        (f"ideas[{i}].{attr}", getattr(idea, attr))
        for i, idea in enumerate(session.ideas)
        for attr in ("text", "reason")
    ]
    fields += [
        (f"idea_updates[{i}].{attr}", getattr(update, attr))
        for i, update in enumerate(session.idea_updates)
        for attr in ("note", "reason")
    ]
    fields += [
        (f"strengths[{i}].example", s.example) for i, s in enumerate(session.strengths) if s.idea_id
    ]
    return [place for place, text in fields if name_like_words(text, known)]


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


def next_statuses(current: IdeaStatus) -> list[IdeaStatus]:
    """Where an idea may go from ``current`` when reviewed: any other status, but never
    back to noted once it was taken to the team."""
    back = current != IdeaStatus.NOTED
    return [s for s in IdeaStatus if s != current and not (back and s == IdeaStatus.NOTED)]


def left_blank(idea: Idea, peer_id: str = "") -> bool:
    """Added and left wholly untouched (dropped on finishing): every field as a new row
    has it (raised by the peer, ``peer_id``, or no one). Anything else written or chosen
    (a kind, a status, someone else raising it) counts as something, so an idea without
    words is refused instead."""
    written = idea.text.strip() or idea.reason.strip() or idea.taken_by or idea.taken_on
    chosen = idea.raised_by not in ("", peer_id) or idea.kind != IdeaKind.PROGRAMME
    return not written and not chosen and idea.status == IdeaStatus.NOTED


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
