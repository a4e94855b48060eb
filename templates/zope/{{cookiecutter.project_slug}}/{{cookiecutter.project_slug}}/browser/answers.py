"""How the views answer: JSON bodies, and the zExceptions they raise for the contract's errors,
which the exception view (errors.py) turns into problem details."""

import json
from typing import Any

from zExceptions import HTTPException, HTTPUnprocessableEntity, MethodNotAllowed

from {{ cookiecutter.project_slug }}.contract import UNAUTHORIZED_DETAIL, WWW_AUTHENTICATE

JSON = "application/json"


def json_body(response: Any, body: Any, status: int = 200) -> str:
    response.setStatus(status)
    response.setHeader("Content-Type", JSON)
    return json.dumps(body)


class InvalidFields(HTTPUnprocessableEntity):  # type: ignore[misc]
    """A 422 that names each field that was refused."""

    def __init__(self, detail: str, errors: list[dict[str, str]]) -> None:
        super().__init__(detail)
        self.errors = errors


class TokenRequired(HTTPException):  # type: ignore[misc]
    """A 401 with RFC 6750's challenge: a write without a valid API token."""

    status = 401
    errmsg = "Unauthorized"

    def __init__(self) -> None:
        super().__init__(UNAUTHORIZED_DETAIL)
        self.setHeader("WWW-Authenticate", WWW_AUTHENTICATE)


def method_not_allowed(allowed: tuple[str, ...]) -> HTTPException:
    error = MethodNotAllowed("The method is not allowed on this resource.")
    error.setHeader("Allow", ", ".join(allowed))
    return error
