"""The app's own fixtures: py4web's middleware, which an action lists in `@action.uses(...)`.

py4web calls each fixture's `on_request` in the order listed before the action, then
`on_success` or `on_error` in the reverse order.
"""

import logging
from collections.abc import Collection
from http import HTTPStatus
from typing import Any

from py4web import HTTP, request, response
from py4web.core import Fixture

from {{ cookiecutter.project_slug }}.contract import (
    PROBLEM_CONTENT_TYPE,
    UNAUTHORIZED_DETAIL,
    WRITE_METHODS,
    WWW_AUTHENTICATE,
    bearer_token_is_valid,
    not_migrated,
    problem,
)

logger = logging.getLogger(__name__)

MIGRATE_COMMAND = "uv run python -m {{ cookiecutter.project_slug }}.migrate"


def problem_answer(status: int, detail: str, **extra: Any) -> HTTP:
    """py4web's HTTP answer (raised, it is a success, not an error) as problem details."""
    body = problem(status, HTTPStatus(status).phrase, detail, **extra)
    return HTTP(status, body, {"Content-Type": PROBLEM_CONTENT_TYPE})


class ProblemDetails(Fixture):  # type: ignore[misc]
    """Listed first, so that its `on_error` comes last: an exception of the action or of another
    fixture becomes a problem-details answer instead of py4web's HTML error page and ticket.

    A database that does not answer is a 503; anything else a 500, logged once with its
    traceback through the service's logging (and so reported to Sentry, error_reports.py).
    """

    is_hook = True  # on_error runs even when a fixture before the action failed.

    def __init__(self, unavailable: tuple[type[BaseException], ...] = ()) -> None:
        self.unavailable = unavailable

    def on_error(self, context: dict[str, Any]) -> None:
        error = context["exception"]
        if isinstance(error, self.unavailable):
            logger.warning("The database is not answering: %s", error)
            status, detail = 503, "The database is not answering."
        else:
            logger.error("Unexpected error on %s %s", request.method, request.path, exc_info=error)
            status, detail = 500, "The server could not answer the request."
        # Handled: py4web returns the output instead of raising the exception again.
        context["exception"] = None
        response.status = status
        response.headers["Content-Type"] = PROBLEM_CONTENT_TYPE
        context["output"] = problem(status, HTTPStatus(status).phrase, detail)


class ApiToken(Fixture):  # type: ignore[misc]
    """Refuses a write (POST, PUT, DELETE) without `Authorization: Bearer <one of the tokens>`:
    401 before the database is touched, so a client that may not write learns nothing."""

    def __init__(self, tokens: Collection[str]) -> None:
        self.tokens = tokens

    def on_request(self, context: dict[str, Any]) -> None:
        if request.method not in WRITE_METHODS:
            return
        if not bearer_token_is_valid(request.headers.get("Authorization"), self.tokens):
            answer = problem_answer(401, UNAUTHORIZED_DETAIL)
            answer.headers["WWW-Authenticate"] = WWW_AUTHENTICATE
            raise answer


class MigrationCheck(Fixture):  # type: ignore[misc]
    """503 naming the migrate command while a table or column of the models is missing.

    Asked on each request until the answer is yes, so that running the command is enough,
    without a restart; then kept for the life of the process.
    """

    def __init__(self, db: Any) -> None:
        self.db = db
        self.current = False
        # py4web sorts a fixture's prerequisites before it: the connection comes first.
        self.__prerequisites__ = [db]

    def missing(self) -> list[str]:
        """The tables of the models the database cannot select every column of."""
        missing = []
        for table in self.db:
            try:
                self.db(table).select(*table, limitby=(0, 1))
            except self.db._adapter.driver.DatabaseError:
                # PostgreSQL refuses every statement after a failed one until a rollback.
                self.db.rollback()
                missing.append(table._tablename)
        return missing

    def on_request(self, context: dict[str, Any]) -> None:
        if self.current:
            return
        if missing := self.missing():
            detail = not_migrated(MIGRATE_COMMAND)
            logger.warning("%s Missing: %s.", detail, ", ".join(missing))
            raise problem_answer(503, detail)
        self.current = True
