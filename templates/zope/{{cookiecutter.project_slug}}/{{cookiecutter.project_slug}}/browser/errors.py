"""The exception view: Zope calls it for every exception of a request, its own (404, 405, a
malformed request) and the views' (the zExceptions of the API), and sends what it returns
instead of its HTML error page: problem details (RFC 9457)."""

import json
import logging
from http import HTTPStatus
from typing import Any

from zExceptions import HTTPException, NotFound

from {{ cookiecutter.project_slug }}.contract import PROBLEM_CONTENT_TYPE, problem
from {{ cookiecutter.project_slug }}.database import (
    UNAVAILABLE_DETAIL,
    UNAVAILABLE_ERRORS,
    NotMigratedError,
)

logger = logging.getLogger(__name__)

UNEXPECTED_DETAIL = "The server could not answer the request."


class ProblemView:
    """Registered in configure.zcml as the `index.html` view of every exception."""

    def __init__(self, context: BaseException, request: Any) -> None:
        self.context = context
        self.request = request

    def __call__(self) -> str:
        error = self.context
        response = self.request.response
        extra: dict[str, Any] = {}
        if isinstance(error, HTTPException):
            status = error.getStatus()
            detail = str(error) or HTTPStatus(status).phrase
            if isinstance(error, NotFound) and "\n" in detail:
                # Zope's own, from traversal: the name and the method.
                detail = f"There is nothing at {self.request['PATH_INFO']}."
            if errors := getattr(error, "errors", None):
                extra["errors"] = errors
        elif isinstance(error, UNAVAILABLE_ERRORS):
            status, detail = 503, UNAVAILABLE_DETAIL
            logger.warning("The database is not answering: %s", error)
        elif isinstance(error, NotMigratedError):
            status, detail = 503, str(error)
            logger.warning("%s Missing: %s.", detail, error.missing)
        else:
            status, detail = 500, UNEXPECTED_DETAIL
            logger.error(
                "Unexpected error on %s %s",
                self.request.method,
                self.request["PATH_INFO"],
                exc_info=error,
            )
        response.setStatus(status)
        response.setHeader("Content-Type", PROBLEM_CONTENT_TYPE)
        return json.dumps(problem(status, HTTPStatus(status).phrase, detail, **extra))
