"""The base controller, what the dispatch takes from a request, and the method check
TGController's exposed methods need."""

from collections.abc import Callable
from typing import Any, TypeVar

from tg import Response, TGController, request
from tg.appwrappers.base import ApplicationWrapper
from tg.decorators import before_validate
from tg.exceptions import HTTPMethodNotAllowed

Action = TypeVar("Action", bound=Callable[..., Any])


class BaseController(TGController):  # type: ignore[misc]  # TurboGears ships no type hints.
    """Base class for the application's controllers: TGController's object dispatch."""


class QueryStringArgumentsWrapper(ApplicationWrapper):  # type: ignore[misc]  # no type hints
    """Controller arguments from the query string only.

    TurboGears would also parse a form body (urlencoded, or multipart) into them, before any
    controller could refuse it: the whole body, whatever its size, and a 500 for a multipart
    one without a boundary. The API reads its JSON bodies itself (controllers/items.py).
    """

    def __call__(self, controller: Any, environ: dict[str, Any], context: Any) -> Response:
        current = context.request
        # TurboGears' dispatch reads `args_params`, a property cached in the request's dict.
        current.__dict__["args_params"] = current.GET.mixed()
        response: Response = self.next_handler(controller, environ, context)
        return response


def method_not_allowed(allowed: set[str]) -> HTTPMethodNotAllowed:
    if "GET" in allowed:
        allowed = allowed | {"HEAD"}  # HEAD is answered like GET (WebOb drops the body).
    return HTTPMethodNotAllowed(
        f"{request.path} does not support {request.method}.",
        headers={"Allow": ", ".join(sorted(allowed))},
    )


def only(*methods: str) -> Callable[[Action], Action]:
    """Answer other methods with a 405: an exposed TGController method answers every method."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def check_method(*_args: Any, **_kw: Any) -> None:
        if request.method not in allowed:
            raise method_not_allowed(allowed)

    decorate: Callable[[Action], Action] = before_validate(check_method)
    return decorate
