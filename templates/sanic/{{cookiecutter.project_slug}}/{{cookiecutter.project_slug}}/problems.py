"""Every error as RFC 9457 problem details, and the security headers on every response."""

from http import HTTPStatus

from sanic import Request
from sanic.exceptions import MethodNotAllowed, SanicException
from sanic.handlers import ErrorHandler
from sanic.response import BaseHTTPResponse, HTTPResponse, json

from . import contract
from .context import ServiceApp

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """The methods the request's path has routes for. Sanic names them in a 405 of a path
    without parameters only (25.12); HTTP requires them in every 405's Allow header."""
    allowed = []
    for method in METHODS:
        try:
            request.app.router.get(request.path, method, request.headers.get("host"))
        except SanicException:
            continue
        allowed.append(method)
    return allowed


class ProblemErrorHandler(ErrorHandler):
    """The app's error handler: Sanic's exceptions (404, 405, 413, the app's own 400, 415, 422,
    503) keep their status, anything else is a 500 without a traceback for the client."""

    def default(self, request: Request, exception: Exception) -> HTTPResponse:
        self.log(request, exception)  # Sanic's own: 500s with their traceback, not quiet ones.
        status = HTTPStatus.INTERNAL_SERVER_ERROR
        detail = status.phrase
        headers: dict[str, str] = {}
        extra: dict[str, object] = {}
        if isinstance(exception, SanicException):
            status = HTTPStatus(exception.status_code)
            detail = exception.message or status.phrase
            headers = dict(exception.headers)  # The Allow header of a 405, for one.
            if isinstance(exception, MethodNotAllowed) and "Allow" not in headers:
                headers["Allow"] = ", ".join(allowed_methods(request))
            extra = dict(exception.context or {})  # The `errors` of a 422.
        problem = contract.problem(int(status), status.phrase, detail, **extra)
        return json(problem, status, headers=headers, content_type=contract.PROBLEM_CONTENT_TYPE)


async def add_security_headers(_request: Request, response: BaseHTTPResponse) -> None:
    """Response middleware: Sanic runs it on error responses too."""
    response.headers.update(contract.SECURITY_HEADERS)


def register(app: ServiceApp) -> None:
    app.error_handler = ProblemErrorHandler()
    app.middleware(add_security_headers, "response")
