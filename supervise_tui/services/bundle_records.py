"""A bundle's records read one by one from their own bytes (an import peer by peer:
:mod:`..usecases.bundle_import`), checked exactly as :func:`.bundle.parse_bundle`
checks them in the whole bundle, and named by the same places."""

from __future__ import annotations

import re
from typing import Any

import orjson

from ..domain.contacts import Contact
from ..domain.models import Person, Session
from .bundle import BundleError, _contact, _find_control, _no_duplicates, _person, _session


def check_controls(value: Any, where: str) -> None:
    """No text (or key) in ``value`` holds a control character, and nothing is nested
    deeper than any bundle is."""
    found = _find_control(value, where, 1 if where else 0)
    if found:
        raise BundleError(*found)


def no_duplicates(ids: list[str], key: str) -> None:
    """The same id twice (at ``key``[i]) refuses a bundle."""
    _no_duplicates(ids, key)


def parse_record(raw, key: str, i: int) -> Person | Session | Contact:
    """One person, session or contact (``key``: the list it is in) of a bundle from its
    own bytes (any bytes-like object), checked as :func:`parse_bundle` checks it whole."""
    raw, where = memoryview(raw), f"{key}[{i}]"
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:  # read whole before: only a number or nesting too large
        raise BundleError("The file is not valid JSON here", where) from None
    if _MAYBE_CONTROL.search(raw):
        found = _find_control(data, where, 2)
        if found:
            raise BundleError(*found)
    if key == "contacts":
        return _contact(data, i)
    return _person(data, i) if key == "people" else _session(data, i)


# A control character in a JSON text is always escaped (\b, \f, \r, \u00XX), or, for
# DEL and the C1 controls, written as it is: a record with none of these holds none.
_MAYBE_CONTROL = re.compile(
    rb"\\[bfr]|\\u00(?:0[0-8bcdefBCDEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|\x7f|\xc2[\x80-\x9f]"
)
