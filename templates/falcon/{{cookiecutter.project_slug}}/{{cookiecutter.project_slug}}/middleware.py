"""Middleware components that every response passes through, errors included."""

from collections.abc import Iterable
from typing import Any

import falcon
import falcon.asgi

from .contract import (
    CORS_ALLOWED_HEADERS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    SECURITY_HEADERS,
    drain_unread_body,
)


class SecurityHeaders:
    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        resp.set_headers(SECURITY_HEADERS)


# The type arguments are those of the middleware's ASGI half, which this WSGI app never calls.
class CORS(falcon.CORSMiddleware[falcon.asgi.Request, falcon.asgi.Response]):
    """Falcon's CORS middleware for the origins of CORS_ALLOWED_ORIGINS, with the contract's
    answer to the preflights it accepts. Falcon allows the methods the route has (its Allow
    header) but echoes whichever headers a preflight asks for and lets the browser keep that
    for a day; the API reads only Authorization and Content-Type, for CORS_MAX_AGE seconds."""

    def __init__(self, allow_origins: Iterable[str]) -> None:
        # Always a collection, never the string "*": an origin nobody listed is refused.
        super().__init__(allow_origins=tuple(allow_origins), expose_headers=CORS_EXPOSED_HEADERS)

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        super().process_response(req, resp, resource, req_succeeded)
        if resp.get_header("Access-Control-Allow-Methods") is not None:  # An accepted preflight.
            resp.set_header("Access-Control-Allow-Headers", ", ".join(CORS_ALLOWED_HEADERS))
            resp.set_header("Access-Control-Max-Age", str(CORS_MAX_AGE))


class DrainUnreadBody:
    """Reads what the app left of the request body, within a bound (contract.py says why):
    a client still sending then reads the answer (a 413, a 415, a 404 for a PUT) instead of a
    reset connection, and can reuse the connection."""

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        drain_unread_body(req.env)
