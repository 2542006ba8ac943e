"""Listening, announcing the link, and stopping cleanly on Ctrl+C or SIGTERM."""

from __future__ import annotations

import asyncio
import errno
import signal
from collections.abc import Callable

from aiohttp import web

from .gate import Gate
from .server import SuperviseServer


class CannotListen(Exception):
    """The server could not listen where it was asked to (one sentence)."""


async def start(command: str, host: str, port: int, gate: Gate) -> tuple[web.AppRunner, str]:
    """Listen on host:port (0: any free port); the runner and the base address."""
    server = SuperviseServer(command, gate)
    runner = web.AppRunner(await server.make_app(), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        if error.errno == errno.EADDRINUSE:
            raise CannotListen(
                f"port {port} is already in use on {host}; choose another with --port."
            ) from None
        raise CannotListen(f"cannot listen on {host} port {port} ({error.strerror}).") from None
    bound = runner.addresses[0]
    return runner, f"http://{shown_host(host)}:{bound[1]}"


def shown_host(host: str) -> str:
    """The host as a link names it: listening on every address, this computer's own."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


async def serve(command: str, host: str, port: int, *, announce: Callable[[str], None]) -> None:
    """Serve until Ctrl+C or SIGTERM; each open tab's app is asked to quit (it saves)."""
    gate = Gate()
    runner, base = await start(command, host, port, gate)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        announce(gate.link(base))
        await stop.wait()
    finally:
        await runner.cleanup()
