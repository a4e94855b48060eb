"""Each request's id and its one access line (logs.py), through Bottle's request hooks."""

import time

from bottle import Bottle, request, response

from .contract import REQUEST_ID_HEADER, request_id
from .logs import REQUEST_ID, log_access

# Where each request keeps its id and the rest while it is served (its WSGI environ).
STARTED, ID, TOKEN = "request_log.started", "request_log.id", "request_log.token"


def start_request() -> None:
    environ = request.environ
    environ[STARTED] = time.perf_counter()
    environ[ID] = request_id(request.get_header(REQUEST_ID_HEADER))
    environ[TOKEN] = REQUEST_ID.set(environ[ID])


def finish_request() -> None:
    """The last after_request hook; the error handler (problems.py) calls it again, for the
    errors Bottle makes after the hooks have run (an exception in a hook): the header each
    time, the access line once."""
    environ = request.environ
    response.set_header(REQUEST_ID_HEADER, environ[ID])
    if (token := environ.pop(TOKEN, None)) is None:
        return
    duration_ms = (time.perf_counter() - environ[STARTED]) * 1000
    # REMOTE_ADDR, not request.remote_addr, which takes any client's X-Forwarded-For.
    client = environ.get("REMOTE_ADDR")
    log_access(request.method, request.path, response.status_code, duration_ms, client)
    # A server thread serves one request after another: no later line carries this id.
    REQUEST_ID.reset(token)


def install(app: Bottle) -> None:
    # Installed before every other hook: the first before_request hook, and the last
    # after_request one (Bottle runs those in reverse), so that it sees the final answer.
    app.add_hook("before_request", start_request)
    app.add_hook("after_request", finish_request)
