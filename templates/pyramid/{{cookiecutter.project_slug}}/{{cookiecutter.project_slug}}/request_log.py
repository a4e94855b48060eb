"""Each request's id and its one access line (logs.py), as a tween over all the others."""

import time
from collections.abc import Callable

from pyramid.config import Configurator
from pyramid.registry import Registry
from pyramid.request import Request
from pyramid.response import Response
from pyramid.tweens import INGRESS

from . import responses
from .contract import REQUEST_ID_HEADER, request_id
from .logs import REQUEST_ID, log_access

Handler = Callable[[Request], Response]


def request_log_tween_factory(handler: Handler, _registry: Registry) -> Handler:
    def request_log_tween(request: Request) -> Response:
        started = time.perf_counter()
        token = REQUEST_ID.set(request_id(request.headers.get(REQUEST_ID_HEADER)))
        try:
            # The exception view tween below turns every error into an answer.
            response = handler(request)
            response.headers[REQUEST_ID_HEADER] = REQUEST_ID.get()
            duration_ms = (time.perf_counter() - started) * 1000
            status = response.status_code
            log_access(request.method, request.path, status, duration_ms, request.remote_addr)
            return response
        finally:
            # A server thread serves one request after another: no later line carries this id.
            REQUEST_ID.reset(token)

    return request_log_tween


def includeme(config: Configurator) -> None:
    # Over every other tween, the security headers' and the drain's (responses.py) included:
    # preflights and the problems of the exception views get the id and a line too, and the
    # time counts the whole answer.
    config.add_tween(
        f"{__name__}.request_log_tween_factory",
        under=INGRESS,
        over=(
            f"{responses.__name__}.security_headers_tween_factory",
            f"{responses.__name__}.drain_unread_body_tween_factory",
        ),
    )
