"""Every error becomes an RFC 9457 problem (application/problem+json): an application wrapper
around the transaction manager's, so a failed commit is answered too."""

import json
import logging
from typing import Any

from sqlalchemy.exc import InterfaceError, OperationalError
from tg import Response
from tg.appwrappers.base import ApplicationWrapper
from webob.exc import WSGIHTTPException

from .. import contract
from ..schemas import ItemValidationError

logger = logging.getLogger(__name__)

TITLES = {422: "Unprocessable Content", 500: "Internal Server Error"}


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    body = contract.problem(status, title, detail, **extra)
    return Response(
        body=json.dumps(body).encode(),
        status=status,
        content_type=contract.PROBLEM_CONTENT_TYPE,
        charset=None,
    )


def from_error_response(response: Response) -> Response:
    """The problem for an error TurboGears answered itself (abort, dispatch, predicates),
    keeping its headers (Allow, WWW-Authenticate)."""
    title = response.status.partition(" ")[2]
    if isinstance(response, WSGIHTTPException):
        detail = response.detail or response.explanation
    else:
        detail = title
    answer = problem(response.status_int, title, detail)
    for name in ("Allow", "WWW-Authenticate"):
        if name in response.headers:
            answer.headers[name] = response.headers[name]
    return answer


class ProblemDetailsWrapper(ApplicationWrapper):  # type: ignore[misc]  # no type hints
    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Response:
        try:
            response: Response = self.next_handler(controller, environ, context)
        except ItemValidationError as error:
            return problem(
                422,
                TITLES[422],
                "The request body is not a valid item.",
                errors=[{"field": e.field, "message": e.message} for e in error.errors],
            )
        # Raised by the driver when the database cannot be reached: the service is unavailable.
        except (OperationalError, InterfaceError) as error:
            # The driver's own message, without the statement and its parameters.
            logger.warning("The database is not answering: %s", error.orig)
            return problem(503, "Service Unavailable", "The database is not answering.")
        except Exception as error:
            request = context.request
            logger.error("Unexpected error on %s %s", request.method, request.path, exc_info=error)
            return problem(500, TITLES[500], "The server could not answer the request.")
        if response.status_int >= 400 and response.content_type != contract.PROBLEM_CONTENT_TYPE:
            return from_error_response(response)
        return response
