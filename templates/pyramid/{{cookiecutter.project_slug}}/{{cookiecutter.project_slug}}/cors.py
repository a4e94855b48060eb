"""Cross-origin requests (CORS) to the API, as a tween: Pyramid has no CORS machinery of its own.

Browsers on the origins of CORS_ALLOWED_ORIGINS get `Access-Control-Allow-Origin` naming their
origin on every answer under /api, problems included, and their preflights are answered here
with what the contract lets them send (contract.CORS_*). Any other origin gets no
`Access-Control-Allow-Origin`, and its preflight an empty 204 the browser refuses.
"""

from collections.abc import Callable

from pyramid.config import Configurator
from pyramid.registry import Registry
from pyramid.request import Request
from pyramid.response import Response
from pyramid.tweens import EXCVIEW

from . import responses
from .contract import (
    CORS_ALLOWED_HEADERS,
    CORS_ALLOWED_METHODS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
)

Handler = Callable[[Request], Response]
API_PREFIX = "/api/"

PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": ", ".join(CORS_ALLOWED_METHODS),
    "Access-Control-Allow-Headers": ", ".join(CORS_ALLOWED_HEADERS),
    "Access-Control-Max-Age": str(CORS_MAX_AGE),
}
EXPOSED_HEADERS = {"Access-Control-Expose-Headers": ", ".join(CORS_EXPOSED_HEADERS)}


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
            response = Response(status=204)
            extra = PREFLIGHT_HEADERS
        else:
            response = handler(request)
            extra = EXPOSED_HEADERS
        if origin in allowed_origins:
            response.headers.update({"Access-Control-Allow-Origin": origin, **extra})
        # The answer depends on Origin: caches must not hand one origin's answer to another.
        if "Origin" not in (response.vary or ()):
            response.vary = (*(response.vary or ()), "Origin")
        return response

    return cors_tween


def includeme(config: Configurator) -> None:
    # Under the security headers tween (responses.py), which so covers preflights too; over
    # the exception view tween, so that problems get the CORS headers a browser needs to read
    # them.
    config.add_tween(
        f"{__name__}.cors_tween_factory",
        under=f"{responses.__name__}.security_headers_tween_factory",
        over=EXCVIEW,
    )
