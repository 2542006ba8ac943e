"""Prompt packs for group sessions: the wording of the shared questions (the case
brought, one practice to try, a shared note) and each peer's own questions.

A group pack is a TOML file among the session packs, told apart by its ``kind`` (a
:class:`~..domain.enums.GroupKind` value)::

    id = "community-of-practice"
    kind = "cop"
    [[shared]]            # id: case, practice or note
    [[own]]               # each peer's own words: any id
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.enums import GroupKind
from ..domain.groups import SHARED
from ..domain.text import NAME_MAX, SHORT_MAX
from .packs import _ID, PackError, Prompt, _text


@dataclass(frozen=True)
class GroupPack:
    id: str
    title: str
    version: int
    kind: GroupKind
    description: str
    shared: tuple[Prompt, ...]  # ids among SHARED
    own: tuple[Prompt, ...]  # each peer's own words
    origin: Path
    builtin: bool = True

    def asks(self, shared_id: str) -> str:
        """The pack's words for a shared field ("" when it does not ask it)."""
        return next((q.text for q in self.shared if q.id == shared_id), "")


def parse_group_pack(data: dict, origin: Path, builtin: bool, head) -> GroupPack:
    """A group pack from parsed TOML (``head``: the id, title, version and description
    already checked by the session packs' parser); PackError naming the field."""
    pack_id, title, version, description = head
    kind = GroupKind(data["kind"])
    lists = {}
    for name in ("shared", "own"):
        raw = data.get(name)
        if not isinstance(raw, list) or not raw:
            raise PackError(name, f"a group pack needs at least one [[{name}]] table")
        found, seen = [], set()
        for i, q in enumerate(raw):
            where = f"{name}[{i}]"
            if not isinstance(q, dict):
                raise PackError(where, "each question must be a table")
            try:
                qid, text = _text(q, "id", 40), _text(q, "text", SHORT_MAX)
                source = _text(q, "source", NAME_MAX)
            except PackError as error:
                raise PackError(f"{where}.{error.field}", error.message) from None
            if not _ID.match(qid) or (name == "shared" and qid not in SHARED):
                allowed = ", ".join(SHARED) if name == "shared" else "lower-case letters"
                raise PackError(f"{where}.id", f"use {allowed}")
            if qid in seen:
                raise PackError(f"{where}.id", f"the question id {qid!r} appears twice")
            seen.add(qid)
            found.append(Prompt(qid, text, source))
        lists[name] = tuple(found)
    if "case" not in {q.id for q in lists["shared"]}:
        raise PackError("shared", "a group pack asks for the case brought (id 'case')")
    return GroupPack(
        pack_id, title, version, kind, description, lists["shared"], lists["own"], origin, builtin
    )
