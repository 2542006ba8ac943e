"""The keyring's checksum: a damaged ``keys.json`` is named as damaged, never read as a
wrong passphrase.

``keys.json`` is plain JSON (it holds no record text), so unlike the sealed files it has
no AES-GCM tag to fail. A fifth table, ``check``, holds a BLAKE2b-256 checksum of the
other tables in canonical form (sorted keys, compact); it is worked out afresh each time
the file is written (:func:`stamped`, from the storage and from encrypting a folder) and
compared each time the file is read (:func:`problem`), before anyone signs in.

This is a check against **accidental damage** (a bad sector, an editor, a sync tool), not
authentication against an attacker: anyone who can edit the file can work out a new
checksum. That is all right: the records' secrecy and integrity never rest on it (the
slots are AES-GCM boxes under the passphrases, the data keys HPKE-wrapped, every data file
AES-GCM sealed), so someone who rewrites ``keys.json`` can at most lock people out.

Light on purpose (hashlib and orjson only): the storage imports it for every folder.
"""

from __future__ import annotations

import hashlib

import orjson

KEYS = "keys.json"
TABLES = ("folder", "slots", "logins", "wraps")  # what the checksum covers
CHECK = "check"  # the fifth table: {"sum": {"blake2b": <hex>}}
_DOC, _FIELD = "sum", "blake2b"


def checksum(data: dict) -> str:
    """BLAKE2b-256 of every table but the checksum's own, in canonical form."""
    body = {name: table for name, table in data.items() if name != CHECK}
    canonical = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(canonical, digest_size=32, person=b"supervise-keys").hexdigest()


def stamped(data: dict) -> dict:
    """``data`` with its checksum as it stands now (any old one replaced)."""
    body = {name: table for name, table in data.items() if name != CHECK}
    return {**body, CHECK: {_DOC: {_FIELD: checksum(body)}}}


def problem(data: dict) -> str | None:
    """None when the keyring's tables are as the app wrote them, else why not (in the
    words of :class:`~..errors.DamagedFile`). A keyring written before checksums were
    kept (exactly the four tables, no ``check``) is taken as it is; its next write
    stamps it."""
    check = data.get(CHECK)
    if check is None:
        if set(data) == set(TABLES):
            return None
        return "its tables are not the keyring's"
    doc = check.get(_DOC) if isinstance(check, dict) else None
    if not isinstance(doc, dict) or set(check) != {_DOC} or set(doc) != {_FIELD}:
        return "its checksum does not have the expected shape"
    if doc[_FIELD] != checksum(data):
        return "it does not match its checksum: it was changed outside the app"
    return None
