"""One small document of a plain data file, without parsing the rest of it into objects.

Home shows one small document of every peer's ``peer.json`` (their tally) before its
first paint; the rest of the file (open items, the team view's tally) is several times
larger. msgspec checks the whole file is JSON tables of documents, as the full read
does, but keeps the tables as bytes, and only the document asked for is parsed; the
file is not kept (nor hashed: nothing is written from it). Anything this read is not
sure of (a file that is not JSON text, tables that are not objects of objects) it
leaves to the full read, which says what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson

UNSURE = object()  # the full read must look at the file

# An escaped surrogate (a lone one is refused by the full read; msgspec passes over it)
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")

_DECODER: Any = None


def peek_doc(path: Path, table: str, doc_id: str) -> Any:
    """The document ``doc_id`` of ``table`` in the plain data file ``path`` as data;
    None when there is no such file or document; UNSURE when the full read must say."""
    global _DECODER
    import msgspec  # (loaded with Textual's own: about 3 ms, against the parse it saves)

    if _DECODER is None:
        _DECODER = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return UNSURE
    if _SURROGATE.search(raw):
        return UNSURE
    try:
        if not raw.isascii():
            raw.decode("utf-8")  # (msgspec passes over the text it does not read)
        tables = _DECODER.decode(raw)
    except (UnicodeDecodeError, msgspec.DecodeError, msgspec.ValidationError):
        return UNSURE
    for docs in tables.values():
        for doc in docs.values():
            if memoryview(doc)[:1] != b"{":  # every document an object, as the full read
                return UNSURE
    found = tables.get(table, {}).get(doc_id)
    if found is None:
        return None
    try:
        return orjson.loads(memoryview(found))
    except orjson.JSONDecodeError:
        return UNSURE
