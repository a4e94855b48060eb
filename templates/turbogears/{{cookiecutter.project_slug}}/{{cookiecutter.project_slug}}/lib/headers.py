"""What every response gets: the security headers, a drained request body and a Location
left as the controller set it."""

from typing import Any

from tg import Response
from tg.appwrappers.base import ApplicationWrapper

from ..contract import SECURITY_HEADERS, drain_unread_body


class RelativeLocationResponse(Response):  # type: ignore[misc]  # TurboGears ships no type hints.
    """WebOb turns a Location path into an absolute URL built from the request's Host header;
    keep the path as the controller set it (RFC 9110 allows a relative reference)."""

    def _abs_headerlist(self, _environ: dict[str, Any]) -> list[tuple[str, str]]:
        return list(self.headerlist)


class SecurityHeadersWrapper(ApplicationWrapper):  # type: ignore[misc]  # no type hints
    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Response:
        response: Response = self.next_handler(controller, environ, context)
        response.headers.update(SECURITY_HEADERS)
        if "Location" in response.headers and type(response) is Response:
            response.__class__ = RelativeLocationResponse
        # Read what the controller left of the request body (a 413 reads none of it), within
        # a bound: otherwise Granian closes the connection as soon as it has answered, and a
        # client still sending its body gets a reset instead of the answer.
        drain_unread_body(environ)
        return response
