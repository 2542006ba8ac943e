"""Records to plain JSON-ready data and back, checking every type on the way in.

``from_data`` never lets a wrong shape through as an odd exception: anything
unexpected becomes a :class:`ValidationError` naming the path
(``sessions[3].concerns[0].status``) so an importer or a damaged-file report
can say exactly where the problem is. Messages name the place and what was
expected, never the value found: it may be part of a record.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeVar

from .errors import ValidationError
from .readers import MAX_STRING, fields_of, hints_of, reader

T = TypeVar("T")


def to_data(obj: Any) -> Any:
    """A record (or anything inside one) as JSON-ready data."""
    write = _WRITERS.get(type(obj))
    if write is None:
        write = _WRITERS[type(obj)] = _writer(type(obj))
    return write(obj)


def _writer(tp: type) -> typing.Callable[[Any], Any]:
    """How :func:`_to_data` writes a value of type ``tp``, looked up once per type (a
    large export or import writes millions of values)."""
    if dataclasses.is_dataclass(tp):
        names = tuple(f.name for f in fields_of(tp))

        def record(obj: Any) -> dict:
            data = {}
            for name in names:
                value = getattr(obj, name)
                data[name] = value if type(value) in _PLAIN else to_data(value)
            return data

        return record
    if issubclass(tp, Enum):
        return lambda obj: obj._value_  # (``value`` is a slower descriptor)
    if issubclass(tp, datetime):
        return _moment
    if issubclass(tp, date):
        return date.isoformat
    if issubclass(tp, dict):
        return lambda obj: {to_data(k): to_data(v) for k, v in obj.items()}
    if issubclass(tp, list | tuple):
        return lambda obj: [to_data(v) for v in obj]
    return lambda obj: obj


_WRITERS: dict[type, typing.Callable[[Any], Any]] = {}
_PLAIN = {str, int, float, bool, type(None)}  # written as they are


def _moment(obj: datetime) -> str:
    if obj.tzinfo is not None:
        return obj.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return obj.isoformat()


def _to_data(obj: Any) -> Any:
    """The general rules (the reference :func:`to_data` follows, type by type)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _to_data(getattr(obj, f.name)) for f in fields_of(type(obj))}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, datetime):
        if obj.tzinfo is not None:
            return obj.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return obj.isoformat()
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {_to_data(k): _to_data(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_to_data(v) for v in obj]
    return obj


def from_data(cls: type[T], data: Any, path: str = "", *, strict: bool = False) -> T:
    """Build ``cls`` from ``data``; raise ValidationError naming the path on error.

    With ``strict``, unknown fields are errors (for imports); otherwise they are
    ignored (so a newer file's extra fields do not stop an older reader).

    A reader made once per type (:func:`.readers.reader`) does the work; anything it does not
    take is read again by the general rules (:func:`_convert`), which say where.
    """
    try:
        return reader(cls)(data, strict)
    except Exception:  # noqa: BLE001 - the general reader says what and where
        pass
    return _convert(cls, data, path, strict)


def _where(path: str) -> str:
    return f" at {path}" if path else ""


def _convert(tp: Any, data: Any, path: str, strict: bool) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        real = [a for a in args if a is not type(None)]
        if len(real) == 1:
            return _convert(real[0], data, path, strict)
        raise TypeError(f"unsupported union {tp}")  # pragma: no cover - programming error
    if origin is list:
        (item,) = typing.get_args(tp)
        if not isinstance(data, list):
            raise ValidationError(f"Expected a list{_where(path)}.", path)
        return [_convert(item, v, f"{path}[{i}]", strict) for i, v in enumerate(data)]
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        if not isinstance(data, dict):
            raise ValidationError(f"Expected an object{_where(path)}.", path)
        converted = {}
        for k, v in data.items():
            key = _convert(key_tp, k, f"{path}.(a key)", strict)
            converted[key] = _convert(value_tp, v, f"{path}.{_key_label(key)}", strict)
        return converted
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, data, path, strict)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in tp)
            raise ValidationError(f"Expected one of {allowed}{_where(path)}.", path) from None
    if tp is datetime:
        if not isinstance(data, str):
            raise ValidationError(f"Expected a date and time as text{_where(path)}.", path)
        try:
            value = datetime.fromisoformat(data)
        except ValueError:
            raise ValidationError(
                f"Expected an ISO date and time like 2026-11-24T10:00{_where(path)}.", path
            ) from None
        return value
    if tp is date:
        if not isinstance(data, str) or len(data) != 10:
            raise ValidationError(f"Expected a date like 2026-11-24{_where(path)}.", path)
        try:
            return date.fromisoformat(data)
        except ValueError:
            message = f"Expected a real date like 2026-11-24{_where(path)}."
            raise ValidationError(message, path) from None
    if tp is str:
        if not isinstance(data, str):
            raise ValidationError(f"Expected text{_where(path)}.", path)
        if len(data) > MAX_STRING:
            raise ValidationError(
                f"A text of {len(data):,} characters is too long{_where(path)}.", path
            )
        return data
    if tp is bool:
        if not isinstance(data, bool):
            raise ValidationError(f"Expected true or false{_where(path)}.", path)
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ValidationError(f"Expected a whole number{_where(path)}.", path)
        return data
    if tp is Any:
        return data
    raise TypeError(f"unsupported type {tp}")  # pragma: no cover - programming error


def _dataclass(cls: type, data: Any, path: str, strict: bool) -> Any:
    if not isinstance(data, dict):
        raise ValidationError(f"Expected an object{_where(path)}.", path)
    hints = hints_of(cls)
    kwargs = {}
    known = set()
    for f in fields_of(cls):
        known.add(f.name)
        sub = f"{path}.{f.name}" if path else f.name
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name], sub, strict)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValidationError(f"The field {f.name!r} is missing{_where(path)}.", sub)
        elif strict and f.metadata.get("identity"):
            # without its id (or its version stamps) a record would be new at every import
            raise ValidationError(f"The field {f.name!r} is missing{_where(path)}.", sub)
    if strict and any(k not in known for k in data):
        # the unknown name itself is not repeated: it could be anything
        raise ValidationError(f"A field this version does not know{_where(path)}.", path)
    return cls(**kwargs)


def _key_label(key: Any) -> str:
    """A dictionary key as a place name: enum keys are names the app knows."""
    return key.value if isinstance(key, Enum) else "(a key)"
