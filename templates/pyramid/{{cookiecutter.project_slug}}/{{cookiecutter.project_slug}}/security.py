"""Who may write: Pyramid's security policy, granting the `write` permission to a request whose
`Authorization: Bearer <token>` names one of API_TOKENS.

The write views ask for it (`permission=WRITE` in views/items.py); reads ask for none and stay
public. Pyramid checks the permission before it calls the view, so a refused write learns
nothing about the item or the database; the forbidden view (views/errors.py) answers it with
the 401 problem and its `WWW-Authenticate` challenge.
"""

from collections.abc import Collection
from typing import Any

from pyramid.config import Configurator
from pyramid.request import Request
from pyramid.security import Allowed, Denied

from .contract import bearer_token_is_valid

WRITE = "write"
# The identity of a request that carries a valid token: the tokens name no one.
API_CLIENT = "api-client"


class ApiTokenSecurityPolicy:
    """Bearer tokens only: no session, no cookie, so nothing to remember or forget."""

    def __init__(self, tokens: Collection[str]) -> None:
        self.tokens = tokens

    def identity(self, request: Request) -> str | None:
        authorization = request.headers.get("Authorization")
        return API_CLIENT if bearer_token_is_valid(authorization, self.tokens) else None

    def authenticated_userid(self, request: Request) -> str | None:
        userid: str | None = request.identity
        return userid

    def permits(self, request: Request, _context: Any, permission: str) -> Allowed | Denied:
        if permission == WRITE and request.identity is not None:
            return Allowed("A valid API token may write.")
        return Denied("%s needs a valid API token.", permission)

    def remember(self, _request: Request, _userid: str, **_kw: Any) -> list[tuple[str, str]]:
        return []

    def forget(self, _request: Request, **_kw: Any) -> list[tuple[str, str]]:
        return []


def includeme(config: Configurator) -> None:
    config.set_security_policy(ApiTokenSecurityPolicy(config.get_settings()["api_tokens"]))
