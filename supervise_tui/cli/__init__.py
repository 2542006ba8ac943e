"""The `supervise` command: opens the TUI, or runs a non-interactive subcommand.

Errors go to stderr as one clear sentence. Exit codes: 0 all well, 1 a failure, 2 a
usage error. No traceback ever reaches a user: an unexpected error is summarised, and
its stack (file and line numbers only, never record contents) goes to a crash log in
the config folder. Handlers live one module per group of commands; each gets a
:class:`~.common.Ctx` with the data folder and the clock (the real clock is read here
and nowhere else, so tests pass their own).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from .. import config
from ..domain.errors import ValidationError
from ..domain.stamps import now_utc
from ..store.errors import StoreError
from .common import DB_ENV, EXIT_FAIL, EXIT_USAGE, Credentials, Ctx, UsageError

__all__ = ["main"]


# command -> (module in this package, its handler of (ctx, args))
HANDLERS = {
    "demo": ("demo", "cmd_demo"),
    "encrypt": ("security", "cmd_encrypt"),
    "check": ("records", "cmd_check"),
    "backups": ("records", "cmd_backups"),
    "restore": ("records", "cmd_restore"),
    "print": ("printing", "cmd_print"),
    "hours": ("hours", "cmd_hours"),
    "calendar": ("calendar", "cmd_calendar"),
    "contact": ("contacts", "cmd_contact"),
    "contacts": ("contacts", "cmd_contacts"),
    "group": ("groups", "cmd_group"),
    "groups": ("groups", "cmd_groups"),
    "rotation": ("groups", "cmd_rotation"),
    "portfolio": ("portfolio", "cmd_portfolio"),
    "mine": ("mine", "cmd_mine"),
    "ideas": ("ideas", "cmd_ideas"),
    "export": ("transfer", "cmd_export"),
    "import": ("transfer", "cmd_import"),
    "conflicts": ("transfer", "cmd_conflicts"),
    "show": ("show", "cmd_show"),
    "session": ("plain", "cmd_session"),
    "serve": ("serve", "cmd_serve"),
    "db": ("database", "cmd_db"),
    "sync": ("sync", "cmd_sync"),
}
# commands about a data folder's files, which a server keeps in its own way
FOLDER_ONLY = ("encrypt", "check", "backups", "restore", "serve")


def main(argv: Sequence[str] | None = None, *, clock: Callable[[], datetime] = now_utc) -> int:
    try:
        return _main(list(sys.argv[1:] if argv is None else argv), clock)
    except UsageError as error:
        print(f"supervise: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, ValidationError) as error:
        print(f"supervise: {error}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("supervise: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`supervise history | head`): fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error
        return 0
    except SystemExit:
        raise
    except BaseException as error:  # never a traceback at a user
        from .. import crashlog

        log = crashlog.write(error)
        print(
            f"supervise: something unexpected went wrong ({type(error).__name__}). "
            f"Saved records are intact. Details for a developer: {log}",
            file=sys.stderr,
        )
        return EXIT_FAIL


def _main(argv: list[str], clock: Callable[[], datetime]) -> int:
    from .parser import build_parser

    args = build_parser().parse_args(argv)
    credentials = Credentials(
        getattr(args, "as_name", None), getattr(args, "passphrase_file", None)
    )
    db = getattr(args, "db", None) or os.environ.get(DB_ENV) or None
    if db and getattr(args, "data_dir", None) and args.command != "sync":
        raise UsageError("give either --data-dir (a folder) or --db (a server), not both")
    ctx = Ctx(config.data_dir(getattr(args, "data_dir", None)), clock, credentials, db)
    command = args.command
    if db and command in FOLDER_ONLY:
        from .database import folder_only

        return folder_only(command)
    if command == "prompts":
        from .packs import cmd_prompts

        return cmd_prompts()
    if command in ("history", "trends", "team"):
        from .lookback import cmd_lookback

        return cmd_lookback(command, ctx, args)
    if command in HANDLERS:  # imported only when used: the app's start stays quick
        module, name = HANDLERS[command]
        handler = getattr(importlib.import_module(f".{module}", __name__), name)
        return handler(ctx, args)
    from .tui import cmd_open

    return cmd_open(ctx, args)
