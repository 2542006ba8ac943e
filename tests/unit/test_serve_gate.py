"""`supervise serve`'s gate: the one-time link, the browser's cookie, the websocket, and a
page that loads nothing from elsewhere. Driven through aiohttp's test client against the
real server (its routes, page and static files)."""

from __future__ import annotations

import re
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from supervise_tui.cli.serve.gate import COOKIE, Gate, same
from supervise_tui.cli.serve.server import SuperviseServer

# A command for the websocket to start that is not a Textual app: it says so and ends.
NOT_AN_APP = f"{sys.executable} -c pass"


@pytest.fixture
async def served():
    """A client (no cookie yet) on a fresh server, and its gate."""
    gate = Gate()
    app = await SuperviseServer(NOT_AN_APP, gate).make_app()
    async with TestClient(TestServer(app)) as client:
        yield client, gate


async def open_browser(client: TestClient, gate: Gate) -> None:
    response = await client.get(f"/?token={gate.token}", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/"


async def test_the_link_gives_the_browser_a_strict_httponly_cookie(served):
    client, gate = served
    token = gate.token
    response = await client.get(f"/?token={token}", allow_redirects=False)
    assert response.status == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert token not in cookie  # the cookie is a new secret, not the token
    page = await client.get("/")
    assert page.status == 200
    assert 'id="terminal"' in await page.text()


async def test_the_link_works_once(served):
    client, gate = served
    token = gate.token
    await open_browser(client, gate)
    client.session.cookie_jar.clear()  # another browser, or the link from the history
    again = await client.get(f"/?token={token}", allow_redirects=False)
    assert again.status == 403
    assert "already been used" in await again.text()
    assert "Set-Cookie" not in again.headers


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?token=%C3%A9t%C3%A9"])
async def test_without_the_right_token_every_request_is_refused(served, query):
    client, gate = served
    for path in (f"/{query}", "/static/page.css", "/vendor/js/textual.js", "/ws", "/nothing"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 403, path
        assert response.content_type == "text/html"
        assert "Not allowed" in await response.text()
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert gate.cookie is None and gate.token is not None  # a wrong guess spends nothing


async def test_a_wrong_cookie_is_refused(served):
    client, gate = served
    await open_browser(client, gate)
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({COOKIE: "x" + gate.cookie})
    assert (await client.get("/")).status == 403
    assert (await client.get("/static/page.js")).status == 403


async def test_with_the_cookie_the_page_and_its_files_are_served_with_a_strict_policy(served):
    client, gate = served
    await open_browser(client, gate)
    page = await client.get("/")
    html = await page.text()
    policy = page.headers["Content-Security-Policy"]
    for rule in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "font-src 'self'"):
        assert rule in policy
    assert page.headers["Cache-Control"] == "no-store"
    # Everything the page loads comes from this server: no address with a host in it,
    # no inline script or style.
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert "<style" not in html and re.search(r"<script>", html) is None
    assert f"ws://{page.url.host}:{page.url.port}/ws" in html
    for path, kind in (
        ("/static/page.css", "text/css"),
        ("/static/page.js", "javascript"),
        ("/static/fonts/RobotoMono-VariableFont_wght.ttf", "font"),
        ("/vendor/js/textual.js", "javascript"),
        ("/vendor/css/xterm.css", "text/css"),
    ):
        response = await client.get(path)
        assert response.status == 200, path
        assert kind in response.content_type or kind == "font", (path, response.content_type)
        assert "googleapis" not in (await response.read()).decode("utf-8", "replace")


async def test_the_websocket_needs_the_cookie_and_a_page_of_this_server(served):
    client, gate = served
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws")
    assert refused.value.status == 403
    await open_browser(client, gate)
    with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
        await client.ws_connect("/ws", headers={"Origin": "http://elsewhere.example"})
    assert foreign.value.status == 403
    origin = f"http://{client.host}:{client.port}"
    socket = await client.ws_connect("/ws", headers={"Origin": origin})
    # Through the gate: the server started the command, which is not an app and ends.
    message = await socket.receive(timeout=30)
    assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    await socket.close()


def test_secrets_are_compared_safely():
    assert same("abc", "abc")
    assert not same("abc", "abd") and not same("", "abc")
    assert not same(None, "abc") and not same("abc", None) and not same(None, None)
    assert not same("été", "abc")  # text that is not ASCII is just wrong, never an error


def test_each_gate_has_its_own_long_token():
    one, two = Gate(), Gate()
    assert one.token != two.token and len(one.token) >= 40
    assert one.link("http://127.0.0.1:8000") == f"http://127.0.0.1:8000/?token={one.token}"
