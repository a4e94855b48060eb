"""Cross-origin requests (CORS) to the API, as two hooks: Bottle has no CORS support of its own.

Browsers on the origins of the app's `cors.allowed_origins` setting (CORS_ALLOWED_ORIGINS) get
`Access-Control-Allow-Origin` naming their origin on every answer under /api, problems
included, and their preflights are answered before routing with what the contract lets them
send (contract.CORS_*). Any other origin gets no `Access-Control-Allow-Origin`, and its
preflight an empty 204 that the browser refuses.
"""

from bottle import Bottle, HTTPResponse, request, response

from .contract import CORS_ANSWER_HEADERS, CORS_PREFLIGHT_HEADERS

API_PREFIX = "/api/"


def is_preflight() -> bool:
    return (
        request.method == "OPTIONS"
        and request.get_header("Origin") is not None
        and request.get_header("Access-Control-Request-Method") is not None
    )


def answer_preflight() -> None:
    """before_request hook: a preflight under /api is answered here, before routing (no route
    takes OPTIONS); the after_request hooks then add the CORS and security headers."""
    if request.path.startswith(API_PREFIX) and is_preflight():
        raise HTTPResponse(status=204)


def add_cors_headers() -> None:
    """after_request hook, and called again by the error handler (problems.py) for the errors
    Bottle makes after the hooks have run."""
    if not request.path.startswith(API_PREFIX):
        return
    origin = request.get_header("Origin")
    if origin is not None and origin in request.app.config["cors.allowed_origins"]:
        response.set_header("Access-Control-Allow-Origin", origin)
        extra = CORS_PREFLIGHT_HEADERS if is_preflight() else CORS_ANSWER_HEADERS
        for name, value in extra.items():
            response.set_header(name, value)
    # The answer depends on Origin: caches must not hand one origin's answer to another.
    vary = [value.strip() for value in response.get_header("Vary", "").split(",") if value]
    if "Origin" not in vary:
        response.set_header("Vary", ", ".join([*vary, "Origin"]))


def install(app: Bottle) -> None:
    app.add_hook("before_request", answer_preflight)
    app.add_hook("after_request", add_cors_headers)
