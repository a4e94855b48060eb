"""Each request's id and its one access line (logs.py), through Flask's request hooks."""

import time

from flask import Flask, Response, g, request

from .contract import REQUEST_ID_HEADER, request_id
from .logs import REQUEST_ID, log_access


def start_request() -> None:
    g.request_started = time.perf_counter()
    g.request_id_token = REQUEST_ID.set(request_id(request.headers.get(REQUEST_ID_HEADER)))


def finish_request(response: Response) -> Response:
    """Runs for every answer, errors included (Flask finalizes those through it too)."""
    response.headers[REQUEST_ID_HEADER] = REQUEST_ID.get()
    duration_ms = (time.perf_counter() - g.request_started) * 1000
    status = response.status_code
    log_access(request.method, request.path, status, duration_ms, request.remote_addr)
    return response


def end_request(_error: BaseException | None) -> None:
    # Threads serve one request after another: no line after this one carries its id.
    if token := g.pop("request_id_token", None):
        REQUEST_ID.reset(token)


def init_app(app: Flask) -> None:
    # First of every hook, so that a request refused by another hook has an id and a line too.
    app.before_request_funcs.setdefault(None, []).insert(0, start_request)
    app.after_request(finish_request)
    app.teardown_request(end_request)
