"""Naming a record by the start of its id, as people copy it from a listing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


class NoSuchId(LookupError):
    """No record, or more than one, answers to the id given (one sentence)."""


SHORT_ID = 4  # the fewest characters of an id that name a record


def pick_by_id(
    given: str, candidates: Iterable[tuple[tuple[str, ...], T]], noun: str, where: str
) -> T:
    """The one candidate ``given`` names: one of its ids whole, or the first ``SHORT_ID``
    or more characters of one that no other candidate's ids begin with. Each candidate is
    (its ids, itself). Raises NoSuchId in one sentence when none or several do;
    ``where`` says where the ids are listed ("`supervise conflicts` lists them")."""
    given = given.strip()
    candidates = list(candidates)
    exact = [item for ids, item in candidates if given in ids]
    if exact:
        return exact[0]
    if len(given) < SHORT_ID:
        raise NoSuchId(f"Give at least {SHORT_ID} characters of the {noun}'s id; {where}.")
    found = [item for ids, item in candidates if any(i.startswith(given) for i in ids)]
    if not found:
        raise NoSuchId(f"There is no {noun} {given!r}; {where}.")
    if len(found) > 1:
        raise NoSuchId(f"{len(found)} {noun}s begin with {given!r}: give more of the id ({where}).")
    return found[0]
