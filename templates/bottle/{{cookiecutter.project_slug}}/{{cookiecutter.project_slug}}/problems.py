"""RFC 9457 problem details for every error, unexpected errors logged, and the security
headers on every response."""

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from bottle import Bottle, HTTPError, HTTPResponse, request, response

from . import contract
from .cors import add_cors_headers
from .request_log import finish_request
from .schemas import ItemValidationError

logger = logging.getLogger(__name__)


def add_security_headers() -> None:
    for name, value in contract.SECURITY_HEADERS.items():
        response.set_header(name, value)


def problem(error: Any) -> str:
    """Bottle's error handler for every status: a problem+json body instead of an HTML page.

    `error` is the bottle.HTTPError: one a route raised, Bottle's own 404 and 405 (its Allow
    header is kept), or the 500 for an unexpected exception, whose body is a generic text.
    """
    # An unexpected exception makes Bottle replace the response after the after_request
    # hooks have run, so the headers are set again here, where every error passes.
    add_security_headers()
    add_cors_headers()
    finish_request()
    status: int = error.status_code
    title = error.status_line.partition(" ")[2]
    detail = error.body if isinstance(error.body, str) and error.body else title
    body = contract.problem(status, title, detail)
    if isinstance(error.exception, ItemValidationError):
        body["errors"] = [{"field": e.field, "message": e.message} for e in error.exception.errors]
    response.content_type = contract.PROBLEM_CONTENT_TYPE
    return json.dumps(body)


class UnexpectedErrorPlugin:
    """Logs an unexpected exception of a route once, with its traceback, through the service's
    logging (logs.py), and answers 500: Bottle's own catch-all would print the traceback as
    plain text to the server's stderr. Installed first, so that it wraps the other plugins.

    Error reports (error_reports.py) get it once too: Sentry's Bottle integration, which wraps
    every route outside its plugins, reports the 500 with the exception as its cause, and
    wsgi.py keeps this module's log line out of a second report.
    """

    name = "unexpected_error"
    api = 2

    def apply(self, callback: Callable[..., Any], _route: Any) -> Callable[..., Any]:
        @functools.wraps(callback)
        def logging_unexpected_errors(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except HTTPResponse:
                raise  # An answer (HTTPError included), not an error of the code.
            except Exception as error:
                logger.exception("Unexpected error on %s %s", request.method, request.path)
                raise HTTPError(500, "Internal Server Error", error) from error

        return logging_unexpected_errors


def install(app: Bottle) -> None:
    app.add_hook("after_request", add_security_headers)
    app.default_error_handler = problem
