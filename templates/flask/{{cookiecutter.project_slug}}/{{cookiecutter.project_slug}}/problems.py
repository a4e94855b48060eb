"""RFC 9457 problem details for every error, and the security headers on every response."""

from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from . import contract
from .schemas import ItemValidationError

# Raised by the driver when the database cannot be reached: the service is unavailable.
DATABASE_DOWN = (OperationalError, InterfaceError)


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    response = jsonify(contract.problem(status, title, detail, **extra))
    response.status_code = status
    response.mimetype = contract.PROBLEM_CONTENT_TYPE
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
    response.headers.update(contract.SECURITY_HEADERS)
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, from_http_exception)
    app.register_error_handler(ItemValidationError, from_item_validation_error)
    for error_class in DATABASE_DOWN:
        app.register_error_handler(error_class, from_database_down)
    app.register_error_handler(InternalServerError, from_unexpected)
    app.after_request(add_security_headers)
