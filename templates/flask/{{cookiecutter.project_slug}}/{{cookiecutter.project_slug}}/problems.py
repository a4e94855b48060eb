"""RFC 9457 problem details for every error, and the security headers on every response."""

from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from .schemas import ItemValidationError

PROBLEM_MIMETYPE = "application/problem+json"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# Raised by the driver when the database cannot be reached: the service is unavailable.
DATABASE_DOWN = (OperationalError, InterfaceError)


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    response = jsonify({**body, **extra})
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    return response


def from_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    response = problem(status, error.name, error.description or error.name)
    # Keep what the exception adds, such as Allow on 405.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def from_item_validation_error(error: ItemValidationError) -> Response:
    return problem(
        422,
        "Unprocessable Content",
        "The request body is not a valid item.",
        errors=[{"field": e.field, "message": e.message} for e in error.errors],
    )


def from_database_down(_error: Exception) -> Response:
    return from_http_exception(ServiceUnavailable("The database is not answering."))


def from_unexpected(_error: Exception) -> Response:
    # Logged by Flask; the client gets no traceback.
    return from_http_exception(InternalServerError())


def add_security_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, from_http_exception)
    app.register_error_handler(ItemValidationError, from_item_validation_error)
    for error_class in DATABASE_DOWN:
        app.register_error_handler(error_class, from_database_down)
    app.register_error_handler(InternalServerError, from_unexpected)
    app.after_request(add_security_headers)
