"""The `supervise` command: opens the TUI, or runs a non-interactive subcommand.

Errors go to stderr as one clear sentence. Exit codes: 0 all well, 1 a failure, 2 a
usage error. No traceback ever reaches a user: an unexpected error is summarised, and
its stack (file and line numbers only, never record contents) goes to a crash log in
the config folder. Handlers live one module per group of commands; each gets a
:class:`~.common.Ctx` with the data folder and the clock (the real clock is read here
and nowhere else, so tests pass their own).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from .. import config
from ..domain.errors import ValidationError
from ..domain.models import now_utc
from ..store.errors import StoreError
from .common import EXIT_FAIL, EXIT_USAGE, Credentials, Ctx, UsageError

__all__ = ["main"]


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
    ctx = Ctx(config.data_dir(getattr(args, "data_dir", None)), clock, credentials)
    command = args.command
    if command == "prompts":
        from .packs import cmd_prompts

        return cmd_prompts()
    if command == "demo":
        from .demo import cmd_demo

        return cmd_demo(ctx, args)
    if command == "encrypt":
        from .security import cmd_encrypt

        return cmd_encrypt(ctx, args)
    if command in ("check", "backups", "restore"):
        from . import records

        return getattr(records, f"cmd_{command}")(ctx, args)
    if command in ("history", "trends", "team"):
        from .lookback import cmd_lookback

        return cmd_lookback(command, ctx, args)
    if command == "print":
        from .printing import cmd_print

        return cmd_print(ctx, args)
    if command == "hours":
        from .hours import cmd_hours

        return cmd_hours(ctx, args)
    if command == "calendar":
        from .calendar import cmd_calendar

        return cmd_calendar(ctx, args)
    if command in ("export", "import", "conflicts"):
        from . import transfer

        return getattr(transfer, f"cmd_{command}")(ctx, args)
    if command == "show":
        from .show import cmd_show

        return cmd_show(ctx, args)
    if command == "session":
        from .plain import cmd_session

        return cmd_session(ctx, args)
    if command == "serve":
        from .serve import cmd_serve

        return cmd_serve(ctx, args)
    from .tui import cmd_open

    return cmd_open(ctx, args)
