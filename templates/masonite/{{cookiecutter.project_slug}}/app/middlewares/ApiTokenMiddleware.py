"""Route middleware ("api.token" in app/Kernel.py) of the API's writes: a request without one
of the API_TOKENS, as `Authorization: Bearer <token>`, is refused before the controller runs."""

from masonite.configuration import config
from masonite.middleware import Middleware
from masonite.request import Request
from masonite.response import Response

from {{ cookiecutter.project_slug }}.contract import (
    UNAUTHORIZED_DETAIL,
    WWW_AUTHENTICATE,
    bearer_token_is_valid,
)

from ..problems import ApiError


class ApiTokenMiddleware(Middleware):  # type: ignore[misc]
    def before(self, request: Request, response: Response) -> Request:
        tokens = config("service.api_tokens")
        if not bearer_token_is_valid(request.header("Authorization"), tokens):
            raise ApiError(401, UNAUTHORIZED_DETAIL, {"WWW-Authenticate": WWW_AUTHENTICATE})
        return request

    def after(self, request: Request, response: Response) -> Request:
        return request
