"""`supervise` with no subcommand: open the app (or one peer's own view)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import config
from .common import IN_BROWSER_ENV, Ctx, UsageError, open_records, say


def cmd_open(ctx: Ctx, args) -> int:
    check_peer(ctx, args.peer)
    return run_tui(ctx, ctx.data_dir, read_only=args.read_only, peer=args.peer)


def check_peer(ctx: Ctx, peer: str | None) -> None:
    """--peer names a peer of these (plain) records: a clear error before the app starts."""
    if not peer:
        return
    from ..store.backups import is_encrypted_folder

    if not ctx.db and is_encrypted_folder(ctx.data_dir):
        raise UsageError(
            "these records are encrypted: a peer signs in as themselves instead of --peer"
        )
    from ..domain.enums import Role
    from ..usecases.people import find_person

    with open_records(ctx, read_only=True) as repo:
        find_person(repo, peer, Role.PEER)


def open_for_app(ctx: Ctx, data_dir: Path, *, read_only: bool):
    """The folder as the app opens it: the file check and the hourly backup wait until
    Home is showing (see make_app). On a server, the server's records."""
    if ctx.db:
        from ..store.postgres import open_server

        return open_server(ctx.db, clock=ctx.clock, read_only=read_only)
    from ..store.folder import open_folder

    return open_folder(
        data_dir, clock=ctx.clock, read_only=read_only, check=False, backup=False, on_upgrade=say
    )


def own_view(store) -> str | None:
    """On a server, a peer connected with their own login opens their own view (the
    server shows them nothing else); anyone else opens Home."""
    me = getattr(store, "me", None)  # the person the login is given to (server backend)
    if me is None:
        return None
    from ..domain.enums import Role

    person = store.person(me)
    return person.name if person.role == Role.PEER else None


def run_tui(ctx: Ctx, data_dir: Path, *, read_only: bool, peer: str | None) -> int:
    import os

    from ..store.errors import StoreLocked
    from ..ui.app import make_app

    in_use = False
    try:
        repo = open_for_app(ctx, data_dir, read_only=read_only)
    except StoreLocked:
        if not os.environ.get(IN_BROWSER_ENV):
            raise
        # A browser tab cannot print a sentence and stop: it is offered the records
        # read-only, in the app (supervise serve).
        repo, in_use = open_for_app(ctx, data_dir, read_only=True), True
    try:
        if repo.locked and ctx.credentials.name and ctx.credentials.given():
            from ..usecases.security import sign_in

            sign_in(repo, ctx.credentials.name, ctx.credentials.passphrase())  # no prompt then
        if ctx.db and peer is None:
            peer = own_view(repo)
        app = make_app(repo, clock=ctx.clock, peer_name=peer)
        app.in_use_elsewhere = in_use
        app.offer_plain = not ctx.db  # a server keeps each person's records apart itself
        result = app.run()
        code = app.return_code or 0
    finally:
        repo.close()
    if result == "open-demo":
        from .demo import cmd_demo

        folder = config.demo_dir()
        print(f"Opening the fictional demo in {folder} …")
        demo = argparse.Namespace(
            data_dir=str(folder), peers=6, weeks=26, no_tui=False, fresh=False, encrypt=False
        )
        return cmd_demo(ctx, demo)
    return code
