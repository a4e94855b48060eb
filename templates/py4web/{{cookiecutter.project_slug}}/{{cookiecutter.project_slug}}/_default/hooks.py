"""What every answer gets, errors included, through the hooks of the WSGI app py4web builds on
(ombott's): the request id and the access line (logs.py), the security headers, CORS under
/api, and problem details for the errors ombott makes itself (an unknown path: 404, a wrong
method: 405 with Allow).

Fixtures (fixtures.py) wrap actions only; these hooks see every request, preflights and
unknown paths too.
"""

import json
import time
from http import HTTPStatus
from typing import Any

from py4web import request, response
from py4web.core import bottle

from {{ cookiecutter.project_slug }}.contract import (
    CORS_ANSWER_HEADERS,
    CORS_PREFLIGHT_HEADERS,
    PROBLEM_CONTENT_TYPE,
    REQUEST_ID_HEADER,
    SECURITY_HEADERS,
    drain_unread_body,
    problem,
    request_id,
)
from {{ cookiecutter.project_slug }}.logs import REQUEST_ID, log_access

from . import settings

API_PREFIX = "/api/"
# Where each request keeps its id and the rest while it is served (its WSGI environ).
STARTED, ID, TOKEN = "request_log.started", "request_log.id", "request_log.token"
PREFLIGHT = "cors.preflight"


def start_request() -> None:
    environ = request.environ
    environ[STARTED] = time.perf_counter()
    environ[ID] = request_id(request.headers.get(REQUEST_ID_HEADER))
    environ[TOKEN] = REQUEST_ID.set(environ[ID])
    if request.path.startswith(API_PREFIX) and is_preflight():
        # No action takes OPTIONS: a preflight is answered before routing. An HTTPResponse
        # brings its own headers, in place of those the hooks set.
        environ[PREFLIGHT] = True
        response.status = 204  # What the access line reports.
        preflight = bottle.HTTPResponse(status=204)
        add_headers(preflight)
        raise preflight


def is_preflight() -> bool:
    return (
        request.method == "OPTIONS"
        and request.headers.get("Origin") is not None
        and request.headers.get("Access-Control-Request-Method") is not None
    )


def add_headers(answer: Any = response) -> None:
    """The security headers, the request id and CORS: after each request, and again in the
    error handler, since an error answer replaces the headers the hooks set."""
    headers = answer.headers
    headers.update(SECURITY_HEADERS)
    # setdefault: ombott refuses a path that is not UTF-8 before the hooks run.
    headers[REQUEST_ID_HEADER] = request.environ.setdefault(ID, request_id(None))
    if not request.path.startswith(API_PREFIX):
        return
    origin = request.headers.get("Origin")
    if origin is not None and origin in settings.CORS_ALLOWED_ORIGINS:
        headers["Access-Control-Allow-Origin"] = origin
        headers.update(CORS_PREFLIGHT_HEADERS if is_preflight() else CORS_ANSWER_HEADERS)
    # The answer depends on Origin: caches must not hand one origin's answer to another.
    vary = [value.strip() for value in headers.get("Vary", "").split(",") if value]
    if "Origin" not in vary:
        headers["Vary"] = ", ".join([*vary, "Origin"])


def after_request() -> None:
    """The last hook: the headers, then the rest of finish_request(), unless ombott is making
    an error answer itself (an unknown path: 404, a wrong method: 405). It sets that status after
    the hooks, so the error handler, which sees it, finishes those requests."""
    add_headers()
    if request.environ.get("ombott.route") is not None or request.environ.get(PREFLIGHT):
        finish_request()


def finish_request() -> None:
    """What an action left of the body, and the access line, once."""
    environ = request.environ
    # Otherwise the server closes the connection of a client still sending (a 413, a 415):
    # it would read a reset instead of the answer. The read is bounded.
    drain_unread_body(environ)
    if (token := environ.pop(TOKEN, None)) is None:
        return
    duration_ms = (time.perf_counter() - environ[STARTED]) * 1000
    # REMOTE_ADDR, not request.remote_addr, which takes any client's X-Forwarded-For.
    client = environ.get("REMOTE_ADDR")
    log_access(request.method, request.path, response.status_code, duration_ms, client)
    # A server thread serves one request after another: no later line carries this id.
    REQUEST_ID.reset(token)


def problem_page(error: Any) -> str:
    """ombott's error handler, for every status: problem details instead of an HTML page."""
    status: int = error.status_code
    title = HTTPStatus(status).phrase
    detail = error.body if isinstance(error.body, str) and error.body else title
    add_headers()
    finish_request()
    response.headers["Content-Type"] = PROBLEM_CONTENT_TYPE
    return json.dumps(problem(status, title, detail))


def install() -> None:
    """Hook into the one WSGI app py4web serves; again after py4web imports the app anew."""
    app = bottle.default_app()
    for name, hook in (("before_request", start_request), ("after_request", after_request)):
        # Those of an earlier import of this module, which py4web's reload leaves in place.
        for earlier in [h for h in app._hooks[name] if h.__module__ == hook.__module__]:
            app.remove_hook(name, earlier)
        app.add_hook(name, hook)
    # py4web's own 404 page is HTML; every other error goes to the default handler.
    app.error_handlers.pop(404, None)
    app.default_error_handler = problem_page
