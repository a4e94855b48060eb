"""The service's Pyramid views: the hello page, the health check and the items API.

Reads are public; writes need an API token (`require_api_token`). The views query the
repository in RQL through the request's connection (`request.repo_cnx`); a write commits
before it answers, so that a failed commit is the client's error answer, never a success.
"""

import json
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from cubicweb import UnknownEid
from cubicweb.server.session import Connection
from pyramid.config import Configurator
from pyramid.httpexceptions import (
    HTTPBadRequest,
    HTTPNoContent,
    HTTPNotFound,
    HTTPRequestEntityTooLarge,
    HTTPUnauthorized,
    HTTPUnsupportedMediaType,
)
from pyramid.request import Request
from pyramid.response import Response
from webob.request import DisconnectionError

from {{ cookiecutter.project_slug }}.contract import (
    MAX_BODY_BYTES,
    MAX_ID,
    UNAUTHORIZED_DETAIL,
    WWW_AUTHENTICATE,
    PagingError,
    bearer_token_is_valid,
    requested_page,
)
from {{ cookiecutter.project_slug }}.schemas import ItemIn, parse_item

from .entities import Item

# Items with the attributes the API shows, in one query: CubicWeb fills each entity's
# attributes from the columns it selects (otherwise one more query per attribute read).
ITEMS = "Any X,N,D {} WHERE X is Item, X name N, X description D"
View = Callable[[Request], Any]
# What Pyramid passes a view's decorator: the view as it calls it, with its context.
ContextView = Callable[[Any, Request], Any]


def repo_cnx(request: Request) -> Connection:
    """A connection to the repository for this request, as the internal manager: the API's
    own access control is its token, checked before any write. What a view did not commit is
    rolled back when the request ends."""
    opened = ExitStack()
    connection = opened.enter_context(request.registry["cubicweb.repository"].internal_cnx())

    def finish(_request: Request) -> None:
        with opened:
            connection.rollback()

    request.add_finished_callback(finish)
    return connection


def require_api_token(view: ContextView) -> ContextView:
    """Refuse a write without a valid `Authorization: Bearer <token>` (401), before the view
    reads anything."""

    def checked(context: Any, request: Request) -> Any:
        tokens = request.registry.settings["api_tokens"]
        if not bearer_token_is_valid(request.headers.get("Authorization"), tokens):
            challenge = {"WWW-Authenticate": WWW_AUTHENTICATE}
            raise HTTPUnauthorized(UNAUTHORIZED_DETAIL, headers=challenge)
        return view(context, request)

    return checked


def item_from_body(request: Request) -> ItemIn:
    if request.content_type != "application/json":
        raise HTTPUnsupportedMediaType("Send the item as application/json.")
    too_large = HTTPRequestEntityTooLarge(f"The body is larger than {MAX_BODY_BYTES} bytes.")
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise too_large
    # Read at most one byte past the limit, also when no Content-Length was sent.
    try:
        body = request.body_file.read(MAX_BODY_BYTES + 1)
    except DisconnectionError:
        raise HTTPBadRequest("The client disconnected before sending the whole body.") from None
    if len(body) > MAX_BODY_BYTES:
        raise too_large
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise HTTPBadRequest("The body is not valid JSON.") from None
    return parse_item(payload)


def get_or_404(request: Request) -> Item:
    """The item of the path's id. Eids are shared by every entity type: the eid of a user or of
    a schema entity is no item, and a 404 like an eid nobody has. The type is asked first: RQL
    cannot type `X is Item, X eid 1` when entity 1 is of another type (a 500)."""
    eid = int(request.matchdict["id"])
    cnx = request.repo_cnx
    try:
        is_item = 0 < eid <= MAX_ID and cnx.entity_type(eid) == "Item"
    except UnknownEid:
        is_item = False
    if not is_item:
        raise HTTPNotFound(f"There is no item {eid}.")
    rows = cnx.execute(ITEMS.format("") + ", X eid %(eid)s", {"eid": eid})
    item: Item = rows.get_entity(0, 0)
    return item


def hello(_request: Request) -> Response:
    return Response("Hello World!", content_type="text/plain")


def health(request: Request) -> dict[str, str]:
    # A round trip to the database; one that does not answer is a 503 (problems.py).
    request.repo_cnx.system_sql("SELECT 1")
    return {"status": "ok"}


def list_items(request: Request) -> list[dict[str, Any]]:
    try:
        page = requested_page(request.GET.getall)
    except PagingError as error:
        raise HTTPBadRequest(str(error)) from None
    if page.past_every_item:
        return []
    rql = ITEMS.format(f"ORDERBY X LIMIT {page.limit} OFFSET {page.offset}")
    return [item.to_dict() for item in request.repo_cnx.execute(rql).entities()]


def create_item(request: Request) -> dict[str, Any]:
    data = item_from_body(request)
    cnx = request.repo_cnx
    item = cnx.create_entity("Item", name=data.name, description=data.description)
    cnx.commit()
    request.response.status_int = 201
    request.response.location = request.route_path("item", id=item.eid)
    return item.to_dict()  # type: ignore[no-any-return]


def get_item(request: Request) -> dict[str, Any]:
    return get_or_404(request).to_dict()


def replace_item(request: Request) -> dict[str, Any]:
    item = get_or_404(request)
    data = item_from_body(request)
    item.cw_set(name=data.name, description=data.description)
    request.repo_cnx.commit()
    return item.to_dict()


def delete_item(request: Request) -> HTTPNoContent:
    get_or_404(request).cw_delete()
    request.repo_cnx.commit()
    return HTTPNoContent()


def includeme(config: Configurator) -> None:
    config.add_request_method(repo_cnx, "repo_cnx", reify=True)
    config.add_route("hello", "/")
    config.add_route("health", "/health")
    config.add_route("items", "/api/items")
    # Only digits match: any other id is a 404 from the not-found view.
    config.add_route("item", r"/api/items/{id:\d+}")
    # No CSRF check: the API authenticates with a bearer token, never a cookie.
    view = config.add_view
    view(hello, route_name="hello", request_method="GET", require_csrf=False)
    view(health, route_name="health", request_method="GET", renderer="json", require_csrf=False)
    view(list_items, route_name="items", request_method="GET", renderer="json")
    view(get_item, route_name="item", request_method="GET", renderer="json")
    writes: list[tuple[View, str, str]] = [
        (create_item, "items", "POST"),
        (replace_item, "item", "PUT"),
        (delete_item, "item", "DELETE"),
    ]
    for write, route, method in writes:
        view(
            write,
            route_name=route,
            request_method=method,
            renderer="json",
            decorator=require_api_token,
            require_csrf=False,
        )
