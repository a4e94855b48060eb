"""Each request's id and its one access line (logs.py), as Django middleware.

First in MIDDLEWARE (settings/base.py), so that it wraps every other: the answers of the
security and CORS middleware (preflights included) and the error views get the id and a line.
"""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from .contract import REQUEST_ID_HEADER, request_id
from .logs import REQUEST_ID, log_access


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        token = REQUEST_ID.set(request_id(request.headers.get(REQUEST_ID_HEADER)))
        try:
            # Django turns the exceptions of the inner middleware and views into answers.
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = REQUEST_ID.get()
            duration_ms = (time.perf_counter() - started) * 1000
            method, client = request.method or "", request.META.get("REMOTE_ADDR")
            log_access(method, request.path, response.status_code, duration_ms, client)
            return response
        finally:
            # A server thread serves one request after another: no later line carries this id.
            REQUEST_ID.reset(token)
