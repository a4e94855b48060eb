"""Who may write: a TurboGears predicate met by a request whose `Authorization: Bearer <token>`
names one of API_TOKENS.

The write methods of controllers/items.py are decorated with `require_api_token`; reads stay
public. TurboGears checks the predicate before it calls the method, so a refused write learns
nothing about the item or the database: the 401 carries RFC 6750's challenge.
"""

from typing import Any, NoReturn

from tg import config, require
from tg.exceptions import HTTPUnauthorized
from tg.predicates import Predicate

from ..contract import UNAUTHORIZED_DETAIL, WWW_AUTHENTICATE, bearer_token_is_valid


class has_api_token(Predicate):  # type: ignore[misc]  # noqa: N801  # named like tg.predicates'
    message = UNAUTHORIZED_DETAIL

    def evaluate(self, environ: dict[str, Any], _credentials: Any) -> None:
        if not bearer_token_is_valid(environ.get("HTTP_AUTHORIZATION"), config["api_tokens"]):
            self.unmet()


def challenge(reason: str) -> NoReturn:
    # Bearer tokens only: no session, no login page to send the client to.
    raise HTTPUnauthorized(reason, headers={"WWW-Authenticate": WWW_AUTHENTICATE})


require_api_token = require(has_api_token(), denial_handler=challenge)
