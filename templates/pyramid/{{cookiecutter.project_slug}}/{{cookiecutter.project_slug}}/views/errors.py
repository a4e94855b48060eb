"""Exception views: every error becomes an RFC 9457 problem (application/problem+json)."""

import logging
from typing import Any

from pyramid.exceptions import PredicateMismatch
from pyramid.httpexceptions import (
    HTTPError,
    HTTPException,
    HTTPForbidden,
    HTTPInternalServerError,
    HTTPMethodNotAllowed,
    HTTPNotFound,
    HTTPServiceUnavailable,
)
from pyramid.request import Request
from pyramid.response import Response
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from .. import contract
from ..schemas import ItemValidationError

logger = logging.getLogger(__name__)


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    body = contract.problem(status, title, detail, **extra)
    return Response(json=body, status=status, content_type=contract.PROBLEM_CONTENT_TYPE)


def from_http_exception(error: HTTPException) -> Response:
    return problem(error.code, error.title, error.detail or error.explanation)


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


@exception_view_config(PredicateMismatch)
def method_not_allowed(error: PredicateMismatch, request: Request) -> Response:
    # Pyramid raises PredicateMismatch (a 404) when a route matches but no view accepts the
    # request; the views here differ only by request_method, so the method is what is wrong.
    allowed = allowed_methods(request) if request.matched_route else set()
    if not allowed or request.method in allowed:
        return from_http_exception(HTTPNotFound())
    response = from_http_exception(
        HTTPMethodNotAllowed(f"{request.path} does not support {request.method}.")
    )
    response.headers["Allow"] = ", ".join(sorted(allowed))
    return response


@notfound_view_config()
def not_found(error: HTTPNotFound, request: Request) -> Response:
    if request.matched_route is None:
        return problem(404, "Not Found", f"There is nothing at {request.path}.")
    return from_http_exception(error)


@forbidden_view_config()
def unauthorized(_error: HTTPForbidden, _request: Request) -> Response:
    # The only permission is security.WRITE, which a valid API token grants: a refusal means
    # that no valid token came, which is a 401 with RFC 6750's challenge.
    response = problem(401, "Unauthorized", contract.UNAUTHORIZED_DETAIL)
    response.headers["WWW-Authenticate"] = contract.WWW_AUTHENTICATE
    return response


@exception_view_config(HTTPError)
def http_error(error: HTTPError, _request: Request) -> Response:
    # A body left unread (a 413) is read to its end by the tween in responses.py.
    return from_http_exception(error)


@exception_view_config(ItemValidationError)
def invalid_item(error: ItemValidationError, _request: Request) -> Response:
    return problem(
        422,
        "Unprocessable Content",
        "The request body is not a valid item.",
        errors=[{"field": e.field, "message": e.message} for e in error.errors],
    )


# Raised by the driver when the database cannot be reached: the service is unavailable.
@exception_view_config(OperationalError)
@exception_view_config(InterfaceError)
def database_down(error: DBAPIError, _request: Request) -> Response:
    # The driver's own message, without the statement and its parameters.
    logger.warning("The database is not answering: %s", error.orig)
    return from_http_exception(HTTPServiceUnavailable("The database is not answering."))


@exception_view_config(Exception)
def unexpected(error: Exception, request: Request) -> Response:
    # An exception view replaces Pyramid's own logging of the error: log it here.
    logger.error("Unexpected error on %s %s", request.method, request.path, exc_info=error)
    return from_http_exception(HTTPInternalServerError())
