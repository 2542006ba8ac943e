"""Who may reach the served app: the one browser that opened the printed link.

`supervise serve` prints a link with a one-time token. The first request that brings it
(``GET /?token=…``) is answered with a cookie for that browser (HttpOnly, SameSite=Strict) and sent
on to ``/``; from then on the token is spent, so a link left in a browser's history or on a
screen opens nothing. Every request — the page, its files, the app's websocket — needs that
cookie; anything else gets 403 and a short page. Comparisons are constant-time. Every
answer carries a Content-Security-Policy that lets the page load and connect only to this
server.
"""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web

COOKIE = "supervise_browser"

# Nothing from elsewhere: scripts, styles, fonts, images and the websocket all come from
# this server ('self' covers ws:// to the same host), and no other site may frame the page.
# No inline script or style either: textual-serve's bundle tries to add two small <style>
# elements (the browser's console says they were blocked); page.css holds their rules.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; "
    "img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)

HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

REFUSED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>supervise: not allowed</title></head>
<body><h1>Not allowed</h1>
<p>This link has already been used, or it is not the one <code>supervise serve</code>
printed. Each link opens one browser once. Start <code>supervise serve</code> again for a
new one.</p></body></html>
"""


def same(given: str | None, expected: str | None) -> bool:
    """Whether a secret matches, in constant time (any text, never an error)."""
    if given is None or expected is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def refused() -> web.Response:
    return web.Response(status=403, text=REFUSED_PAGE, content_type="text/html", headers=HEADERS)


class Gate:
    """The token printed once, and the cookie it is exchanged for (one browser)."""

    def __init__(self, token: str | None = None) -> None:
        self.token: str | None = token or secrets.token_urlsafe(32)
        self.cookie: str | None = None  # the cookie's value, once the link is used

    def link(self, base: str) -> str:
        """The link to print (before anyone has used it)."""
        return f"{base}/?token={self.token}"

    def exchange(self, token: str | None) -> str | None:
        """Spend the token for the browser's cookie (its value), or None."""
        if not same(token, self.token):
            return None
        self.token = None  # one time only
        self.cookie = secrets.token_urlsafe(32)
        return self.cookie

    def admits(self, request: web.Request) -> bool:
        """A request from the browser that holds the cookie (and, for the websocket,
        from a page of this server)."""
        if not same(request.cookies.get(COOKIE), self.cookie):
            return False
        origin = request.headers.get("Origin")
        return origin is None or origin == f"{request.scheme}://{request.host}"

    @web.middleware
    async def middleware(self, request: web.Request, handler) -> web.StreamResponse:
        if self.admits(request):
            response = await handler(request)
            if not response.prepared:  # (a websocket is already answered)
                response.headers.update(HEADERS)
            return response
        if request.method == "GET" and request.path == "/" and "token" in request.query:
            cookie = self.exchange(request.query.get("token"))
            if cookie is not None:
                response = web.Response(status=303, headers={**HEADERS, "Location": "/"})
                response.set_cookie(COOKIE, cookie, httponly=True, samesite="Strict", path="/")
                return response
        return refused()
