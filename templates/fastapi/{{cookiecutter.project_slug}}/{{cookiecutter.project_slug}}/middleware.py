"""Pure ASGI middleware: no extra task per request, unlike `@app.middleware("http")`."""

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import cors
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .contract import REQUEST_ID_HEADER, SECURITY_HEADERS, request_id
from .logs import REQUEST_ID, log_access
from .problems import problem

logger = logging.getLogger(__name__)


class RequestLogMiddleware:
    """Each request's id (logs.REQUEST_ID, the X-Request-ID answer header) and its one access
    line, for every answer. It wraps the whole app (main.py), Starlette's ServerErrorMiddleware
    included, so that the 500s get both too.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        token = REQUEST_ID.set(request_id(Headers(scope=scope).get(REQUEST_ID_HEADER)))
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = REQUEST_ID.get()
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # ServerErrorMiddleware has answered 500 and re-raises for the server to log: log
            # it here, once, through the root logger, instead of the server's own format.
            logger.exception("Unhandled error in %s %s", scope["method"], scope["path"])
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            client = scope.get("client")
            log_access(scope["method"], scope["path"], status, duration_ms, client and client[0])
            REQUEST_ID.reset(token)


class SecurityHeadersMiddleware:
    """Add the security headers to every response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ProblemCORSMiddleware(cors.CORSMiddleware):
    """Starlette's CORS middleware, with a refused preflight (an origin, method or header not
    allowed) answered as a problem: Starlette's own 400 is plain text, and every 4xx of the
    contract is application/problem+json. Its CORS headers (Vary, the allowed methods) stay.
    """

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        cors_headers = {
            name: value
            for name, value in response.headers.items()
            if name.startswith("access-control-") or name == "vary"
        }
        # The detail is Starlette's text, e.g. "Disallowed CORS origin".
        return problem(response.status_code, bytes(response.body).decode(), cors_headers)


class BodyLimitMiddleware:
    """413 for a request body over `max_body_bytes`: by its Content-Length before routing, or
    as the body streams in, when it has none (chunked) or sends more than it announced.

    FastAPI's own `max_body_size` answers some 413s in plain text, outside the middleware
    that adds the security headers; this one always answers a problem.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.detail = f"The request body is larger than {max_body_bytes} bytes."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        content_length = Headers(scope=scope).get("content-length", "")
        declared = content_length.isascii() and content_length.isdigit()
        if declared and int(content_length) > self.max_body_bytes:
            await discard_body(receive)
            await problem(413, self.detail)(scope, receive, send)
            return

        received = 0

        async def receive_with_limit() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body_bytes:
                if message.get("more_body", False):
                    await discard_body(receive)
                # Handled by the app's HTTPException handler like any other error.
                raise HTTPException(413, self.detail)
            return message

        await self.app(scope, receive_with_limit, send)


async def discard_body(receive: Receive) -> None:
    """Read and drop the rest of a refused body before answering 413, so the connection stays
    usable. Left unread, Granian answered the 413 and then dropped the connection without
    `Connection: close`, and a keep-alive client's next request on it failed (19 of 100).
    """
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


class HeadAsGetMiddleware:
    """Answer HEAD as GET without the body (RFC 9110): FastAPI routes a GET route's HEAD to 405.

    The GET's headers, Content-Length included, go out unchanged.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
