"""Cross-origin requests (CORS) from the browsers of the origins in CORS_ALLOWED_ORIGINS.

Small glue in Sanic's idiom rather than Sanic Extensions, the CORS that Sanic's docs point to:
sanic-ext 25.12 imports pydantic without declaring it (a clean install fails to import it), so
it would bring pydantic and PyYAML, which this service does not use, and half a second more of
import per process on a busy 2-core machine; and, once installed, Sanic applies all of it to
the app (OpenAPI pages, a dependency-injection signal on every request, OPTIONS and HEAD routes
for every path) unless each part is turned off. Here: an OPTIONS route on the API's paths
(blueprints/items.py) answers preflights, and a response middleware adds the headers.
"""

from sanic.response import BaseHTTPResponse, HTTPResponse, empty

from .context import ServiceApp, ServiceRequest
from .contract import CORS_ANSWER_HEADERS, CORS_PREFLIGHT_HEADERS


def is_preflight(request: ServiceRequest) -> bool:
    return request.method == "OPTIONS" and "access-control-request-method" in request.headers


async def preflight(_request: ServiceRequest, **_path: object) -> HTTPResponse:
    """OPTIONS: a 204, which add_cors_headers completes for an allowed origin. From another
    origin it stays a bare 204, and the browser refuses the request it was asked about."""
    return empty()


async def add_cors_headers(request: ServiceRequest, response: BaseHTTPResponse) -> None:
    """Response middleware (errors included): the CORS headers for an allowed origin."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    # The answer depends on the origin: a shared cache must not give one origin's to another.
    response.headers.add("Vary", "Origin")
    if origin not in request.app.config.CORS_ALLOWED_ORIGINS:
        return
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers.update(
        CORS_PREFLIGHT_HEADERS if is_preflight(request) else CORS_ANSWER_HEADERS
    )


def register(app: ServiceApp) -> None:
    app.middleware(add_cors_headers, "response")
