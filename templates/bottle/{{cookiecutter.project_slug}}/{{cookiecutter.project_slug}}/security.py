"""Who may write: a Bottle plugin on the API's write routes (POST, PUT, DELETE) that answers 401
unless `Authorization: Bearer <token>` names one of API_TOKENS. Reads are public."""

import functools
from collections.abc import Callable
from typing import Any

from bottle import HTTPError, request

from .contract import UNAUTHORIZED_DETAIL, WRITE_METHODS, WWW_AUTHENTICATE, bearer_token_is_valid


class ApiTokenPlugin:
    """Installed before the migration check and the database plugin, so it runs first: a
    client that may not write learns nothing about the item or the database. The tokens are
    the app's `api.tokens` setting (create_app)."""

    name = "api_token"
    api = 2

    def apply(self, callback: Callable[..., Any], route: Any) -> Callable[..., Any]:
        if route.method not in WRITE_METHODS or not route.rule.startswith("/api/"):
            return callback

        @functools.wraps(callback)
        def with_api_token(*args: Any, **kwargs: Any) -> Any:
            authorization = request.get_header("Authorization")
            if not bearer_token_is_valid(authorization, route.app.config["api.tokens"]):
                # The error handler (problems.py) keeps this header.
                challenge = {"WWW-Authenticate": WWW_AUTHENTICATE}
                raise HTTPError(401, UNAUTHORIZED_DETAIL, **challenge)
            return callback(*args, **kwargs)

        return with_api_token
