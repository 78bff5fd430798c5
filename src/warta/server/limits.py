"""Limits on what a request may hold, and the headers every response carries.

A body over :data:`MAX_BODY_BYTES` is refused with 413 before the application reads it: at once
when ``Content-Length`` says so, and as soon as the count passes the limit for a chunked body
(which sends no length), so a client cannot make the server buffer an unbounded upload.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta.server.errors import error_body

#: The largest request body accepted: one article's JSON. The longest IndoSum article is about
#: 40 kB of text; 2 MB leaves room for long-form pages and their markup.
MAX_BODY_BYTES = 2_000_000
#: The longest search query accepted, in characters: a long boolean query is a few hundred.
MAX_QUERY_CHARS = 500
#: The longest value of any other filter (an outlet, an entity key, a speaker).
MAX_FILTER_CHARS = 200
#: Results per page: the API's page size cap keeps every answer small and fast.
MAX_PAGE_SIZE = 100
#: How deep paging goes; deeper reading is what ``warta export`` is for.
MAX_OFFSET = 900

# Scripts, styles and images come from this server only; no page may be framed elsewhere.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _TooLarge(HTTPException):
    """Raised from ``receive`` mid-body; an HTTPException, so the app's handlers answer it
    (FastAPI turns any other exception met while reading a body into a 400)."""


class LimitsMiddleware:
    """Refuse oversized bodies with 413 in the one error shape; add the security headers."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = self.max_body + 1
            if declared > self.max_body:
                await self._refuse(send)
                return
        # A NUL in a value ends the string for SQLite's LIKE and for many tools downstream;
        # no search needs one, so it is refused rather than passed on.
        if b"%00" in scope.get("query_string", b"").lower() or "\0" in scope.get("path", ""):
            await self._refuse(send, 422, "invalid", "a NUL character is not allowed in a "
                               "request's address; remove it")
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge(413, f"the request body is over {self.max_body} bytes; "
                                    "send one article at a time")
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send, status: int = 413, code: str = "too-large",
                      message: str | None = None) -> None:
        message = message or (f"the request body is over {self.max_body} bytes; send one "
                              "article at a time")
        body = json.dumps(error_body(status, code, message)).encode()
        headers: list[Any] = [(b"content-type", b"application/json"),
                              (b"content-length", str(len(body)).encode()),
                              (b"connection", b"close"), *SECURITY_HEADERS]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


__all__ = ["MAX_BODY_BYTES", "MAX_FILTER_CHARS", "MAX_OFFSET", "MAX_PAGE_SIZE",
           "MAX_QUERY_CHARS", "LimitsMiddleware"]
