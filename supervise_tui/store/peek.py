"""One small document of a plain data file, without parsing the rest of it into objects.

Home shows one small document of every peer's ``peer.json`` (their tally) before its
first paint, and the team view another (the team tally); the rest of the file (open
items and their updates) is several times larger and grows with the history. msgspec
checks that the whole file is JSON, that it holds no table but those such a file may
hold, and that every table is an object of objects, as the full read does, without
building their documents; only the document asked for is parsed (by orjson, which
checks its text). The file is not kept (nor hashed: nothing is written from it).

The text of the documents not asked for is passed over, not read: a damaged character
there (bytes that are not UTF-8) is left to the reads that use that document (opening
the peer's history, a session, their open items: the full read, which names the file)
and to `supervise check`. Anything else this read is not sure of (a file that is not
JSON, an escape that is not a character, a table it does not know, a document that is
not an object) it leaves to the full read, which says what is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

UNSURE = object()  # the full read must look at the file

_DECODERS: dict[tuple[str, tuple[str, ...]], Any] = {}


def _decoder(table: str, tables: tuple[str, ...]) -> Any:
    """A decoder of a file that may hold ``tables``, keeping ``table``'s documents as
    bytes; every other table is checked to be an object of objects, nothing built."""
    import msgspec  # (loaded with Textual's own: about 3 ms, against the parse it saves)

    found = _DECODERS.get((table, tables))
    if found is None:

        class Document(msgspec.Struct):  # any object; its fields are passed over
            pass

        fields = [
            (name, dict[str, msgspec.Raw if name == table else Document], {}) for name in tables
        ]
        shape = msgspec.defstruct("Tables", fields, forbid_unknown_fields=True)
        found = _DECODERS[(table, tables)] = msgspec.json.Decoder(shape)
    return found


def peek_doc(path: Path, table: str, doc_id: str, tables: tuple[str, ...]) -> Any:
    """The document ``doc_id`` of ``table`` in the plain data file ``path``, which may
    hold ``tables``, as data; None when there is no such file or document; UNSURE when
    the full read must say."""
    import msgspec

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return UNSURE
    try:
        docs = getattr(_decoder(table, tables).decode(raw), table)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return UNSURE
    for doc in docs.values():
        if memoryview(doc)[:1] != b"{":  # every document an object, as the full read
            return UNSURE
    found = docs.get(doc_id)
    if found is None:
        return None
    try:
        return orjson.loads(memoryview(found))
    except orjson.JSONDecodeError:
        return UNSURE
