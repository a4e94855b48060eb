"""The service's WSGI middleware, the first step of etc/zope.ini's pipeline (Zope runs its
publisher inside WSGI pipelines): what every answer gets, whatever Zope made of the request.

The request id and the access line (logs.py), the security headers, CORS under /api (its
preflights answered here, before Zope), the rest of an unread body, and problem details for
what escapes Zope's publisher: a database that does not answer when a request opens it (503),
anything else (500).
"""

import io
import json
import logging
import time
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from .contract import (
    CORS_ANSWER_HEADERS,
    CORS_PREFLIGHT_HEADERS,
    MAX_BODY_BYTES,
    PROBLEM_CONTENT_TYPE,
    REQUEST_ID_HEADER,
    SECURITY_HEADERS,
    drain_unread_body,
    problem,
    request_id,
)
from .database import UNAVAILABLE_DETAIL, UNAVAILABLE_ERRORS
from .logs import REQUEST_ID, log_access

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
# Where an API request's Authorization header goes (api.py checks its bearer token): out of
# the way of Zope's user folder, which would take the API's tokens for its own credentials.
API_AUTHORIZATION = "{{ cookiecutter.project_slug }}.authorization"
# And its Content-Type (api.py reads the JSON bodies itself): Zope's form parser would parse a
# form body before traversal, and fails on a malformed one (a multipart type without boundary).
API_CONTENT_TYPE = "{{ cookiecutter.project_slug }}.content_type"


def is_preflight(environ: WSGIEnvironment) -> bool:
    return (
        environ["REQUEST_METHOD"] == "OPTIONS"
        and "HTTP_ORIGIN" in environ
        and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ
    )


class ServiceMiddleware:
    def __init__(self, application: WSGIApplication, allowed_origins: tuple[str, ...]) -> None:
        self.application = application
        self.allowed_origins = allowed_origins

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        server_input = environ["wsgi.input"]
        rid = request_id(environ.get("HTTP_X_REQUEST_ID"))
        token = REQUEST_ID.set(rid)
        status = 500
        extra = self.extra_headers(environ, rid)

        def respond(status_line: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            nonlocal status
            status = int(status_line.split(" ", 1)[0])
            kept = [(k, v) for k, v in headers if k.lower() not in self.replaced]
            return start_response(status_line, kept + extra, *args)

        try:
            if environ.get("PATH_INFO", "").startswith(API_PREFIX):
                if is_preflight(environ):
                    respond("204 No Content", [])
                    return []
                environ[API_AUTHORIZATION] = environ.pop("HTTP_AUTHORIZATION", None)
                environ[API_CONTENT_TYPE] = environ.get("CONTENT_TYPE", "")
                environ["CONTENT_TYPE"] = "application/octet-stream"
                environ["wsgi.input"] = self.replayable_body(environ)
            try:
                body = list(self.application(environ, respond))
            except UNAVAILABLE_ERRORS as error:
                logger.warning("The database is not answering: %s", error)
                return self.problem(respond, 503, UNAVAILABLE_DETAIL)
            except Exception:
                logger.exception(
                    "Unexpected error on %s %s",
                    environ["REQUEST_METHOD"],
                    environ.get("PATH_INFO"),
                )
                return self.problem(respond, 500, "The server could not answer the request.")
            if environ["REQUEST_METHOD"] == "HEAD":
                return []
            return body
        finally:
            # Otherwise the server closes the connection of a client still sending (a 413,
            # a 415): it would read a reset instead of the answer. The read is bounded.
            drain_unread_body({**environ, "wsgi.input": server_input})
            duration_ms = (time.perf_counter() - started) * 1000
            log_access(
                environ["REQUEST_METHOD"],
                environ.get("PATH_INFO", ""),
                status,
                duration_ms,
                environ.get("REMOTE_ADDR"),
            )
            REQUEST_ID.reset(token)

    @staticmethod
    def replayable_body(environ: WSGIEnvironment) -> io.BytesIO:
        """The body, up to one byte past the API's limit, in memory: Zope reads it again when
        it retries a request that conflicted with another. A longer one is a 413 anyway."""
        length = environ.get("CONTENT_LENGTH")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            return io.BytesIO()
        return io.BytesIO(environ["wsgi.input"].read(MAX_BODY_BYTES + 1))

    replaced = frozenset(name.lower() for name in [*SECURITY_HEADERS, REQUEST_ID_HEADER])

    def extra_headers(self, environ: WSGIEnvironment, rid: str) -> list[tuple[str, str]]:
        headers = [*SECURITY_HEADERS.items(), (REQUEST_ID_HEADER, rid)]
        if not environ.get("PATH_INFO", "").startswith(API_PREFIX):
            return headers
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin in self.allowed_origins:
            headers.append(("Access-Control-Allow-Origin", origin))
            extra = CORS_PREFLIGHT_HEADERS if is_preflight(environ) else CORS_ANSWER_HEADERS
            headers += extra.items()
        # The answer depends on Origin: caches must not hand one origin's answer to another.
        headers.append(("Vary", "Origin"))
        return headers

    @staticmethod
    def problem(respond: Any, status: int, detail: str) -> list[bytes]:
        title = HTTPStatus(status).phrase
        body = json.dumps(problem(status, title, detail)).encode()
        respond(
            f"{status} {title}",
            [("Content-Type", PROBLEM_CONTENT_TYPE), ("Content-Length", str(len(body)))],
        )
        return [body]


def service_filter(global_config: dict[str, str], **settings: str) -> Any:
    """PasteDeploy's filter factory (etc/zope.ini's `filter:service`)."""
    from . import config{% if cookiecutter.observability == "opentelemetry" %}, tracing{% endif %}

    def make(application: WSGIApplication) -> WSGIApplication:
{%- if cookiecutter.observability == "opentelemetry" %}
        if tracing.TRACING["on"]:
            application = tracing.instrument(application)
{%- endif %}
        return ServiceMiddleware(application, config.CORS_ALLOWED_ORIGINS)

    return make
