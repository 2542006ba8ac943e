"""The bundle's JSON Schema, generated from the record dataclasses.

`python -m supervise_tui.services.schema > docs/bundle.schema.json` writes it;
a test checks the committed file is what the code says, so they never drift.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from enum import Enum

from ..domain.contacts import Contact
from ..domain.groups import GroupSession
from ..domain.models import Person, Session
from .bundle import FORMAT, FORMAT_VERSION


def _schema(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _schema(args[0], defs)
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is list:
        return {"type": "array", "items": _schema(typing.get_args(tp)[0], defs)}
    if origin is dict:
        key, value = typing.get_args(tp)
        out = {"type": "object", "additionalProperties": _schema(value, defs)}
        if isinstance(key, type) and issubclass(key, Enum):
            out["propertyNames"] = {"enum": [m.value for m in key]}
        return out
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp)
            props, required = {}, []
            for f in dataclasses.fields(tp):
                props[f.name] = _schema(hints[f.name], defs)
                no_default = f.default is dataclasses.MISSING
                no_default = no_default and f.default_factory is dataclasses.MISSING
                if no_default or f.metadata.get("identity"):  # ids and stamps: see serial.py
                    required.append(f.name)
            doc = (tp.__doc__ or "").strip().splitlines()
            defs[name] = {
                "type": "object",
                "description": doc[0] if doc else name,
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"enum": [m.value for m in tp]}
    if tp is datetime:
        return {"type": "string", "format": "date-time"}
    if tp is date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    raise TypeError(tp)


def bundle_schema() -> dict:
    defs: dict = {}
    person = _schema(Person, defs)
    session = _schema(Session, defs)
    contact = _schema(Contact, defs)
    group = _schema(GroupSession, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://supervise-tui.invalid/bundle.schema.json",
        "title": "supervise-tui bundle",
        "description": "Supervision records exchanged between supervise-tui sites. "
        "See docs/format.md.",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "created_at": {"type": "string", "format": "date-time"},
            "app_version": {"type": "string"},
            "site": {"type": "string"},
            "people": {"type": "array", "items": person},
            "sessions": {"type": "array", "items": session},
            "contacts": {"type": "array", "items": contact},
            "group_sessions": {"type": "array", "items": group},
        },
        "required": ["format", "format_version", "people", "sessions"],
        "additionalProperties": False,
        "$defs": defs,
    }


if __name__ == "__main__":
    print(json.dumps(bundle_schema(), indent=2, ensure_ascii=False))
