"""RFC 9457 problem details in place of FastAPI's default error bodies."""

from collections.abc import Callable, Coroutine, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from .contract import PROBLEM_CONTENT_TYPE, SECURITY_HEADERS
from .schemas import FieldError, Problem, ValidationProblem

HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_CONTENT_TYPE


def problem(status: int, detail: str, headers: Mapping[str, str] | None = None) -> ProblemResponse:
    body = Problem(title=HTTPStatus(status).phrase, status=status, detail=detail)
    return ProblemResponse(body.model_dump(), status_code=status, headers=headers)


async def from_http_exception(request: Request, exc: HTTPException) -> ProblemResponse:
    """Starlette's and our own HTTPExceptions: 404 for unknown paths, 405, 413, 415, ..."""
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    return problem(exc.status_code, str(exc.detail), headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method the requested path answers.

    Starlette's 405 names the methods of the first route whose path matches, but FastAPI makes
    one route per method (GET and POST /api/items are two): ask every route about each method.
    """
    routes = request.app.router.routes
    return [
        method
        for method in HTTP_METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


def field_name(location: tuple[int | str, ...]) -> str:
    # ("body", "name") -> "name"; ("body",) is the body as a whole.
    return str(location[1]) if len(location) > 1 else "body"


async def from_validation_error(request: Request, exc: RequestValidationError) -> ProblemResponse:
    """FastAPI's 422 for anything that fails validation, sorted into the contract's statuses."""
    errors: list[dict[str, Any]] = list(exc.errors())
    sources = {error["loc"][0] for error in errors}
    if "path" in sources:
        # An id that is not an integer names no item, like any other missing one.
        return problem(404, f"There is nothing at {request.url.path}.")
    if any(error["type"] == "json_invalid" for error in errors):
        return problem(400, "The body is not valid JSON.")
    if "body" not in sources:
        messages = "; ".join(f"{error['loc'][-1]}: {error['msg']}" for error in errors)
        return problem(400, f"Invalid query parameter ({messages}).")
    field_errors = [
        FieldError(
            field=field_name(error["loc"]),
            message="must be a JSON object" if len(error["loc"]) == 1 else error["msg"],
        )
        for error in errors
    ]
    body = ValidationProblem(
        title="Unprocessable Content",
        detail="The request body is not a valid item.",
        errors=field_errors,
    )
    return ProblemResponse(body.model_dump(), status_code=422)


async def from_database_down(_request: Request, _exc: Exception) -> ProblemResponse:
    return problem(503, "The database is not answering.")


async def from_unexpected(_request: Request, _exc: Exception) -> ProblemResponse:
    # Logged by RequestLogMiddleware; the client gets no traceback. This handler runs outside
    # the middleware stack, so the security headers are added here.
    return problem(500, "The server could not complete the request.", SECURITY_HEADERS)


EXCEPTION_HANDLERS: dict[
    int | type[Exception], Callable[[Request, Any], Coroutine[Any, Any, Response]]
] = {
    HTTPException: from_http_exception,
    RequestValidationError: from_validation_error,
    # Raised when the database cannot be reached: the service is unavailable. SQLAlchemy wraps
    # the driver's errors (psycopg's refused or timed-out connection, sqlite3's file that
    # cannot be opened) in these.
    OperationalError: from_database_down,
    InterfaceError: from_database_down,
    Exception: from_unexpected,
}
