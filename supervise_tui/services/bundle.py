"""The JSON bundle: records that leave the machine on purpose, and come back merged.

See docs/format.md for the format and the merge rules. Parsing is strict: a
bundle with anything wrong is refused whole, with a message naming the problem
and where it is, before anything local is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from .. import __version__
from ..domain import validation
from ..domain.contacts import Contact, contact_problem
from ..domain.dates import in_range
from ..domain.enums import SessionStatus
from ..domain.errors import ValidationError
from ..domain.groups import GroupSession, group_problem
from ..domain.models import Person, Session
from ..domain.serial import from_data, to_data

FORMAT = "supervise-tui-bundle"
FORMAT_VERSION = 4  # 2: people carry their supervisors and the lead's flag; 3: contacts;
# 4: ideas and group sessions
MAX_BUNDLE_BYTES = 2 * 1024**3
HEADER = {"format", "format_version", "created_at", "app_version", "site", "people", "sessions"}
HEADER |= {"contacts"}  # (format 3) informal contacts; optional
HEADER |= {"group_sessions"}  # (format 4) each attending peer's copy; optional
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_DEPTH = 32  # a bundle is about 7 deep (sessions[i].checkin.ratings.workload.value)


class BundleError(ValidationError):
    """A bundle that cannot be imported. ``str()`` says what and where."""

    def __init__(self, message: str, where: str | None = None) -> None:
        text = f"{message} (at {where})" if where else message
        super().__init__(text, where)


@dataclass
class Bundle:
    created_at: datetime | None
    app_version: str
    site: str
    people: list[Person]
    sessions: list[Session]
    contacts: list[Contact] = field(default_factory=list)
    groups: list[GroupSession] = field(default_factory=list)  # each peer's copy
    places: list[int] | None = None  # each session's place in the whole bundle (None: as here)

    def where(self, i: int) -> str:
        """Where the ``i``-th session is, for a message."""
        return f"sessions[{i if self.places is None else self.places[i]}]"


def build_bundle(
    people: list[Person],
    sessions: list[Session],
    *,
    site: str,
    now: datetime,
    contacts: list[Contact] = (),
    groups: list[GroupSession] = (),
) -> dict:
    """A bundle as JSON-ready data; records in a stable order."""
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": to_data(now),
        "app_version": __version__,
        "site": site,
        "people": [to_data(p) for p in sorted(people, key=lambda p: p.id)],
        "sessions": [to_data(s) for s in sorted(sessions, key=lambda s: (s.when, s.id))],
    }
    if contacts:
        data["contacts"] = [to_data(c) for c in sorted(contacts, key=lambda c: (c.when, c.id))]
    if groups:
        order = sorted(groups, key=lambda g: (g.when, g.id, g.peer_id))
        data["group_sessions"] = [to_data(g) for g in order]
    return data


def dumps(bundle: dict) -> bytes:
    return orjson.dumps(bundle, option=orjson.OPT_INDENT_2) + b"\n"


def _label(key: object) -> str:
    """A key as a place name in a message: a field-shaped name as it is, anything else not
    repeated (a key in a hostile bundle could hold anything, of any length)."""
    return key if isinstance(key, str) and _FIELD_NAME.fullmatch(key) else "(a key)"


def _find_control(value: Any, path: str, depth: int = 0) -> tuple[str, str] | None:
    """The first place that is nested deeper than any bundle is, or whose text (or key)
    holds a control character: (what is wrong, where), or None. Walks without recursion,
    so no nesting can exhaust the stack."""
    stack: list[tuple[Any, str, int]] = [(value, path, depth)]
    while stack:
        node, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return "The bundle is nested more deeply than any bundle is", where
        if isinstance(node, str):
            if _CONTROL.search(node):
                return "A text contains a control character, which a bundle may not hold", where
        elif isinstance(node, dict):
            children = []
            for key, item in node.items():
                if isinstance(key, str) and _CONTROL.search(key):
                    return "A text contains a control character, which a bundle may not hold", where
                label = _label(key)
                children.append((item, f"{where}.{label}" if where else label, depth + 1))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(
                (item, f"{where}[{i}]", depth + 1) for i, item in reversed(list(enumerate(node)))
            )
    return None


def parse_bundle(raw: bytes) -> Bundle:
    """Check every byte of a bundle; return it, or raise BundleError saying where."""
    data = _whole(raw)
    check_format(data)
    found = _find_control(data, "")
    if found:
        raise BundleError(*found)
    created_at, app_version, site = check_header(data)
    people = [_person(p, i) for i, p in enumerate(data["people"])]
    sessions = [_session(s, i) for i, s in enumerate(data["sessions"])]
    _no_duplicates([p.id for p in people], "people")
    _no_duplicates([s.id for s in sessions], "sessions")
    contacts = [_contact(c, i) for i, c in enumerate(data.get("contacts", []))]
    _no_duplicates([c.id for c in contacts], "contacts")
    groups = [_group(g, i) for i, g in enumerate(data.get("group_sessions", []))]
    _no_duplicates([copy_key(g) for g in groups], "group_sessions")
    return Bundle(created_at, app_version, site, people, sessions, contacts, groups)


def _whole(raw: bytes) -> Any:
    if len(raw) > MAX_BUNDLE_BYTES:
        raise BundleError("The file is too large to be a bundle.")
    if not raw.strip():
        raise BundleError("The file is empty.")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(raw.rstrip()) - 1:
            raise BundleError("The file is not complete JSON: it looks cut short", where) from None
        raise BundleError(f"The file is not valid JSON ({error.msg})", where) from None
    if not isinstance(data, dict):
        raise BundleError("The file is not a supervise-tui bundle: it is not a JSON object.")
    return data


def check_format(data: dict) -> None:
    """The header says a bundle this version reads, and holds no field it does not know
    (``data`` may hold the people and sessions unread)."""
    if data.get("format") != FORMAT:
        raise BundleError(
            f"The file is not a supervise-tui bundle: its format is not {FORMAT!r}.", "format"
        )
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BundleError("The bundle has no valid format_version.", "format_version")
    if version < 1:
        raise BundleError("The bundle has no valid format_version.", "format_version")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"The bundle was written by a newer version of supervise-tui "
            f"(format version {version}; this app reads up to "
            f"{FORMAT_VERSION}). Please update the app.",
            "format_version",
        )
    if set(data) - HEADER:  # the unknown name itself is not repeated: it could be anything
        raise BundleError("The bundle's header has a field this version does not know.")


def check_header(data: dict) -> tuple[datetime | None, str, str]:
    """The header's fields (when it was made, by which version, from which site); the
    people and sessions must be lists (``data`` may hold them as any list)."""
    for key in ("people", "sessions"):
        if not isinstance(data.get(key), list):
            raise BundleError(f"The bundle's {key!r} must be a list.", key)
    for key in ("contacts", "group_sessions"):
        if not isinstance(data.get(key, []), list):
            raise BundleError(f"The bundle's {key!r} must be a list.", key)
    for key in ("site", "app_version"):
        if not isinstance(data.get(key, ""), str):
            raise BundleError(f"The bundle's {key!r} must be text.", key)
    created = data.get("created_at")
    created_at = None
    if created is not None:
        try:
            created_at = from_data(datetime, created, "created_at")
            in_range(created_at.date(), "created_at")
        except ValidationError as error:
            raise BundleError(error.message, "created_at") from None
    return created_at, data.get("app_version", ""), data.get("site", "")


def _kept(cls: type, raw: Any, where: str, problem_of, ids: tuple[str, ...]) -> Any:
    """A record kept as it came (a contact, a copy of a group session): its shape, its
    ids (``ids``: the fields holding one) and the rules it keeps by itself."""
    try:
        record = from_data(cls, raw, where, strict=True)
        for name in ids:
            validation.check_id(getattr(record, name))
    except ValidationError as error:
        raise BundleError(error.message.rstrip("."), error.field or where) from None
    problem = problem_of(record)
    if problem is not None:
        raise BundleError(problem.message.rstrip("."), f"{where}.{problem.field}")
    return record


def _contact(raw: Any, i: int) -> Contact:
    return _kept(Contact, raw, f"contacts[{i}]", contact_problem, ("id",))


def copy_key(group: GroupSession) -> str:
    """A copy of a group session is one peer's: the same id is in each attendee's."""
    return f"{group.peer_id}/{group.id}"


def _group(raw: Any, i: int) -> GroupSession:
    """A copy is always a peer's: its ``peer_id`` is an id too."""
    return _kept(GroupSession, raw, f"group_sessions[{i}]", group_problem, ("id", "peer_id"))


def _person(raw: Any, i: int) -> Person:
    where = f"people[{i}]"
    try:
        person = from_data(Person, raw, where, strict=True)
        cleaned = validation.validate_person(person)
    except ValidationError as error:
        raise BundleError(error.message.rstrip("."), error.field or where) from None
    if cleaned.name != person.name or cleaned.site != person.site:
        raise BundleError(
            "A name or site has spaces or invisible characters that would not survive a save",
            f"{where}.name",
        )
    return person


def _session(raw: Any, i: int) -> Session:
    try:
        session = from_data(Session, raw, f"sessions[{i}]", strict=True)
    except ValidationError as error:
        raise _session_error(error, i) from None
    return checked_session(session, i)


def checked_session(session: Session, i: int) -> Session:
    """A session read from ``sessions[i]``, checked as every stored one is, and not a
    draft (BundleError naming the place if not)."""
    where = f"sessions[{i}]"
    try:
        validation.validate_session(session)  # the rules every stored record meets (as check)
    except ValidationError as error:
        raise _session_error(error, i) from None
    if session.status == SessionStatus.DRAFT:
        raise BundleError(
            "A draft session cannot be imported; only finished ones", f"{where}.status"
        )
    if session.pending:
        raise BundleError("A session holds unfinished input", f"{where}.pending")
    return session


def _session_error(error: ValidationError, i: int) -> BundleError:
    where = f"sessions[{i}]"
    field = error.field or where
    if not field.startswith("sessions["):
        field = f"{where}.{field}"
    return BundleError(error.message.rstrip("."), field)


def _no_duplicates(ids: list[str], key: str) -> None:
    seen: dict[str, int] = {}
    for i, record_id in enumerate(ids):
        if record_id in seen:
            raise BundleError(
                f"The same id appears twice (also at {key}[{seen[record_id]}])", f"{key}[{i}].id"
            )
        seen[record_id] = i


# ---------------------------------------------------------------------------
# Merging
