{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""Exception views: every error becomes an RFC 9457 problem (application/problem+json)."""

import logging
import sqlite3
from typing import Any

{% if postgresql -%}
import psycopg2
{% endif -%}
from pyramid.config import Configurator
from pyramid.exceptions import PredicateMismatch
from pyramid.httpexceptions import (
    HTTPError,
    HTTPException,
    HTTPInternalServerError,
    HTTPMethodNotAllowed,
    HTTPNotFound,
    HTTPServiceUnavailable,
)
from pyramid.request import Request
from pyramid.response import Response

from {{ cookiecutter.project_slug }} import contract
from {{ cookiecutter.project_slug }}.schemas import ItemValidationError

logger = logging.getLogger(__name__)
# What the database drivers raise when the database does not answer: a 503, not a 500.
{%- if postgresql %}
UNAVAILABLE: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
)
{%- else %}
UNAVAILABLE: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
{%- endif %}


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    body = contract.problem(status, title, detail, **extra)
    return Response(json=body, status=status, content_type=contract.PROBLEM_CONTENT_TYPE)


def from_http_exception(error: HTTPException) -> Response:
    response = problem(error.code, error.title, error.detail or error.explanation)
    if error.code == 401:
        response.headers["WWW-Authenticate"] = contract.WWW_AUTHENTICATE
    return response


def allowed_methods(request: Request) -> set[str]:
    """The methods the views of the matched route accept, from Pyramid's introspector."""
    introspector = request.registry.introspector
    route = introspector.get("routes", request.matched_route.name)
    allowed: set[str] = set()
    for related in introspector.related(route):
        if related.category_name == "views":
            methods = related["request_methods"] or ()
            allowed.update([methods] if isinstance(methods, str) else methods)
    if "GET" in allowed:
        allowed.add("HEAD")  # Pyramid answers HEAD with the GET view.
    return allowed


def method_not_allowed(_error: PredicateMismatch, request: Request) -> Response:
    # Pyramid raises PredicateMismatch (a 404) when a route matches but no view accepts the
    # request; the views differ only by request_method, so the method is what is wrong.
    allowed = allowed_methods(request)
    response = from_http_exception(HTTPMethodNotAllowed(f"Use {', '.join(sorted(allowed))}."))
    response.headers["Allow"] = ", ".join(sorted(allowed))
    return response


def not_found(_error: HTTPNotFound, request: Request) -> Response:
    error = _error if isinstance(_error, HTTPNotFound) else HTTPNotFound()
    if request.matched_route is None:
        error = HTTPNotFound(f"There is nothing at {request.path}.")
    return from_http_exception(error)


def http_error(error: HTTPError, _request: Request) -> Response:
    return from_http_exception(error)


def invalid_item(error: ItemValidationError, _request: Request) -> Response:
    return problem(
        422,
        "Unprocessable Content",
        "The request body is not a valid item.",
        errors=[{"field": e.field, "message": e.message} for e in error.errors],
    )


def database_down(error: Exception, _request: Request) -> Response:
    logger.warning("The database is not answering: %s", error)
    return from_http_exception(HTTPServiceUnavailable("The database is not answering."))


def unexpected(error: Exception, request: Request) -> Response:
    # An exception view replaces Pyramid's own logging of the error: log it here.
    logger.error("Unexpected error on %s %s", request.method, request.path, exc_info=error)
    return from_http_exception(HTTPInternalServerError())


def includeme(config: Configurator) -> None:
    config.add_exception_view(method_not_allowed, PredicateMismatch)
    config.add_exception_view(not_found, HTTPNotFound)
    config.add_exception_view(http_error, HTTPError)
    config.add_exception_view(invalid_item, ItemValidationError)
    for unavailable in UNAVAILABLE:
        config.add_exception_view(database_down, unavailable)
    config.add_exception_view(unexpected, Exception)
