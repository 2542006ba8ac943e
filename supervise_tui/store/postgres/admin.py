"""Setting a server up: the schema created or upgraded, and a person given a login.

``supervise db init`` creates the schema (and the role every login belongs to) in one
transaction; ``supervise db migrate`` applies the migrations a newer app brings, and
refuses a schema written by a newer app; ``supervise db add-login`` makes a database
login for one person. Each is done by the agency's IT with a login that owns the
database (or may create roles, for add-login).
"""

from __future__ import annotations

import re

from ... import __version__
from ..errors import NewerFormat, NotFound, Refused, StoreError
from . import schema
from .connect import capital, connect, said_plainly


def known_version(cur, where: str) -> int:
    """The schema's version, when it is one this app knows (no newer): a plain sentence
    otherwise."""
    version = schema.version_of(cur)
    if version is None:
        raise NotFound(
            f"{capital(where)} holds no supervise records yet: run `supervise db init` first."
        )
    if version > schema.SCHEMA_VERSION:
        raise NewerFormat(
            f"The records on {where} were set up by a newer version of supervise-tui "
            f"(schema {version}; this version knows up to {schema.SCHEMA_VERSION}). "
            "Please update the app; nothing has been changed."
        )
    return version


def check_version(conn, where: str) -> None:
    """The schema must be this app's version: a plain sentence otherwise."""
    with conn.cursor() as cur:
        version = known_version(cur, where)
    if version < schema.SCHEMA_VERSION:
        raise StoreError(
            f"The records on {where} need this version's schema: ask the agency's IT to "
            "run `supervise db migrate` first. Nothing has been changed."
        )


def init_server(url: str) -> str:
    """Create the schema in an empty database; returns what was done, in a sentence."""
    conn, where = connect(url)
    with conn, said_plainly(where, True), conn.transaction(), conn.cursor() as cur:
        if schema.version_of(cur) is not None:
            raise Refused(
                f"{capital(where)} is set up already; `supervise db migrate` upgrades it. "
                "Nothing has been changed."
            )
        schema.apply(cur, 0, __version__)
    return f"Set up {where} for supervise-tui (schema {schema.SCHEMA_VERSION})."


def migrate_server(url: str) -> str:
    conn, where = connect(url)
    with conn, said_plainly(where, True), conn.transaction(), conn.cursor() as cur:
        version = known_version(cur, where)
        if version == schema.SCHEMA_VERSION:
            return f"{capital(where)} is up to date (schema {version}); nothing to do."
        steps = schema.apply(cur, version, __version__)
    return f"Upgraded {where} to schema {schema.SCHEMA_VERSION} ({steps} step(s))."


def login_name(name: str) -> str:
    """A database login made from a person's name: lower case letters, digits and _."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    login = "_".join(words)[:60]
    if not login or login[0].isdigit():
        login = f"p_{login}"
    return login


def add_login(url: str, person_id: str, login: str, password: str | None) -> str:
    """Make ``login`` a database login of the person's (with ``password`` when given:
    else the server's own way of proving who connects, such as peer or certificate)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", login):
        raise Refused("A login is lower case letters, digits and _ (beginning with a letter).")
    conn, where = connect(url)
    from psycopg import sql  # (imported by connect, when it is installed)

    with conn, said_plainly(where, True), conn.transaction(), conn.cursor() as cur:
        check_version(conn, where)
        cur.execute("SELECT 1 FROM people WHERE id = %s", (person_id,))
        if cur.fetchone() is None:
            raise NotFound("That person is not in the records.")
        cur.execute("SELECT person_id FROM logins WHERE login = %s", (login,))
        taken = cur.fetchone()
        if taken is not None and taken[0] != person_id:
            raise Refused(f"The login {login} is someone else's already; choose another.")
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
        role = sql.Identifier(login)
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
        if password:
            cur.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(password)))
        cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(schema.USERS_ROLE), role))
        cur.execute(
            "INSERT INTO logins (login, person_id) VALUES (%s, %s) ON CONFLICT (login) DO NOTHING",
            (login, person_id),
        )
    return f"{login} is now a login on {where}."
