"""What every answer gets, as Pyramid tweens over all the others: the request's id and its one
access line (logs.py), the security headers, CORS for the API and a drained request body (the
same tweens in every template built on Pyramid).

Browsers on the origins of CORS_ALLOWED_ORIGINS get `Access-Control-Allow-Origin` naming their
origin on every answer under /api, problems included, and their preflights are answered here
with what the contract lets them send (contract.CORS_*). Any other origin gets no
`Access-Control-Allow-Origin`, and its preflight an empty 204 the browser refuses.
"""

import time
from collections.abc import Callable
from typing import Any

from pyramid.config import Configurator
from pyramid.registry import Registry
from pyramid.request import Request
from pyramid.response import Response
from pyramid.tweens import EXCVIEW, INGRESS

from .contract import (
    CORS_ANSWER_HEADERS,
    CORS_PREFLIGHT_HEADERS,
    REQUEST_ID_HEADER,
    SECURITY_HEADERS,
    drain_unread_body,
    request_id,
)
from .logs import REQUEST_ID, log_access

Handler = Callable[[Request], Response]
API_PREFIX = "/api/"


class RelativeLocationResponse(Response):  # type: ignore[misc]  # Pyramid ships no type hints.
    """WebOb turns a Location path into an absolute URL built from the request's Host header;
    keep the path as the view set it (RFC 9110 allows a relative reference)."""

    def _abs_headerlist(self, _environ: dict[str, Any]) -> list[tuple[str, str]]:
        return list(self.headerlist)


def request_log_tween_factory(handler: Handler, _registry: Registry) -> Handler:
    """The request's id, in its answer and its log lines, and its one access line."""

    def request_log_tween(request: Request) -> Response:
        started = time.perf_counter()
        token = REQUEST_ID.set(request_id(request.headers.get(REQUEST_ID_HEADER)))
        try:
            # The exception view tween below turns every error into an answer.
            response = handler(request)
            response.headers[REQUEST_ID_HEADER] = REQUEST_ID.get()
            # The bounded read of what the view left of the body (a 413 reads none of it):
            # otherwise the server closes the connection of a client still sending as soon as
            # it has answered, and the client gets a reset instead of the answer.
            drain_unread_body(request.environ)
            duration_ms = (time.perf_counter() - started) * 1000
            status = response.status_code
            log_access(request.method, request.path, status, duration_ms, request.remote_addr)
            return response
        finally:
            # A server thread serves one request after another: no later line carries this id.
            REQUEST_ID.reset(token)

    return request_log_tween


def security_headers_tween_factory(handler: Handler, _registry: Registry) -> Handler:
    def security_headers_tween(request: Request) -> Response:
        response = handler(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return security_headers_tween


def is_preflight(request: Request) -> bool:
    return (
        request.method == "OPTIONS"
        and "Origin" in request.headers
        and "Access-Control-Request-Method" in request.headers
    )


def cors_tween_factory(handler: Handler, registry: Registry) -> Handler:
    allowed_origins = frozenset(registry.settings["cors_allowed_origins"])

    def cors_tween(request: Request) -> Response:
        if not request.path_info.startswith(API_PREFIX):
            return handler(request)
        origin = request.headers.get("Origin")
        if is_preflight(request):
            # Answered here, before any transaction or view: a preflight carries no token.
            response, extra = Response(status=204), CORS_PREFLIGHT_HEADERS
        else:
            response, extra = handler(request), CORS_ANSWER_HEADERS
        if origin in allowed_origins:
            response.headers.update({"Access-Control-Allow-Origin": origin, **extra})
        # The answer depends on Origin: caches must not hand one origin's answer to another.
        if "Origin" not in (response.vary or ()):
            response.vary = (*(response.vary or ()), "Origin")
        return response

    return cors_tween


def includeme(config: Configurator) -> None:
    config.set_response_factory(lambda _request: RelativeLocationResponse())
    # Outermost the request log, which so times and names every answer, a preflight's and a
    # problem's included; then the security headers, on every answer, even one made after a
    # failed commit; then CORS, over the exception view tween, so that problems get the CORS
    # headers a browser needs to read them.
    config.add_tween(f"{__name__}.request_log_tween_factory", under=INGRESS)
    config.add_tween(
        f"{__name__}.security_headers_tween_factory", under=f"{__name__}.request_log_tween_factory"
    )
    config.add_tween(
        f"{__name__}.cors_tween_factory",
        under=f"{__name__}.security_headers_tween_factory",
        over=EXCVIEW,
    )
