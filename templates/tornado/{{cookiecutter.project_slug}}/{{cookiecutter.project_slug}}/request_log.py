"""Each request's id and its one access line (logs.py): the handlers' common base, and the
Application's `log_function`, which Tornado calls for every answer instead of writing its own
tornado.access line."""

from functools import cached_property
from types import TracebackType

from tornado.web import HTTPError, RequestHandler

from . import contract
from .logs import REQUEST_ID, log_access


class RequestIdHandler(RequestHandler):
    """Names every answer, errors included, with its request's id, and stamps the request's log
    lines with it."""

    @cached_property
    def request_id(self) -> str:
        # Chosen on first use: RequestHandler.__init__ already sets the default headers.
        return contract.request_id(self.request.headers.get(contract.REQUEST_ID_HEADER))

    def set_default_headers(self) -> None:
        # Tornado calls this for every response, again for an error page.
        self.set_header(contract.REQUEST_ID_HEADER, self.request_id)

    def prepare(self) -> None:
        # Tornado runs prepare() and the handler method in the request's own asyncio task, so
        # the id stays with this request and ends with it.
        REQUEST_ID.set(self.request_id)

    def log_exception(
        self,
        typ: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # An HTTPError is an answer, which the access line reports: Tornado would add a second
        # line naming the request. Unexpected errors are still logged, with their traceback.
        if not isinstance(value, HTTPError):
            super().log_exception(typ, value, tb)


def log_request(handler: RequestHandler) -> None:
    """The access line of a finished request, in the Application's `log_function` setting."""
    request = handler.request
    status, duration_ms = handler.get_status(), 1000 * request.request_time()
    # Set here too: an answer can be sent before prepare() ran (the 405 of an unknown method).
    name = handler.request_id if isinstance(handler, RequestIdHandler) else REQUEST_ID.get()
    token = REQUEST_ID.set(name)
    try:
        log_access(request.method, request.path, status, duration_ms, request.remote_ip)
    finally:
        REQUEST_ID.reset(token)
