"""Every error as RFC 9457 problem details: the `ApiError` the app raises, and the
exception handler that answers any exception, Masonite's own included (a path no route
matches, a method a route lacks), in place of Masonite's HTML error pages."""

import logging
{%- if cookiecutter.database == "sqlite" %}
import sqlite3
{%- endif %}
from http import HTTPStatus
from typing import Any

from masonite.exceptions import MethodNotAllowedException, RouteNotFoundException
from masonite.foundation import Application
from masonite.response import Response
from masoniteorm.exceptions import QueryException
{%- if cookiecutter.database == "postgresql" %}
from psycopg2 import InterfaceError, OperationalError
{%- endif %}

{% if cookiecutter.database == "postgresql" -%}
from app.database import forget_pooled_connections
{% endif -%}
from {{ cookiecutter.project_slug }}.contract import PROBLEM_CONTENT_TYPE, problem

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer with an error status, raised anywhere in a request: the exception handler
    answers it as a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


# What a database that cannot be reached raises, under Masonite ORM's QueryException (or as
# itself where the connection fails before a query): the service is unavailable (503).
{%- if cookiecutter.database == "postgresql" %}
DATABASE_DOWN: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
{%- else %}
DATABASE_DOWN: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
{%- endif %}


def database_is_down(error: BaseException) -> bool:
    cause = error.__cause__ if isinstance(error, QueryException) else error
    return isinstance(cause, DATABASE_DOWN)


def as_problem(error: Exception) -> ApiError:
    if isinstance(error, ApiError):
        return error
    if isinstance(error, RouteNotFoundException):
        return ApiError(404, "There is nothing at this path.")
    if isinstance(error, MethodNotAllowedException):
        detail = "The resource does not answer this method: Allow names those it does."
        return ApiError(405, detail, headers=error.get_headers())
    if database_is_down(error):
        logger.warning("The database is not answering: %r", error)
{%- if cookiecutter.database == "postgresql" %}
        forget_pooled_connections()
{%- endif %}
        return ApiError(503, "The database is not answering.")
    logger.exception("Unexpected error", exc_info=error)
    return ApiError(500, "The server could not answer the request.")


class ProblemExceptionHandler:
    """Masonite's `exception_handler`, bound by AppProvider: it answers every exception that
    reaches the response handler, in production and in development alike."""

    def __init__(self, application: Application) -> None:
        self.application = application

    def handle(self, error: Exception) -> Response:
        found = as_problem(error)
        # A new response: the one the route was writing may hold its headers already.
        response = Response(self.application)
        self.application.bind("response", response)
        title = HTTPStatus(found.status).phrase
        response.json(problem(found.status, title, found.detail, **found.extra), found.status)
        response.header("Content-Type", PROBLEM_CONTENT_TYPE)
        response.with_headers(found.headers)
        return response
