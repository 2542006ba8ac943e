"""`supervise db init | migrate | add-login`: setting up an agency's PostgreSQL server.

Done by the agency's IT, with a login that owns the database (see docs/agency.md). A
password is read from a file, the environment or the terminal, and never printed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..store.errors import Refused
from .common import EXIT_OK, Ctx, UsageError, say

LOGIN_PASSWORD_ENV = "SUPERVISE_LOGIN_PASSWORD"

_FOLDER_ONLY = {
    "encrypt": "On a server, each person has their own login and sees only what is "
    "theirs: there is nothing to encrypt (see `supervise db add-login`).",
    "check": "`supervise check` looks over a data folder's files; a server keeps its "
    "records whole itself (one transaction per save).",
    "backups": "A server's backups are the server's own: see pg_dump in docs/agency.md.",
    "restore": "A server is restored from its own backups: see pg_restore in docs/agency.md.",
    "serve": "`supervise serve` shows the records of a data folder; on a server, each "
    "person opens the app with their own login.",
}


def folder_only(command: str) -> int:
    """A command about a folder's files, asked of a server: one sentence, changing nothing."""
    raise Refused(_FOLDER_ONLY[command])


def cmd_db(ctx: Ctx, args) -> int:
    if not ctx.db:
        raise UsageError("say which server with --db postgresql://… (or $SUPERVISE_DB)")
    from ..store.postgres import admin

    if args.step == "init":
        print(admin.init_server(ctx.db))
    elif args.step == "migrate":
        print(admin.migrate_server(ctx.db))
    else:
        person = _person(ctx, args.name)
        login = args.login or admin.login_name(person.name)
        password = _password(args.password_file)
        print(admin.add_login(ctx.db, person.id, login, password))
        if not password:
            say(
                "It has no password: the server must prove who connects in its own way "
                "(peer or certificate authentication in pg_hba.conf)."
            )
    return EXIT_OK


def _person(ctx: Ctx, name: str):
    from ..store.postgres import open_server
    from ..usecases.people import find_people

    with open_server(ctx.db, clock=ctx.clock, read_only=True) as store:
        found = find_people(store, name, role=None)
    if not found:
        raise Refused(f"Nobody called {name} is in the records; add them in the app first.")
    if len(found) > 1:
        raise Refused(f"More than one person is called {name}; rename one in the app first.")
    return found[0]


def _password(path: str | None) -> str | None:
    if path:
        from ..store.files import read_limited

        try:
            raw = read_limited(Path(path).expanduser(), 4096, "password file")
        except ValueError as error:
            raise UsageError(str(error).rstrip(".")) from None
        lines = raw.decode("utf-8", errors="replace").splitlines()
        return lines[0] if lines and lines[0] else None
    if os.environ.get(LOGIN_PASSWORD_ENV):
        return os.environ[LOGIN_PASSWORD_ENV]
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass("The login's password (empty: none): ")
        if first and getpass.getpass("Again: ") != first:
            raise UsageError("the two passwords were not the same")
        return first or None
    return None
