"""Who may talk to the server: the token (when not on loopback), the Host and the Origin.

- Token: on every request when the server has one (``--host`` off loopback, or ``--token``):
  ``Authorization: Bearer T``, the header ``X-Plmscope-Token``, or ``?token=T`` once in the
  browser, which sets an HttpOnly cookie and redirects to the address without it.
- Host: on loopback only names of this machine are answered (a web page elsewhere cannot
  reach the server through a DNS name that points at 127.0.0.1).
- Origin: a request that changes something (POST, PUT, PATCH, DELETE) from another site's
  page is refused.
"""

from __future__ import annotations

import hmac
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from plmscope.web.config import is_loopback

COOKIE = "plmscope_token"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
NEEDS_TOKEN = (
    "this server needs its token: open the address 'plmscope serve' printed (ending in ?token=...), "
    "or send the header 'Authorization: Bearer TOKEN'"
)


def _host_name(value: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """ASGI middleware applying the token, Host and Origin rules before any route runs."""

    def __init__(self, app, token: str | None, loopback: bool):
        self.app = app
        self.token = token
        self.loopback = loopback

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.loopback and not is_loopback(_host_name(host)):
            return await _refuse(send, scope, 421, "this server answers only to localhost / 127.0.0.1")
        origin = headers.get("origin")
        if scope["method"] in UNSAFE and origin and origin != "null" and urlsplit(origin).netloc.lower() != host.lower():
            return await _refuse(send, scope, 403, "a request from another site's page was refused")
        if self.token is None:
            return await self.app(scope, receive, send)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and scope["method"] == "GET" and self._matches(query["token"]):
            rest = urlencode({k: v for k, v in query.items() if k != "token"})
            return await _redirect_with_cookie(send, scope["path"] + (f"?{rest}" if rest else ""), self.token)
        given = [
            headers.get("authorization", "").removeprefix("Bearer ").strip(),
            headers.get("x-plmscope-token", ""),
            query.get("token", ""),
            _cookie(headers.get("cookie", "")),
        ]
        if any(self._matches(value) for value in given if value):
            return await self.app(scope, receive, send)
        return await _refuse(send, scope, 401, NEEDS_TOKEN)

    def _matches(self, value: str) -> bool:
        return hmac.compare_digest(value.encode(), self.token.encode())


def _cookie(header: str) -> str:
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed cookie header is simply no token
        return ""
    return jar[COOKIE].value if COOKIE in jar else ""


def _wants_html(scope) -> bool:
    accept = dict(scope.get("headers", [])).get(b"accept", b"").decode("latin-1")
    return not scope["path"].startswith("/api/") and "text/html" in accept


async def _refuse(send, scope, status: int, message: str) -> None:
    if _wants_html(scope):
        body = (
            "<!DOCTYPE html><html lang=en><meta charset=utf-8><meta name=viewport content='width=device-width'>"
            f"<title>plmscope</title><body style='font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem'>"
            f"<h1>plmscope</h1><p>{_escape(message)}.</p></body></html>"
        ).encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": message}).encode()
        kind = b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(send, location: str, token: str) -> None:
    cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode()),
                            (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
