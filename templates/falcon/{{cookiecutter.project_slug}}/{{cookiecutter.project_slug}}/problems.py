"""RFC 9457 problem details for every error: the app's error serializer and error handlers.

Falcon turns every error into an HTTPError (a route that does not exist, a method a resource
lacks, a bad query parameter, an unexpected exception as a 500) and hands it to the error
serializer, whose default body is `{"title", "description"}`.
"""

import json
import logging
from typing import Any

import falcon

from . import contract
from .database import DATABASE_DOWN
from .schemas import ItemValidationError

logger = logging.getLogger(__name__)

# What the problem says where Falcon raises an error without a description.
DEFAULT_DETAILS = {
    404: "There is nothing at this path.",
    405: "The resource does not answer this method: Allow names those it does.",
}


class UnprocessableContent(falcon.HTTPUnprocessableEntity):
    """422 naming each offending field of the request body in the problem's `errors`."""

    def __init__(self, error: ItemValidationError) -> None:
        super().__init__(description="The request body is not a valid item.")
        self.errors = [{"field": e.field, "message": e.message} for e in error.errors]


def serialize_problem(req: falcon.Request, resp: falcon.Response, error: falcon.HTTPError) -> None:
    """The error serializer: problem details, whatever the client accepts. Falcon has set the
    status and the error's headers (such as Allow on a 405) before it calls this."""
    status = error.status_code
    # Falcon's titles are its own ("Invalid JSON", "404 Not Found"); a problem of type
    # about:blank is titled with the status phrase.
    title = falcon.code_to_http_status(status).partition(" ")[2]
    detail = error.description or DEFAULT_DETAILS.get(status, title)
    extra = {"errors": error.errors} if isinstance(error, UnprocessableContent) else {}
    resp.content_type = contract.PROBLEM_CONTENT_TYPE
    resp.data = json.dumps(contract.problem(status, title, detail, **extra)).encode()


def invalid_item(
    req: falcon.Request, resp: falcon.Response, error: ItemValidationError, params: dict[str, Any]
) -> None:
    raise UnprocessableContent(error)


def database_down(
    req: falcon.Request, resp: falcon.Response, error: Exception, params: dict[str, Any]
) -> None:
    logger.warning("The database is not answering: %r", error)
    raise falcon.HTTPServiceUnavailable(description="The database is not answering.")


def unexpected_error(
    req: falcon.Request, resp: falcon.Response, error: Exception, params: dict[str, Any]
) -> None:
    # Falcon's own handler writes the traceback to the server's wsgi.errors stream: log it
    # through the logging setup instead (logs.py), with the request's id.
    logger.exception("Unexpected error in %s %s", req.method, req.path)
    raise falcon.HTTPInternalServerError()


def add_error_handling(app: falcon.App[falcon.Request, falcon.Response]) -> None:
    app.set_error_serializer(serialize_problem)
    # Falcon picks the handler of the most specific class: HTTPErrors keep their own.
    app.add_error_handler(Exception, unexpected_error)
    app.add_error_handler(ItemValidationError, invalid_item)
    app.add_error_handler(DATABASE_DOWN, database_down)
