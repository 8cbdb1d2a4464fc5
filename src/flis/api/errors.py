"""One error shape for every API answer that is not a success.

Every error is ``{"error": {"code": ..., "message": ..., "hint": ...}}`` with an HTTP status that follows
from the code. The codes are the same stable :class:`~flis.errors.FlisError` codes the CLI shows, so a
support request quoting a code means the same thing whichever door the user came through. Nothing of a
Python traceback ever reaches a client.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from flis.errors import FlisError

log = logging.getLogger("flis.api")


class Unauthenticated(FlisError):
    """The request carries no valid session or token."""

    code = "api.unauthenticated"


class Forbidden(FlisError):
    """The user is known but their role, municipality or subscription does not allow this."""

    code = "api.forbidden"


class NotFound(FlisError):
    """No such resource (path, figure, period or delivery)."""

    code = "api.not_found"


class BadRequest(FlisError):
    """A parameter is missing or has a value the API cannot use."""

    code = "api.bad_request"


class MethodNotAllowed(FlisError):
    """The path exists but not with this HTTP method."""

    code = "api.method_not_allowed"


class WarehouseBusy(FlisError):
    """The warehouse is being written (ingest or compute) and cannot be read right now."""

    code = "api.warehouse_busy"


class CsrfFailed(FlisError):
    """A form or cookie-authenticated request without the matching CSRF token."""

    code = "api.csrf"


class Internal(FlisError):
    """An unexpected failure; the server log has the details."""

    code = "api.internal"


STATUS: dict[str, int] = {
    "api.unauthenticated": 401,
    "api.forbidden": 403,
    "api.csrf": 403,
    "api.not_found": 404,
    "api.method_not_allowed": 405,
    "api.bad_request": 400,
    "api.warehouse_busy": 503,
    "api.internal": 500,
    "access.invalid_credentials": 401,
    "access.locked": 429,
    "access.throttled": 429,
    "access.disabled": 403,
    "access.purpose_required": 400,
    "catalogue.unknown_figure": 404,
    "reference.unknown_municipality": 404,
    "period.invalid": 400,
    "config.invalid": 400,
    "compute.no_release": 503,
    "compare.no_snapshot": 503,
    "compare.unknown_series": 404,
    "compare.no_values": 404,
    "compare.invalid_comparables": 400,
    "ingest.unknown_delivery": 404,
    "corrections.unknown": 404,
    "corrections.withdrawn": 409,
    "quality.unknown_finding": 404,
    "quality.reason_required": 400,
    "quality.finding_closed": 409,
    "quality.invalid_filter": 400,
}
"""HTTP status per error code; a code not listed is a client error (400)."""


def status_for(error: FlisError) -> int:
    return STATUS.get(error.code, 400)


def error_response(error: FlisError, status: int | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if error.code == "api.unauthenticated" else None
    if error.code == "api.warehouse_busy":
        headers = {"Retry-After": "5"}
    return JSONResponse({"error": error.to_dict()}, status_code=status or status_for(error), headers=headers)


def install(app: FastAPI) -> None:
    """Route every failure through the one error shape."""

    @app.exception_handler(FlisError)
    async def flis_error(request: Request, exc: FlisError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body"))
        message = f"{where}: {first.get('msg', 'invalid value')}" if where else first.get("msg", "invalid request")
        return error_response(BadRequest(message, hint="see /api/v1/docs"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return error_response(NotFound(f"no such path: {request.url.path}", hint="see /api/v1/docs"))
        if exc.status_code == 405:
            return error_response(MethodNotAllowed(f"{request.method} is not allowed on {request.url.path}"))
        return error_response(BadRequest(str(exc.detail)), exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(Internal("an unexpected error occurred; it has been logged"))
