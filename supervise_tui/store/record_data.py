"""A record as JSON-ready data, written by msgspec where that gives exactly ``to_data``.

An import writes back every session of a bundle, and every item track of its history:
``domain.serial.to_data`` walks each value in Python (about 40 µs a session);
``msgspec.to_builtins`` does the same walk in C (about 15). The two agree on every type a
record holds (fields in order, enums by value, dates, naive times) but one: ``to_data``
writes a moment with a time zone in UTC, while msgspec keeps its offset (and rounds an
offset of seconds). So msgspec is used only for a record whose moments are all naive or
already in UTC, looked over field by field from its type hints (made once per type); a
record of a type whose fields are not all known kinds is always written by ``to_data``.
A test holds the two equal on records of every kind, with moments in other zones.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timedelta
from enum import Enum
from functools import cache
from typing import Any

import msgspec

from ..domain.readers import fields_of, hints_of
from ..domain.serial import to_data

_ZERO = timedelta(0)
# (a date field is taken to hold a date, as every reader and form gives it)
_PLAIN_KINDS = (str, int, float, bool, type(None), date)

Check = Callable[[Any], bool]  # True: every moment in the value is naive or in UTC


def record_data(obj: Any) -> Any:
    """``to_data(obj)``, quicker for a dataclass record whose moments allow it."""
    check = _check_for(type(obj))
    if check is not None and check(obj):
        try:
            return msgspec.to_builtins(obj)
        except (TypeError, msgspec.EncodeError):  # a value of a kind it does not write
            pass
    return to_data(obj)


def _utc_or_naive(value: Any) -> bool:
    if type(value) is not datetime:
        return value is None or not isinstance(value, datetime)
    return value.tzinfo is None or value.utcoffset() == _ZERO


def _always(value: Any) -> bool:
    return True


@cache
def _check_for(tp: Any) -> Check | None:
    """How to look a value of type ``tp`` over (None: a kind not known here)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        checks = [_check_for(a) for a in typing.get_args(tp) if a is not type(None)]
        if any(c is None for c in checks):
            return None
        real = [c for c in checks if c is not _always]
        if not real:
            return _always
        if len(real) == 1:
            inner = real[0]
            return lambda v: v is None or inner(v)
        return None
    if origin in (list, tuple):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        checks = [_check_for(a) for a in args]
        if not checks or any(c is None for c in checks):
            return None
        if all(c is _always for c in checks):
            return _always
        if len(set(checks)) != 1:
            return None
        item = checks[0]
        return lambda v: all(item(x) for x in v)
    if origin is dict:
        key, value = (_check_for(a) for a in typing.get_args(tp))
        if key is not _always or value is None:
            return None
        return _always if value is _always else (lambda v: all(value(x) for x in v.values()))
    if origin is typing.Literal:
        return _always
    if tp is datetime:
        return _utc_or_naive
    if isinstance(tp, type) and (issubclass(tp, Enum) or issubclass(tp, _PLAIN_KINDS)):
        return _always
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_check(tp)
    return None


def _dataclass_check(cls: type) -> Check | None:
    try:
        hints = hints_of(cls)
    except (NameError, TypeError):
        return None
    if cls in _BUSY:  # a record that holds one of its own kind (an amendment)
        return lambda v: _check_for(cls)(v)
    _BUSY.add(cls)
    try:
        named = [(f.name, _check_for(hints[f.name])) for f in fields_of(cls)]
    finally:
        _BUSY.discard(cls)
    if any(check is None for _, check in named):
        return None
    named = [(name, check) for name, check in named if check is not _always]
    if not named:
        return _always

    def check(value: Any) -> bool:
        if type(value) is not cls:  # (a subclass may hold more than its fields say)
            return False
        return all(check(getattr(value, name)) for name, check in named)

    return check


_BUSY: set[type] = set()
