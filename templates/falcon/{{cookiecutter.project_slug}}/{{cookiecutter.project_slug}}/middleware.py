"""Middleware components that every response passes through, errors included."""

import time
from collections.abc import Iterable
from typing import Any

import falcon
import falcon.asgi

from .contract import (
    CORS_ALLOWED_HEADERS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    REQUEST_ID_HEADER,
    SECURITY_HEADERS,
    drain_unread_body,
    request_id,
)
from .logs import REQUEST_ID, log_access


class RequestLog:
    """Each request's id (logs.REQUEST_ID, the X-Request-ID answer header) and its one access
    line. First of the app's middleware: its process_request runs before any other's, and its
    process_response after all others', on the final answer, whatever the request raised."""

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        req.context.started = time.perf_counter()
        incoming = req.get_header(REQUEST_ID_HEADER)
        # Kept past process_response, until the thread's next request sets its own: Falcon
        # serializes the media after the middleware, and an answer that fails to serialize must
        # still name its request in its error line and its error report.
        REQUEST_ID.set(request_id(incoming))

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        resp.set_header(REQUEST_ID_HEADER, REQUEST_ID.get())
        duration_ms = (time.perf_counter() - req.context.started) * 1000
        log_access(req.method, req.path, resp.status_code, duration_ms, req.remote_addr)


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
    for a day; the API reads only Authorization and Content-Type, for CORS_MAX_AGE seconds.
    Falcon sets no `Vary: Origin`, yet an answer granted to an allowed origin is not granted
    to another or to a request without one: a cache must not serve one for the other."""

    def __init__(self, allow_origins: Iterable[str]) -> None:
        # Always a collection, never the string "*": an origin nobody listed is refused.
        super().__init__(allow_origins=tuple(allow_origins), expose_headers=CORS_EXPOSED_HEADERS)

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        super().process_response(req, resp, resource, req_succeeded)
        resp.append_header("Vary", "Origin")
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
