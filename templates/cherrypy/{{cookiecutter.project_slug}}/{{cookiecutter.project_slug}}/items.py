"""The items API, served by CherryPy's MethodDispatcher: a resource class per URL, a method per
HTTP method. Methods a resource does not define get a 405 with the Allow header it implies.

    /api/items        ItemsResource: GET (list), POST (create), OPTIONS
    /api/items/<id>   ItemResource: GET, PUT (replace), DELETE, OPTIONS

Writes need an API token, and OPTIONS answers browsers' preflights: the API's tools do both
(access.py).
"""

import json
from collections.abc import Callable
from typing import Any, TypeVar, cast

import cherrypy
from sqlalchemy import select

from .contract import MAX_ID, PagingError, requested_page
from .database import request_session
from .models import Item
from .problems import UnprocessableContent
from .schemas import ItemIn, ItemValidationError, parse_item

# A query parameter is a string, or a list when it is repeated. CherryPy passes every one as
# a keyword argument and answers 404 to one the handler does not take: the handlers take
# `**_query`, so that unknown parameters are ignored, as HTTP APIs usually do.
QueryValue = str | list[str] | None
Handler = TypeVar("Handler", bound=Callable[..., Any])


def values(given: QueryValue) -> list[str]:
    """Every value of a query parameter, from what CherryPy passes for it."""
    if given is None:
        return []
    return [given] if isinstance(given, str) else given


def read_json(entity: Any) -> None:
    """The tools.json_in body processor: the decoded body in cherrypy.request.json.

    Reading through entity.fp enforces request.body.maxbytes (a 413 problem).
    """
    try:
        cherrypy.request.json = json.loads(entity.fp.read())
    except (ValueError, RecursionError):
        raise cherrypy.HTTPError(400, "The body is not valid JSON.") from None


def json_body(handler: Handler) -> Handler:
    """For POST and PUT: an application/json body (415 otherwise), decoded by read_json.

    No other handler reads a body (request.process_request_body is off in the app config), so
    a wrong method without one is a 405, not CherryPy's 411 Length Required.
    """
    handler = cherrypy.tools.json_in(content_type="application/json", processor=read_json)(handler)
    return cast(Handler, cherrypy.config(**{"request.process_request_body": True})(handler))


def item_from_body() -> ItemIn:
    try:
        return parse_item(cherrypy.request.json)
    except ItemValidationError as error:
        raise UnprocessableContent(error.errors) from None


def get_or_404(item_id: str) -> Item:
    try:
        number = int(item_id)
    except ValueError:
        number = 0
    item = request_session().get(Item, number) if 0 < number <= MAX_ID else None
    if item is None:
        raise cherrypy.HTTPError(404, f"There is no item {item_id}.")
    return item


class Preflight:
    """OPTIONS: a 204, whose Allow the MethodDispatcher sets; for a preflight from an allowed
    origin, tools.cors adds what its browser may send. No database session: a browser asks
    before its request, and the answer is the same whatever the database holds."""

    @cherrypy.config(**{"tools.db.on": False})
    def OPTIONS(self, **_params: QueryValue) -> None:
        cherrypy.response.status = 204


class ItemResource(Preflight):
    """/api/items/<id>: the id arrives as the keyword `item_id` (see ItemsResource).

    Keyword-only parameters: a further path segment, passed positionally, is a 404.
    """

    exposed = True

    @cherrypy.tools.json_out()
    def GET(self, *, item_id: str, **_query: QueryValue) -> dict[str, Any]:
        return get_or_404(item_id).to_dict()

    @json_body
    @cherrypy.tools.json_out()
    def PUT(self, *, item_id: str, **_query: QueryValue) -> dict[str, Any]:
        item = get_or_404(item_id)
        data = item_from_body()
        item.name, item.description = data.name, data.description
        request_session().commit()
        return item.to_dict()

    def DELETE(self, *, item_id: str, **_query: QueryValue) -> None:
        session = request_session()
        session.delete(get_or_404(item_id))
        session.commit()
        cherrypy.response.status = 204


@cherrypy.popargs("item_id", handler=ItemResource())
class ItemsResource(Preflight):
    """/api/items; one more path segment is an item id, handed on to ItemResource."""

    exposed = True

    @cherrypy.tools.json_out()
    def GET(
        self, *, limit: QueryValue = None, offset: QueryValue = None, **_query: QueryValue
    ) -> list[dict[str, Any]]:
        paging = {"limit": values(limit), "offset": values(offset)}
        try:
            page = requested_page(paging.__getitem__)
        except PagingError as error:
            raise cherrypy.HTTPError(400, str(error)) from None
        if page.past_every_item:
            return []
        query = select(Item).order_by(Item.id).limit(page.limit).offset(page.offset)
        return [item.to_dict() for item in request_session().scalars(query)]

    @json_body
    @cherrypy.tools.json_out()
    def POST(self, **_query: QueryValue) -> dict[str, Any]:
        data = item_from_body()
        item = Item(name=data.name, description=data.description)
        session = request_session()
        session.add(item)
        session.commit()
        cherrypy.response.status = 201
        cherrypy.response.headers["Location"] = f"/api/items/{item.id}"
        return item.to_dict()
