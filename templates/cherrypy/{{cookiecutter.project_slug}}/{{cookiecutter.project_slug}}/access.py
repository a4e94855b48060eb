"""Who may use the API: the token that writes need (tools.api_token) and the origins whose
browsers may call it (tools.cors). Both are configured under /api (see application_config).

CherryPy has no CORS support of its own; the cherrypy-cors package is untyped and matches a
preflight's header names case-sensitively, while browsers send them in lower case. The
contract's few headers are set here instead.
"""

from collections.abc import Collection

import cherrypy
from cherrypy.lib import httputil, set_vary_header

from .contract import (
    CORS_ALLOWED_HEADERS,
    CORS_ALLOWED_METHODS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    WRITE_METHODS,
    bearer_token_is_valid,
)
from .problems import Unauthorized


def require_api_token(tokens: Collection[str] = ()) -> None:
    """tools.api_token, when a request starts and before tools.db: a write needs
    `Authorization: Bearer <token>` with one of `tokens` (API_TOKENS), or it is a 401. A
    refused client learns nothing of the item, its body or the database."""
    request = cherrypy.serving.request
    authorization = request.headers.get("Authorization")
    if request.method in WRITE_METHODS and not bearer_token_is_valid(authorization, tokens):
        raise Unauthorized()


def add_cors_headers(origins: Collection[str] = ()) -> None:
    """tools.cors, once the response is ready, errors included: an origin of `origins`
    (CORS_ALLOWED_ORIGINS) may read the response, and a preflight from it (answered by an
    OPTIONS handler, see items.Preflight) learns what its browser may send. Any other origin
    gets no Access-Control-Allow-Origin, and its browser keeps the response from it."""
    request, response = cherrypy.serving.request, cherrypy.serving.response
    if not origins:
        return
    # The answer depends on the Origin: a cache must not give one origin's to another.
    set_vary_header(response, "Origin")
    origin = request.headers.get("Origin")
    if origin not in origins:
        return
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = ", ".join(CORS_EXPOSED_HEADERS)
    preflight = request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers
    if preflight and httputil.valid_status(response.status)[0] < 300:
        response.headers["Access-Control-Allow-Methods"] = ", ".join(CORS_ALLOWED_METHODS)
        response.headers["Access-Control-Allow-Headers"] = ", ".join(CORS_ALLOWED_HEADERS)
        response.headers["Access-Control-Max-Age"] = str(CORS_MAX_AGE)


class CORSTool(cherrypy.Tool):
    """tools.cors: add_cors_headers on every response, as problems.Request adds the security
    headers: HTTPErrors pass through `before_finalize`, unexpected exceptions (a database
    that does not answer) through `after_error_response`."""

    def __init__(self) -> None:
        super().__init__("before_finalize", add_cors_headers)

    def _setup(self) -> None:
        super()._setup()
        origins = self._merged_args().get("origins", ())
        hooks = cherrypy.serving.request.hooks
        hooks.attach("after_error_response", add_cors_headers, origins=origins)
