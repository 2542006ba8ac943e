"""Reaching the server: the address checked, psycopg imported, errors said in a sentence.

psycopg is the optional extra ``supervise-tui[agency]``; it is imported here, when a
server is first asked for, so the folder app never needs it. No message names a
password: a server is named by its host and database only (:func:`describe`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import ChangedElsewhere, NoAccess, NotFound, SaveFailed, StoreError

EXTRA = 'pip install "supervise-tui[agency]"'


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "Working on a server needs the agency extra, which is not installed: "
            f"run `{EXTRA}` first."
        ) from None
    return psycopg


def is_server_address(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


def parse(url: str) -> dict[str, Any]:
    """The parts of a server's address; a plain sentence when it is not one."""
    if not is_server_address(url):
        raise StoreError(
            "The database address must begin with postgresql:// "
            "(for example postgresql://name@host/agency)."
        )
    psycopg = _psycopg()
    try:
        return psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise StoreError(
            "The database address could not be read: check it against "
            "postgresql://name@host:port/database."
        ) from None


def describe(parts: dict[str, Any]) -> str:
    """A server as named in messages: the database and the host, never a password."""
    host = str(parts.get("host") or "localhost")
    if host.startswith("/"):
        host = "a local socket"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"the database {parts.get('dbname') or parts.get('user') or '(default)'} on {host}{port}"


def capital(where: str) -> str:
    """A server's name at the start of a sentence."""
    return where[:1].upper() + where[1:]


def connect(url: str, *, read_only: bool = False):
    """A connection (autocommit: each write method opens its own transaction) with the
    schema on its search path; a plain sentence when the server cannot be reached."""
    parts = parse(url)
    psycopg = _psycopg()
    where = describe(parts)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        raise StoreError(_unreachable(where, str(error))) from None
    try:
        import orjson
        from psycopg.types.json import set_json_loads

        set_json_loads(orjson.loads, conn)
        with conn.cursor() as cur:
            cur.execute("SET search_path = supervise")
            if read_only:
                cur.execute("SET default_transaction_read_only = on")
    except BaseException:
        conn.close()
        raise
    return conn, where


def _unreachable(where: str, detail: str) -> str:
    """Why a connection failed, in a sentence (libpq's own words name no password,
    but may be long: only what they mean is said)."""
    low = detail.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        why = "the server did not accept this login's password"
    elif 'role "' in low and "does not exist" in low:
        why = "the server has no such login"
    elif "database" in low and "does not exist" in low:
        why = "there is no such database on the server"
    elif "timeout" in low or "timed out" in low:
        why = "the server did not answer in time"
    else:
        why = "the server is not running there, or cannot be reached"
    return f"Could not connect to {where}: {why}. Nothing was changed."


@contextmanager
def said_plainly(where: str, writing: bool) -> Iterator[None]:
    """The server's errors as the store's, in one sentence each."""
    from psycopg import errors as pg

    psycopg = _psycopg()
    try:
        yield
    except pg.InsufficientPrivilege:  # (a row-level policy refusing a row, too)
        raise NoAccess(
            f"Your login on {where} may not "
            + ("change these records" if writing else "read these records")
            + "; nothing was changed. Ask the agency's IT to give you the rights."
        ) from None
    except (pg.SerializationFailure, pg.DeadlockDetected, pg.UniqueViolation):
        raise ChangedElsewhere(
            "These records were changed elsewhere at the same moment; nothing was saved. "
            "Open them again to see the other change."
        ) from None
    except pg.UndefinedTable:
        raise NotFound(
            f"{capital(where)} holds no supervise records yet: run `supervise db init` first."
        ) from None
    except psycopg.OperationalError:
        raise SaveFailed(
            f"The connection to {where} was lost; "
            + ("nothing was saved." if writing else "try again in a moment.")
        ) from None
