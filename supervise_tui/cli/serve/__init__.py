"""`supervise serve`: the same app in a browser on this computer.

The folder is checked before anything listens; then the server (server.py) answers only
the browser that opens the printed one-time link (gate.py). Each tab runs its own
`supervise` process on the same folder with the same options; the second tab on a folder
already in use is offered the records read-only (see cli/tui.py). Signing in happens in
the app, as in a terminal: no passphrase is ever put in a link.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys

from ..common import EXIT_FAIL, IN_BROWSER_ENV, PASSPHRASE_ENV, Ctx, UsageError, say
from ..tui import check_peer, open_for_app


def cmd_serve(ctx: Ctx, args) -> int:
    if getattr(args, "as_name", None) or getattr(args, "passphrase_file", None):
        raise UsageError(
            "serve signs people in in the browser: leave out --as and --passphrase-file"
        )
    read_only = bool(getattr(args, "read_only", False))
    peer = getattr(args, "peer", None)
    _check_folder(ctx, read_only)
    check_peer(ctx, peer)
    command = app_command(ctx, read_only=read_only, peer=peer)
    # The app processes sign people in themselves, in the browser: never with a
    # passphrase from this terminal's environment.
    os.environ.pop(PASSPHRASE_ENV, None)
    os.environ[IN_BROWSER_ENV] = "1"
    import asyncio

    from .running import CannotListen, serve

    try:
        asyncio.run(serve(command, args.host, args.port, announce=_announcer(args.host)))
    except CannotListen as error:
        say(f"supervise: {error}")
        return EXIT_FAIL
    return 0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def app_command(ctx: Ctx, *, read_only: bool, peer: str | None) -> str:
    """The command each tab runs: this Python, this folder, these options."""
    argv = [sys.executable, "-m", "supervise_tui", "--data-dir", str(ctx.data_dir.resolve())]
    if read_only:
        argv.append("--read-only")
    if peer:
        argv += ["--peer", peer]
    return shlex.join(argv)


def _check_folder(ctx: Ctx, read_only: bool) -> None:
    """Open the folder once before listening: one that cannot be opened is said now, in
    the terminal, not in a browser tab. One in use by another window is fine (each tab
    is then offered it read-only)."""
    from ...store.errors import StoreLocked

    try:
        store = open_for_app(ctx, ctx.data_dir, read_only=read_only)
    except StoreLocked:
        say(f"Another window is using {ctx.data_dir}: browser tabs will be offered it read-only.")
        return
    store.close()


def _announcer(host: str):
    """What is said once the server listens: the link (and a warning off this computer)."""

    def announce(link: str) -> None:
        if not is_loopback(host):
            say(
                f"Warning: listening on {host}, so other computers on the network can reach "
                "this page; only the link's token keeps them out, and the connection is not "
                "encrypted (plain HTTP). From another computer, use this computer's address "
                "in the link."
            )
        print("Open this link in a browser (it works once, for one browser):")
        print(f"  {link}")
        print("Ctrl+C stops the server; everything typed is saved.", flush=True)

    return announce
