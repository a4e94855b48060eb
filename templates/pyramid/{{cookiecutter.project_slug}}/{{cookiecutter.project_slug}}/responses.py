"""What every response gets: the security headers, a drained request body (tweens) and a
Location left as sent."""

from collections.abc import Callable
from typing import Any

from pyramid.config import Configurator
from pyramid.registry import Registry
from pyramid.request import Request
from pyramid.response import Response
from pyramid.tweens import INGRESS

from .contract import SECURITY_HEADERS, drain_unread_body

Handler = Callable[[Request], Response]


class RelativeLocationResponse(Response):  # type: ignore[misc]  # Pyramid ships no type hints.
    """WebOb turns a Location path into an absolute URL built from the request's Host header;
    keep the path as the view set it (RFC 9110 allows a relative reference)."""

    def _abs_headerlist(self, _environ: dict[str, Any]) -> list[tuple[str, str]]:
        return list(self.headerlist)


def security_headers_tween_factory(handler: Handler, _registry: Registry) -> Handler:
    def security_headers_tween(request: Request) -> Response:
        response = handler(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return security_headers_tween


def drain_unread_body_tween_factory(handler: Handler, _registry: Registry) -> Handler:
    """Read what a view left of the request body (a 413 reads none of it), within a bound.

    Otherwise Granian closes the connection as soon as it has answered, and a client still
    sending its body gets a reset instead of the answer.
    """

    def drain_unread_body_tween(request: Request) -> Response:
        response = handler(request)
        drain_unread_body(request.environ)
        return response

    return drain_unread_body_tween


def includeme(config: Configurator) -> None:
    config.set_response_factory(lambda _request: RelativeLocationResponse())
    # Outermost, so that every response gets the headers, even one made after a failed commit.
    config.add_tween(f"{__name__}.security_headers_tween_factory", under=INGRESS)
    config.add_tween(f"{__name__}.drain_unread_body_tween_factory", under=INGRESS)
