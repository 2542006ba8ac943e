"""The difference between two versions of a record, field by field (for a conflict).

Both versions are stored data (``to_data``): nested dicts and lists. Lists of items
that carry an ``id`` (concerns, goals, strengths …) are matched by it, so an item
added on one side shows as one difference rather than shifting every item after it;
other lists are compared whole (lists of plain values) or place by place. Values are
one line each, shortened, with control characters removed: fit for a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import orjson

from ..domain.text import clean

MISSING = "(none)"  # a field or an item one version does not have
WHOLE = "(the whole record)"  # the path when one version is missing altogether
IGNORED = frozenset({"revisions"})  # bookkeeping: which versions each was made from
WIDTH = 60


@dataclass(frozen=True)
class Difference:
    path: str  # e.g. "concerns[0].text", "checkin.ratings.workload.value"
    local: str
    incoming: str


_ABSENT = object()


def differences(
    local: Mapping | None,
    incoming: Mapping,
    *,
    labels: Mapping[str, str] | None = None,
    width: int = WIDTH,
) -> list[Difference]:
    """Every field whose value differs between ``local`` (None: not here) and
    ``incoming``, in the order of the record's fields. ``labels`` shows a value by
    another name (a person's id as their name)."""
    found: list[tuple[str, object, object]] = []
    _walk("", _ABSENT if local is None else local, incoming, found, top=True)
    return [
        Difference(path, show(a, labels, width), show(b, labels, width)) for path, a, b in found
    ]


def _walk(path: str, a: object, b: object, found: list, *, top: bool = False) -> None:
    if a == b:
        return
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for key in [*b, *(k for k in a if k not in b)]:
            if top and key in IGNORED:
                continue
            where = f"{path}.{key}" if path else str(key)
            _walk(where, a.get(key, _ABSENT), b.get(key, _ABSENT), found)
        return
    if isinstance(a, list) and isinstance(b, list) and (_has_ids(a) or _has_ids(b)):
        _walk_by_id(path, a, b, found)
        return
    if (
        isinstance(a, list)
        and isinstance(b, list)
        and any(isinstance(x, Mapping | list) for x in [*a, *b])
    ):
        for i in range(max(len(a), len(b))):
            _walk(
                f"{path}[{i}]",
                a[i] if i < len(a) else _ABSENT,
                b[i] if i < len(b) else _ABSENT,
                found,
            )
        return
    found.append((path or WHOLE, a, b))


def _has_ids(items: list) -> bool:
    return bool(items) and all(isinstance(x, Mapping) and "id" in x for x in items)


def _walk_by_id(path: str, a: list, b: list, found: list) -> None:
    mine = {x["id"]: (i, x) for i, x in enumerate(a) if isinstance(x, Mapping)}
    theirs = {x["id"]: (i, x) for i, x in enumerate(b) if isinstance(x, Mapping)}
    for item_id in [*theirs, *(k for k in mine if k not in theirs)]:
        i, x = mine.get(item_id, (None, _ABSENT))
        j, y = theirs.get(item_id, (None, _ABSENT))
        place = j if j is not None else i
        _walk(f"{path}[{place}]", x, y, found)


def show(value: object, labels: Mapping[str, str] | None = None, width: int = WIDTH) -> str:
    """One value on one line, at most ``width`` characters."""
    if value is _ABSENT:
        return MISSING
    if value is None:
        text = "(empty)"
    elif isinstance(value, str):
        text = labels.get(value, value) if labels else value
        text = text if text.strip() else '""'
    elif isinstance(value, list) and labels and all(isinstance(x, str) for x in value):
        text = ", ".join(labels.get(x, x) for x in value) or "[]"
    else:
        if labels and isinstance(value, Mapping):  # an item added on one side: its owner…
            value = {k: labels.get(v, v) if isinstance(v, str) else v for k, v in value.items()}
        text = orjson.dumps(value).decode()
    return shorten(text, width)


def shorten(text: str, width: int = WIDTH) -> str:
    text = " ⏎ ".join(line.strip() for line in clean(text).split("\n"))
    text = text.replace("\t", " ")
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
