"""A record read straight from its JSON bytes by msgspec, where that gives exactly the
general rules' record (``from_data(cls, orjson.loads(raw), strict=True)``).

An import reads every session of a bundle: parsing it into Python values and building
its records from them in Python (the quick reader) took 44–66 µs a session; msgspec does
both in C in 19–31. But msgspec on its own takes other inputs than the general rules: it
ignores a field it does not know, makes an id or a stamp left out afresh, takes texts of
any length, numbers beyond what orjson reads, and date-times spelled in more ways (a
space or a small ``t`` between date and time, a fraction of any length, rounded). So
each record type gets a mirror (a msgspec ``Struct``, made once from the record's fields
and type hints) that takes only what the general rules take, in the same form: no
unknown field, the identity fields required, texts up to ``MAX_STRING``, whole numbers
within 64 bits (past 2**63 the general rules decide), date-times only as the app writes
them (``2026-11-24T10:00:00``, with ``.ffffff`` and ``Z`` or ``±HH:MM`` or neither),
which Python's ``fromisoformat`` reads to the same moment. The bytes are decoded into
the mirror, then the mirror is turned into the record (``msgspec.convert``, also in C).

Anything the mirror does not take (or a record type it cannot mirror) gives None: the
caller reads the record by the general rules then, which take it or say where it is
wrong. Bytes that may hold a control character are the caller's to send the general way
(:func:`..services.bundle_records.parse_record`); a lone surrogate or bytes that are not
UTF-8 msgspec refuses itself, as orjson does. A test holds the two readers equal on
records changed at random.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Annotated, Any

import msgspec

from ..domain.readers import MAX_STRING, fields_of, hints_of

_TEXT = Annotated[str, msgspec.Meta(max_length=MAX_STRING)]
_WHOLE = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]  # (orjson reads no larger)
_MOMENT = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})?$"
    ),
]
_PLAIN = {str: _TEXT, int: _WHOLE, datetime: _MOMENT, date: date, bool: bool}
_REFUSED = (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError, RecursionError)


class _Unmirrored(Exception):
    """A type this module cannot mirror (such a record is always read the general way)."""


def read_record(cls: type, raw) -> Any | None:
    """``cls`` read from ``raw`` (bytes of one JSON object) exactly as the general rules
    read it, or None when the mirror does not take it (read it the general way then)."""
    read = _reader(cls)
    if read is None:
        return None
    try:
        return read(raw)
    except _REFUSED:
        return None


@cache
def _reader(cls: type):
    try:
        mirror = _mirror(cls)
    except _Unmirrored:
        return None
    decode = msgspec.json.Decoder(mirror).decode
    return lambda raw: msgspec.convert(decode(raw), cls, from_attributes=True)


def _mirror(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_mirror(a) for a in typing.get_args(tp))]  # noqa: UP007
    if origin is list:
        return list[_mirror(typing.get_args(tp)[0])]
    if origin is dict:
        key, value = typing.get_args(tp)
        return dict[_mirror(key), _mirror(value)]
    if tp is type(None) or (isinstance(tp, type) and issubclass(tp, Enum)):
        return tp
    if tp in _PLAIN:
        return _PLAIN[tp]
    if dataclasses.is_dataclass(tp):
        return _struct(tp)
    raise _Unmirrored(tp)


_MADE: dict[type, str] = {}  # each record type's mirror, by its name in this module


def _struct(cls: type) -> Any:
    """The mirror of a record type; a record that holds one of its own kind (an
    amendment holds the session as it was) names its mirror, made by then."""
    name = _MADE.get(cls)
    if name is not None:
        return getattr(sys.modules[__name__], name, name)
    name = _MADE[cls] = f"_Mirror{cls.__name__}"
    hints = hints_of(cls)
    fields = []
    for f in fields_of(cls):
        mirrored = _mirror(hints[f.name])
        no_default = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if no_default or f.metadata.get("identity"):  # (without it: new at every import)
            fields.append((f.name, mirrored))
        elif f.default_factory is not dataclasses.MISSING:
            fields.append((f.name, mirrored, msgspec.field(default_factory=f.default_factory)))
        else:
            fields.append((f.name, mirrored, f.default))
    struct = msgspec.defstruct(
        name, fields, kw_only=True, forbid_unknown_fields=True, module=__name__
    )
    setattr(sys.modules[__name__], name, struct)
    return struct
