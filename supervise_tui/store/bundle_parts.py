"""A bundle's bytes split into its records' own bytes, without reading the records.

An import of ten years reads a bundle record by record, peer by peer (see
:mod:`...usecases.bundle_import`), never parsing it whole: msgspec finds where each
person and session begins and ends (checking the whole is well-formed JSON) and reads
only each session's id and peer, leaving everything else as the bytes it was (``Raw``:
a view into the bundle's bytes, not a copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec
import orjson

PARTS = ("people", "sessions", "contacts", "group_sessions")


class _Head(msgspec.Struct):
    """What a session says of where it belongs (anything: checked when it is read)."""

    id: Any = None
    peer_id: Any = None


@dataclass
class BundleParts:
    header: dict[str, Any]  # every top-level field but the people and sessions, parsed
    people: list[msgspec.Raw] | None  # None: missing, or not a list
    sessions: list[msgspec.Raw] | None
    contacts: list[msgspec.Raw] | None  # (format 3; none: an empty list)
    groups: list[msgspec.Raw] | None  # each peer's copy of a group session (format 4)
    heads: list[tuple[Any, Any]]  # each session's (id, peer_id), as written


def split_bundle(raw: bytes) -> BundleParts | None:
    """The bundle in parts, or None when it is not a well-formed JSON object (the whole
    is then read the ordinary way, which says what is wrong)."""
    try:
        top = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, UnicodeDecodeError):
        return None  # (older msgspec raises UnicodeDecodeError for bytes that are not text)
    try:
        header = {k: orjson.loads(memoryview(v)) for k, v in top.items() if k not in PARTS}
        lists = {key: _list(top.get(key)) for key in PARTS}
        heads = []
        decode = msgspec.json.Decoder(_Head).decode
        for part in lists["sessions"] or ():
            try:
                head = decode(part)
                heads.append((head.id, head.peer_id))
            except msgspec.ValidationError:  # not an object: said when it is read
                heads.append((None, None))
    except (orjson.JSONDecodeError, msgspec.DecodeError, UnicodeDecodeError):
        return None  # (text that is not UTF-8, found only now)
    for key in ("contacts", "group_sessions"):
        if key not in top:
            lists[key] = []
    return BundleParts(
        header,
        lists["people"],
        lists["sessions"],
        lists["contacts"],
        lists["group_sessions"],
        heads,
    )


def _list(part: msgspec.Raw | None) -> list[msgspec.Raw] | None:
    if part is None:
        return None
    try:
        return msgspec.json.decode(part, type=list[msgspec.Raw])
    except msgspec.ValidationError:  # not a list: said when the header is checked
        return None
