"""Quick readers: one made per record type, taking exactly what :func:`.serial.from_data`'s
general rules take, without working out places (only needed to say where a value is
wrong: the general rules read it again then). An import or an export reads hundreds of
thousands of values; looking each one's type up through ``typing`` every time was most
of the work.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

MAX_STRING = 200_000  # far above any field limit; guards against hostile input


@cache
def fields_of(cls: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(cls)


@cache
def hints_of(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


class _Refused(Exception):
    """The quick reader does not take this value (the general one says why)."""


@cache
def reader(tp: Any) -> typing.Callable[[Any, bool], Any]:
    """A reader for ``tp`` that takes exactly what :func:`_convert` takes, without
    working out places (only needed to say where something is wrong)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        real = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(real) != 1:
            raise TypeError(f"unsupported union {tp}")  # pragma: no cover
        inner = reader(real[0])
        none_ok = type(None) in typing.get_args(tp)
        return lambda d, s: None if d is None and none_ok else inner(d, s)
    if origin is list:
        item = reader(typing.get_args(tp)[0])
        return lambda d, s: [item(v, s) for v in d] if isinstance(d, list) else _refuse()
    if origin is dict:
        key_tp, value_tp = map(reader, typing.get_args(tp))
        return lambda d, s: (
            {key_tp(k, s): value_tp(v, s) for k, v in d.items()}
            if isinstance(d, dict)
            else _refuse()
        )
    if dataclasses.is_dataclass(tp):
        return _dataclass_reader(tp)
    return _SCALARS.get(tp) or _enum_reader(tp)


def _refuse() -> Any:
    raise _Refused


def _dataclass_reader(cls: type) -> typing.Callable[[Any, bool], Any]:
    fields: list[tuple[str, Any, bool, bool]] = []  # made at the first read: a record may
    known = frozenset(f.name for f in fields_of(cls))  # hold one of its own kind (an amendment)

    def read(data: Any, strict: bool) -> Any:
        if not isinstance(data, dict):
            raise _Refused
        if not fields:
            hints = hints_of(cls)
            fields[:] = list(
                (
                    f.name,
                    reader(hints[f.name]),
                    f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                    bool(f.metadata.get("identity")),
                )
                for f in fields_of(cls)
            )
        kwargs = {}
        for name, field_reader, required, identity in fields:
            if name in data:
                kwargs[name] = field_reader(data[name], strict)
            elif required or (strict and identity):
                raise _Refused
        if strict and not known.issuperset(data):
            raise _Refused
        return cls(**kwargs)

    return read


def _enum_reader(tp: Any) -> typing.Callable[[Any, bool], Any]:
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = tp._value2member_map_

        def member(d: Any, s: bool) -> Any:
            try:
                return members[d]
            except (KeyError, TypeError):  # (the general rules say what is wrong)
                return tp(d)

        return member
    raise TypeError(f"unsupported type {tp}")  # pragma: no cover - programming error


def _text(d: Any, s: bool) -> str:
    if not isinstance(d, str) or len(d) > MAX_STRING:
        raise _Refused
    return d


def _whole_number(d: Any, s: bool) -> int:
    if isinstance(d, bool) or not isinstance(d, int):
        raise _Refused
    return d


def _date(d: Any, s: bool) -> date:
    if not isinstance(d, str) or len(d) != 10:
        raise _Refused
    return date.fromisoformat(d)


def _datetime(d: Any, s: bool) -> datetime:
    if not isinstance(d, str):
        raise _Refused
    return datetime.fromisoformat(d)


def _truth(d: Any, s: bool) -> bool:
    if not isinstance(d, bool):
        raise _Refused
    return d


_SCALARS: dict[Any, typing.Callable[[Any, bool], Any]] = {
    str: _text,
    int: _whole_number,
    bool: _truth,
    date: _date,
    datetime: _datetime,
    Any: lambda d, s: d,
}
