"""Middleware components that every response passes through, errors included."""

from typing import Any

import falcon

from .contract import SECURITY_HEADERS, drain_unread_body


class SecurityHeaders:
    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        resp.set_headers(SECURITY_HEADERS)


class DrainUnreadBody:
    """Reads what the app left of the request body, within a bound (contract.py says why):
    a client still sending then reads the answer (a 413, a 415, a 404 for a PUT) instead of a
    reset connection, and can reuse the connection."""

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: Any, req_succeeded: bool
    ) -> None:
        drain_unread_body(req.env)
