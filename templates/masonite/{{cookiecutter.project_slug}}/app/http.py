"""The application's response handler: what Masonite's `application` (wsgi.py) calls for each
request, in place of Masonite's `response_handler` (app/Kernel.py sets it).

It does what Masonite's does (boot the providers, which route the request, and answer with the
response they leave in the container) and what every answer needs, errors included: Masonite
skips a middleware's `after` when a route raises or no route matches, so the contract's
headers, CORS, the request id and the access line are set here.

Masonite keeps the request in progress and its response in the application's container, one
per process: one request at a time goes through it (a lock), while the server's other threads
read their requests' bodies and send their answers. A slow client then holds a thread, not
the process.

It reads the request body itself, within the contract's limit: Masonite's Request parses a JSON
body before any middleware runs, with no limit, and a body it cannot parse is an exception
raised outside the request it belongs to. Masonite gets an empty body; controllers read this
one with `request_body(request)`. It answers HEAD as GET without the body: Masonite's own
answer to HEAD is a 204.
"""

import io
import threading
import time
from collections.abc import Iterable
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

from masonite.configuration import config
from masonite.foundation import Application
from masonite.request import Request

from {{ cookiecutter.project_slug }}.contract import (
    CORS_ALLOWED_HEADERS,
    CORS_ALLOWED_METHODS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    MAX_BODY_BYTES,
    REQUEST_ID_HEADER,
    SECURITY_HEADERS,
    request_id,
)
from {{ cookiecutter.project_slug }}.logs import REQUEST_ID, log_access
{%- if cookiecutter.observability == "opentelemetry" %}

from .telemetry import name_route
{%- endif %}

# Where the request's own body and content type wait for the controllers, in its environ.
BODY = "service.body"
CONTENT_TYPE = "service.content_type"


class BodyTooLarge:
    """What BODY holds when the body is larger than MAX_BODY_BYTES."""


TOO_LARGE = BodyTooLarge()


def read_body(environ: WSGIEnvironment) -> bytes | BodyTooLarge:
    """The request body, or TOO_LARGE without reading it."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if length > MAX_BODY_BYTES:
        return TOO_LARGE
    stream = environ["wsgi.input"]
    if length >= 0:
        return bytes(stream.read(length))
    # A chunked body has no Content-Length: where the server ends the stream with it, read one
    # byte past the limit to tell.
    if not environ.get("wsgi.input_terminated"):
        return b""
    data = bytes(stream.read(MAX_BODY_BYTES + 1))
    return TOO_LARGE if len(data) > MAX_BODY_BYTES else data


def request_body(request: Request) -> tuple[str, bytes | BodyTooLarge]:
    """The request's content type and body, as the response handler read them."""
    environ = request.environ
    return environ.get(CONTENT_TYPE, ""), environ.get(BODY, b"")


class ResponseHandler:
    def __init__(self, application: Application) -> None:
        self.application = application
        self.lock = threading.Lock()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        # Kept until the process's next request sets its own: an error report sent after the
        # answer still names its request.
        REQUEST_ID.set(request_id(environ.get("HTTP_X_REQUEST_ID")))
        method = environ["REQUEST_METHOD"]
        masonite_environ = {
            **environ,
            BODY: read_body(environ),
            CONTENT_TYPE: environ.get("CONTENT_TYPE", ""),
            "CONTENT_TYPE": "",
            "CONTENT_LENGTH": "0",
            "wsgi.input": io.BytesIO(),
            "REQUEST_METHOD": "GET" if method == "HEAD" else method,
        }
        with self.lock:
            status, headers, content = self.respond(masonite_environ)
        headers = [
            (name, value)
            for name, value in headers
            if name.lower() not in {key.lower() for key in SECURITY_HEADERS}
        ]
        headers += list(SECURITY_HEADERS.items())
        headers.append((REQUEST_ID_HEADER, REQUEST_ID.get()))
        headers += cors_headers(environ, status)
        start_response(status, headers)
        duration_ms = (time.perf_counter() - started) * 1000
        log_access(
            method,
            environ.get("PATH_INFO") or "/",
            int(status.split(" ", 1)[0]),
            duration_ms,
            environ.get("REMOTE_ADDR"),
        )
        return [b""] if method == "HEAD" else [content]

    def respond(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        """Masonite's own response handler: the providers' boot methods route the request and
        leave the response in the container; an exception becomes the exception handler's."""
        self.application.bind("environ", environ)
        try:
            for provider in self.application.get_providers():
                self.application.resolve(provider.boot)
        except Exception as error:  # Every error becomes an answer (app/problems.py).
            self.application.make("exception_handler").handle(error)
{%- if cookiecutter.observability == "opentelemetry" %}
        name_route(self.application.make("request"))
{%- endif %}
        response = self.application.make("response")
        headers = response.get_headers() + response.cookie_jar.render_response()
        return response.get_status_code(), headers, response.get_response_content()


def cors_headers(environ: WSGIEnvironment, status: str) -> list[tuple[str, str]]:
    """CORS for the origins of CORS_ALLOWED_ORIGINS: none for any other origin."""
    origin = environ.get("HTTP_ORIGIN")
    if not origin or origin not in config("service.cors_allowed_origins"):
        return [("Vary", "Origin")] if origin else []
    headers = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
    preflight = environ["REQUEST_METHOD"] == "OPTIONS" and environ.get(
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD"
    )
    if preflight and status.startswith("2"):
        headers += [
            ("Access-Control-Allow-Methods", ", ".join(CORS_ALLOWED_METHODS)),
            ("Access-Control-Allow-Headers", ", ".join(CORS_ALLOWED_HEADERS)),
            ("Access-Control-Max-Age", str(CORS_MAX_AGE)),
        ]
    else:
        headers.append(("Access-Control-Expose-Headers", ", ".join(CORS_EXPOSED_HEADERS)))
    return headers
