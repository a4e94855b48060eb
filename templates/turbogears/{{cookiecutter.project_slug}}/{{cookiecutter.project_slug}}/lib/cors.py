"""Cross-origin requests (CORS) to the API, as an application wrapper: TurboGears has no CORS
machinery of its own.

Browsers on the origins of CORS_ALLOWED_ORIGINS get `Access-Control-Allow-Origin` naming their
origin on every answer under /api, problems included, and their preflights are answered here
with what the contract lets them send (contract.CORS_*). Any other origin gets no
`Access-Control-Allow-Origin`, and its preflight an empty 204 the browser refuses.
"""

from typing import Any

from tg import Response
from tg.appwrappers.base import ApplicationWrapper

from ..contract import CORS_ANSWER_HEADERS, CORS_PREFLIGHT_HEADERS

API_PREFIX = "/api/"


def is_preflight(environ: dict[str, Any]) -> bool:
    return (
        environ["REQUEST_METHOD"] == "OPTIONS"
        and "HTTP_ORIGIN" in environ
        and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ
    )


class CorsWrapper(ApplicationWrapper):  # type: ignore[misc]  # TurboGears ships no type hints.
    def __init__(self, next_handler: Any, config: dict[str, Any]) -> None:
        super().__init__(next_handler, config)
        self.allowed_origins = frozenset(config["cors_allowed_origins"])

    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Response:
        if not environ["PATH_INFO"].startswith(API_PREFIX):
            response: Response = self.next_handler(controller, environ, context)
            return response
        origin = environ.get("HTTP_ORIGIN")
        if is_preflight(environ):
            # Answered here, before any transaction or controller: a preflight carries no token.
            response = Response(status=204)
            extra = CORS_PREFLIGHT_HEADERS
        else:
            response = self.next_handler(controller, environ, context)
            extra = CORS_ANSWER_HEADERS
        if origin in self.allowed_origins:
            response.headers.update({"Access-Control-Allow-Origin": origin, **extra})
        # The answer depends on Origin: caches must not hand one origin's answer to another.
        if "Origin" not in (response.vary or ()):
            response.vary = (*(response.vary or ()), "Origin")
        return response
