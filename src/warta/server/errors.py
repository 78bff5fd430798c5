"""The one error shape of the HTTP API, and the handlers that give every error that shape.

Every error under ``/api/`` — a missing article (404), a bad parameter (422), a body too large
(413), a missing or wrong token (401), an unexpected failure (500) — is answered with::

    {"ok": false, "status": 404, "error": "not-found",
     "message": "no article with id 'abc'; search for one at /api/articles",
     "details": []}

``error`` is a short code a client can branch on; ``message`` is for a person; ``details`` lists
the parameters at fault (``{"where": "query.limit", "problem": "…"}``) for a 422 and is empty
otherwise. No response ever carries a traceback: an unexpected exception is logged on the server
and answered with a generic 500. Pages outside ``/api/`` get the same facts as an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("warta.server")

#: The error code for each HTTP status the API answers with.
CODES = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
         405: "method-not-allowed", 413: "too-large", 415: "unsupported-media-type",
         422: "invalid", 500: "internal"}


class ApiError(Exception):
    """An error the API answers on purpose, with its status, code and message."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 details: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.details = details or []
        self.headers = headers or {}


def error_body(status: int, code: str, message: str,
               details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": code, "message": message,
            "details": details or []}


#: Renders an error as an HTML page for requests outside /api/; set by the web UI.
HtmlRenderer = Callable[[Request, int, str, str], Response]


def install(app: FastAPI, html: HtmlRenderer | None = None) -> None:
    """Register the handlers that turn every error into the one shape."""

    def respond(request: Request, status: int, code: str, message: str,
                details: list[dict[str, str]] | None = None,
                headers: dict[str, str] | None = None) -> Response:
        if html is not None and not request.url.path.startswith("/api/"):
            response = html(request, status, code, message)
        else:
            response = JSONResponse(error_body(status, code, message, details), status_code=status)
        response.headers.update(headers or {})
        return response

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = (f"nothing at {request.url.path}; the API's routes are listed in "
                       "/openapi.json")
        elif status == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return respond(request, status, CODES.get(status, "error"), message,
                       headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = []
        for problem in exc.errors():
            where = ".".join(str(part) for part in problem.get("loc", ()))
            details.append({"where": where, "problem": str(problem.get("msg", "invalid"))})
        wheres = ", ".join(d["where"] for d in details) or "the request"
        return respond(request, 422, "invalid", f"invalid value in {wheres}; see details",
                       details)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal",
                       "the server failed to answer; the error is in its log")


__all__ = ["CODES", "ApiError", "error_body", "install"]
