"""The web server behind `supervise serve`: textual-serve's websocket, our own page.

textual-serve starts one app process per browser tab and carries its screen over a
websocket. Its own page loads a font from the internet; this one is ours
(``page/index.html``, with its style, script and font in ``page/static``), and its terminal
code (xterm.js, bundled by textual-serve) comes from the installed package. Nothing is
loaded from elsewhere, and the gate stands before every route.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int

from .gate import Gate

PAGE = Path(__file__).resolve().parent / "page"
VENDOR = Path(textual_serve.__file__).resolve().parent / "static"


class TabApp(AppService):
    """One tab's app process; when it ends (quit, or it could not start), the tab is told
    at once, so the page says the app closed instead of waiting."""

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            await self.remote_close()
            await self._reap()

    async def _reap(self) -> None:
        """Wait for the process to end (its pipes closed), so nothing of it lingers."""
        process = self._process
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


class SuperviseServer(Server):
    """Serves `command` (the app, one process per tab) behind `gate`."""

    def __init__(self, command: str, gate: Gate, *, title: str = "supervise") -> None:
        super().__init__(command, title=title)
        self.gate = gate
        self.tabs: set[web.WebSocketResponse] = set()  # open now

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.gate.middleware])
        app.on_shutdown.append(self.close_tabs)
        aiohttp_jinja2.setup(
            app, loader=jinja2.FileSystemLoader(PAGE), autoescape=jinja2.select_autoescape()
        )
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/favicon.ico", self.handle_no_icon),
                web.static("/static", PAGE / "static", name="static"),
                web.static("/vendor", VENDOR, name="vendor"),
            ]
        )
        return app

    async def make_app(self) -> web.Application:
        return await self._make_app()

    async def close_tabs(self, app: web.Application) -> None:
        """Stopping: each open tab is closed, so its app is asked to quit (it saves) at
        once instead of when the connection times out."""
        for websocket in list(self.tabs):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def handle_no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)  # no icon, and no error in the browser's console

    async def handle_index(self, request: web.Request) -> web.Response:
        scheme = "wss" if request.scheme == "https" else "ws"
        context = {
            "title": self.title,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "websocket_url": f"{scheme}://{request.host}/ws",
        }
        return aiohttp_jinja2.render_template("index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's own, with the tab's process told to end when the tab goes."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        self.tabs.add(websocket)
        tab = TabApp(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        try:
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's trouble never stops the server
            log.error("A browser tab's app failed: %s", type(error).__name__)
        finally:
            self.tabs.discard(websocket)
            await tab.stop()
        return websocket
