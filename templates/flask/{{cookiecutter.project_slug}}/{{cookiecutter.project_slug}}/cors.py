"""Cross-origin requests to the API: Flask-CORS for the origins of CORS_ALLOWED_ORIGINS, and
`Vary: Origin` on every API answer.

Flask-CORS adds that `Vary` only when several origins are allowed, but with one the answers
differ by Origin too: granted to the allowed origin, not to another or to a request without
one. A cache that kept one of them for the other would break the browser's read.
"""

from flask import Flask, Response, request
from flask_cors import CORS

from . import contract

API_PATHS = "/api/"


def init_app(app: Flask) -> None:
    # Registered before Flask-CORS's own hook, so that it runs after it (Flask runs these
    # hooks last registered first) and adds to a Vary that Flask-CORS may have set.
    app.after_request(vary_by_origin)
    CORS(
        app,
        resources=rf"{API_PATHS}*",
        origins=app.config["CORS_ALLOWED_ORIGINS"],
        methods=contract.CORS_ALLOWED_METHODS,
        allow_headers=contract.CORS_ALLOWED_HEADERS,
        expose_headers=contract.CORS_EXPOSED_HEADERS,
        max_age=contract.CORS_MAX_AGE,
    )


def vary_by_origin(response: Response) -> Response:
    if request.path.startswith(API_PATHS):
        response.vary.add("Origin")
    return response
