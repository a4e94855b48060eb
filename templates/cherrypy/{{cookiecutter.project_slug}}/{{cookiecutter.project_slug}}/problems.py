"""RFC 9457 problem details for every error, the security headers on every response, and each
request's id and access line (request_log.py)."""

import html
import json
import sys
from typing import Any, ClassVar

import cherrypy
from cherrypy import _cprequest
from cherrypy.lib import httputil
from sqlalchemy.exc import InterfaceError, OperationalError

from . import contract, request_log
from .schemas import FieldError

# Raised by the driver when the database cannot be reached: the service is unavailable.
DATABASE_DOWN = (OperationalError, InterfaceError)


def problem(status: int | str, detail: str, **extra: Any) -> bytes:
    """The body of a problem response; also sets its Content-Type."""
    code, title, _ = httputil.valid_status(status)
    cherrypy.response.headers["Content-Type"] = contract.PROBLEM_CONTENT_TYPE
    return json.dumps(contract.problem(code, title, detail, **extra)).encode()


def error_page(status: str, message: str, traceback: str, version: str) -> bytes:
    """request.error_page: every HTTPError (400, 404, 405, 413, ...) as problem details.

    CherryPy passes the values HTML-escaped, for its own HTML page: undo that for JSON.
    """
    extra = {"traceback": html.unescape(traceback)} if traceback else {}
    return problem(status, html.unescape(message), **extra)


def error_response() -> None:
    """request.error_response: an unexpected exception (already logged) becomes a problem."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        cherrypy.HTTPError(503, "The database is not answering.").set_response()
    else:
        cherrypy.HTTPError(500).set_response()


class UnprocessableContent(cherrypy.HTTPError):
    """422 naming every offending field of the request body in `errors`."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(422, "The request body is not a valid item.")
        self.errors = errors

    def get_error_page(self, status: str, **kwargs: Any) -> bytes:
        errors = [{"field": error.field, "message": error.message} for error in self.errors]
        return problem(status, self._message, errors=errors)


class Unauthorized(cherrypy.HTTPError):
    """401 of a write without a valid API token, with RFC 6750's challenge."""

    def __init__(self) -> None:
        super().__init__(401, contract.UNAUTHORIZED_DETAIL)

    def set_response(self) -> None:
        super().set_response()
        cherrypy.serving.response.headers["WWW-Authenticate"] = contract.WWW_AUTHENTICATE


def finish_response() -> None:
    """The last step of every response: the security headers, and problem bodies trimmed."""
    response = cherrypy.response
    response.headers.update(contract.SECURITY_HEADERS)
    if response.headers.get("Content-Type") == contract.PROBLEM_CONTENT_TYPE:
        # CherryPy pads short error pages with spaces for old Internet Explorer; JSON needs none.
        response.body = response.collapse_body().rstrip(b" ")
        response.headers.pop("Content-Length", None)


class Request(_cprequest.Request):
    """The application's request class (see mount()): its error pages, security headers, ids
    and access lines.

    Class attributes rather than app config: CherryPy applies the config (`error_page.*`,
    `request.*`, tools) only once it has found the handler, and an error raised before that,
    such as a request without a Host header, would get CherryPy's HTML page with a traceback.
    """

    error_page: ClassVar[dict[int | str, Any]] = {"default": error_page}
    show_tracebacks = False  # `--dev` turns them on, through the config.
    # The security headers on every response: handler responses and HTTPErrors pass through
    # `before_finalize`, unexpected exceptions through `request.error_response`.
    hooks = _cprequest.Request.hooks.copy()
    hooks.attach("before_finalize", finish_response)
    hooks.attach("after_error_response", finish_response)
    # The request's id and its access line, first and last of every request (request_log.py).
    hooks.attach("on_start_resource", request_log.start_request, priority=0)
    hooks.attach("before_finalize", request_log.start_request, priority=0)
    hooks.attach("on_end_request", request_log.end_request)
