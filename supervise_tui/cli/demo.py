"""`supervise demo`: a fictional team to try the app with, in a folder of its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .. import config
from .common import EXIT_OK, Ctx, UsageError

DEMO_MARK = ".demo"


def cmd_demo(ctx: Ctx, args) -> int:
    from ..store.files import atomic_write, ensure_dir
    from ..store.folder import lock_folder
    from ..store.layout import LOCK
    from ..usecases.demo import build_demo
    from ..usecases.security import DEMO_PASSPHRASE, encrypt_demo

    explicit = getattr(args, "data_dir", None)
    folder = Path(explicit).expanduser() if explicit else config.demo_dir()
    if not 1 <= args.peers <= 12:
        raise UsageError("--peers must be between 1 and 12")
    if not 1 <= args.weeks <= 520:
        raise UsageError("--weeks must be between 1 and 520")
    if ctx.db:
        return _demo_on_server(ctx, args)
    has_records = (folder / "meta.json").exists()
    is_demo = (folder / DEMO_MARK).exists()
    if (has_records or _has_files(folder)) and not is_demo:
        raise UsageError(
            f"{folder} already holds files that are not a demo; "
            "the demo only writes into an empty folder"
        )
    if has_records and not args.fresh:
        print(f"Using the existing demo in {folder} (add --fresh to rebuild it).")
        if args.encrypt:
            print("It is kept as it is: add --fresh to rebuild it encrypted.")
    else:
        ensure_dir(folder)
        # Held from before anything is removed until the demo is written: a window
        # that has the demo open keeps it (the lock says so), and nobody opens it half-made.
        repo = lock_folder(folder, clock=ctx.clock)
        try:
            for entry in os.scandir(folder):
                if entry.name == LOCK:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
            atomic_write(folder / DEMO_MARK, b"fictional demo data\n")
            repo.open_locked(check=False)
            result = build_demo(repo, peers=args.peers, weeks=args.weeks, today=ctx.today())
            lead = encrypt_demo(repo, clock=ctx.clock) if args.encrypt else None
        finally:
            repo.close()
        print(
            f"Created a fictional demo: {result.people} people, {result.sessions} sessions, "
            f"in {folder}"
        )
        if lead is not None:
            print(
                f"It is encrypted. Everyone in it signs in with the passphrase "
                f'"{DEMO_PASSPHRASE}" (the demo is fictional, so it is printed here); '
                f"{lead.name} leads it and sees every peer. Try a peer's name too."
            )
    if args.no_tui:
        return EXIT_OK
    from .tui import run_tui

    return run_tui(ctx, folder, read_only=False, peer=None)


def _demo_on_server(ctx: Ctx, args) -> int:
    """The demo on a server: only into one that holds nobody yet (never mixed with an
    agency's real records, never removed by --fresh)."""
    from ..store.errors import Refused
    from ..usecases.demo import build_demo
    from .common import open_records

    if args.encrypt or args.fresh:
        raise UsageError("--encrypt and --fresh are for a demo folder, not a server")
    with open_records(ctx) as store:
        if store.people():
            raise Refused(
                f"The server ({store.where}) already holds people; the demo only writes into "
                "an empty "
                "database. Nothing was changed."
            )
        result = build_demo(store, peers=args.peers, weeks=args.weeks, today=ctx.today())
        print(
            f"Created a fictional demo: {result.people} people, {result.sessions} sessions, "
            f"on {store.where}"
        )
    if args.no_tui:
        return EXIT_OK
    from .tui import run_tui

    return run_tui(ctx, ctx.data_dir, read_only=False, peer=None)


def _has_files(folder: Path) -> bool:
    try:
        return any(e.name not in ("lost+found", ".lock") for e in os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return False
