"""A bundle written piece by piece, so that exporting ten years never holds them whole.

The bytes are what :func:`.bundle.dumps` makes of the same records (orjson, indented two
spaces), with the sessions (and contacts) before the people: the people a bundle
carries are the peers and every supervisor their records name, known only once those
are out. Each
session goes out as stored data (``to_data`` of the record), peer by peer, each peer's
oldest first. A JSON object's order means nothing to a reader (docs/format.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

import orjson

from .. import __version__
from ..domain.serial import to_data
from .bundle import FORMAT, FORMAT_VERSION

_INDENT = orjson.OPT_INDENT_2
_INNER = b"\n    "  # a record's lines, two levels in


def _items(write: Callable[[bytes], None], docs: Iterable[dict]) -> int:
    """A JSON list's items, each indented as inside the bundle; returns how many."""
    count = 0
    for doc in docs:
        write(b"\n    " if not count else b",\n    ")
        write(orjson.dumps(doc, option=_INDENT).replace(b"\n", _INNER))
        count += 1
    write(b"\n  ]" if count else b"]")
    return count


def write_bundle(
    write: Callable[[bytes], None],
    sessions: Iterable[dict],
    people: Callable[[], list[dict]],
    *,
    site: str,
    now: datetime,
    contacts: Callable[[], list[dict]] = list,
    groups: Callable[[], list[dict]] = list,
) -> int:
    """Write a bundle through ``write``: the header, ``sessions`` as they come, then
    ``contacts()`` (when there are any) and ``people()``, asked for once the sessions are
    written. Returns how many sessions."""
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": to_data(now),
        "app_version": __version__,
        "site": site,
    }
    write(b"{\n")
    for key, value in header.items():
        write(b'  "' + key.encode() + b'": ' + orjson.dumps(value) + b",\n")
    write(b'  "sessions": [')
    count = _items(write, sessions)
    noted = sorted(contacts(), key=lambda c: (datetime.fromisoformat(c["when"]), c["id"]))
    if noted:
        write(b',\n  "contacts": [')
        _items(write, noted)
    copies = sorted(groups(), key=lambda g: (g["when"], g["id"], g["peer_id"]))
    if copies:
        write(b',\n  "group_sessions": [')
        _items(write, copies)
    write(b',\n  "people": [')
    _items(write, sorted(people(), key=lambda p: p["id"]))
    write(b"\n}\n")
    return count
