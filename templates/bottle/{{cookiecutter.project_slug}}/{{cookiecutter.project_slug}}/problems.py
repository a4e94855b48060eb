"""RFC 9457 problem details for every error, and the security headers on every response."""

import json
from typing import Any

from bottle import Bottle, response

from . import contract
from .cors import add_cors_headers
from .schemas import ItemValidationError


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
    status: int = error.status_code
    title = error.status_line.partition(" ")[2]
    detail = error.body if isinstance(error.body, str) and error.body else title
    body = contract.problem(status, title, detail)
    if isinstance(error.exception, ItemValidationError):
        body["errors"] = [{"field": e.field, "message": e.message} for e in error.exception.errors]
    response.content_type = contract.PROBLEM_CONTENT_TYPE
    return json.dumps(body)


def install(app: Bottle) -> None:
    app.add_hook("after_request", add_security_headers)
    app.default_error_handler = problem
