"""Whether a data file loads as the records its name says it holds.

Parsing as JSON is not enough to call a copy good: a backup of a file whose records
have the wrong shape is a copy of the same damage. :func:`file_problem` loads every
record of a file the way the app would (each document to its type), and names the
first that does not load. Used before a backup is kept and before one is recommended.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..domain.contacts import Contact
from ..domain.errors import ValidationError
from ..domain.groups import GroupSession
from ..domain.models import PeerInput, Person, Session
from ..domain.serial import from_data
from ..domain.tallies import PeerTally, YearCount
from ..domain.team_tally import TeamTally
from ..domain.tracks import ActionTrack, ConcernTrack, GoalTrack, IdeaTrack
from .errors import DamagedFile
from .files import parse_json
from .layout import COPY_FILES

# table name -> record type, by the kind of file
_HEADS = {"concerns": ConcernTrack, "ideas": IdeaTrack, "goals": GoalTrack, "actions": ActionTrack}
_TABLES: dict[str, dict[str, type]] = {
    "people": {"people": Person, "summaries": PeerTally},  # (tallies: format 2)
    "tallies": {"tally": PeerTally},  # a copy of every peer.json's (format 4)
    "peer": {
        "years": YearCount,
        "tally": PeerTally,
        "team": TeamTally,
        "input": PeerInput,
        **_HEADS,
    },
    "sessions": {"sessions": Session},
    "closed": dict(_HEADS),
    "contacts": {"contacts": Contact},
    "groups": {"groups": GroupSession},
    "draft": {"draft": Session},
}


def kind_of(rel: PurePosixPath | Path | str) -> str:
    """What a data file holds, from its place in the folder."""
    rel = PurePosixPath(str(rel).replace("\\", "/"))
    name, parts = rel.name, rel.parts
    if parts == ("meta.json",):
        return "meta"
    if parts == ("people.json",):
        return "people"
    if rel.as_posix() in COPY_FILES:
        return "tallies"
    if parts == ("keys.json",):
        return "keys"  # an encrypted folder's keyring (crypto/keyring.py)
    if parts == ("conflicts.json",):
        return "conflicts"
    if len(parts) == 2 and parts[0] == "drafts":
        return "draft"  # (format 2)
    if len(parts) == 4 and parts[0] == "peers" and parts[2] == "drafts":
        return "draft"
    if len(parts) == 3 and parts[0] == "peers":
        if name == "peer.json":
            return "peer"
        if name == "conflicts.json":
            return "conflicts"
        for prefix in ("sessions", "index", "closed", "contacts", "groups"):
            if name.startswith(prefix + "-") and name[len(prefix) + 1 : -5].isdigit():
                return prefix
    return "unknown"


def file_problem(rel: PurePosixPath | Path | str, raw: bytes, codec=None) -> str | None:
    """None when the bytes load as the records ``rel`` should hold, else why not.

    A sealed file is opened with ``codec`` first (an encrypted folder's sealer); one this
    reader holds no key to cannot be looked into, and is taken as it is."""
    if raw.startswith(b"SVTE"):
        if codec is None:
            return None
        from .crypto.names import KeyringError, SealError

        try:
            raw = codec.decode(PurePosixPath(str(rel).replace("\\", "/")).as_posix(), raw)
        except SealError as error:
            return error.reason
        except KeyringError:
            return None
    try:
        data = parse_json(Path(str(rel)), raw)
    except DamagedFile as error:
        return error.reason
    if not isinstance(data, dict):
        return "it does not have the expected shape"
    kind = kind_of(rel)
    if kind == "keys":
        from .crypto import integrity

        if not all(
            isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
            for t in data.values()
        ):
            return "it does not have the expected shape"
        return integrity.problem(data)
    if kind == "meta":
        version = data.get("schema_version")
        ok = type(version) is int and version >= 1
        return None if ok else "it has no valid schema version"
    if kind == "index":
        from .rows import decode_rows

        try:
            decode_rows(raw)
        except ValidationError as error:
            return f"a session row does not have the expected shape ({error.field})"
        return None
    tables = _TABLES.get(kind, {})
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            return f"its table {name!r} does not have the expected shape"
        cls = tables.get(name)
        if kind == "conflicts":
            problem = _conflicts_problem(table)
            if problem:
                return problem
            continue
        if cls is None:
            continue  # a table this version does not know: a newer app's, kept as it is
        for doc_id, doc in table.items():
            try:
                from_data(cls, doc)
            except ValidationError as error:
                return f"record {doc_id} does not have the expected shape ({error.field})"
    return None


def _conflicts_problem(table: dict) -> str | None:
    for doc_id, doc in table.items():
        cls = {"person": Person, "session": Session}.get(doc.get("kind"))
        if cls is None:
            return f"conflict {doc_id} does not have the expected shape (kind)"
        try:
            from_data(cls, doc.get("incoming"))
        except ValidationError as error:
            return f"conflict {doc_id} does not have the expected shape ({error.field})"
    return None


def path_problem(path: Path, rel: PurePosixPath | Path | str, codec=None) -> str | None:
    """:func:`file_problem` for a file on disk (a file that cannot be read is a problem)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return f"it cannot be read: {error.strerror or error}"
    return file_problem(rel, raw, codec)
