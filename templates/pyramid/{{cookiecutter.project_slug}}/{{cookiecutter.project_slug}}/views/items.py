"""The items API: /api/items and /api/items/{id}. Reads are public; writes need the `write`
permission, which a valid API token grants (security.py)."""

import json
from typing import Any

from pyramid.httpexceptions import (
    HTTPBadRequest,
    HTTPNoContent,
    HTTPNotFound,
    HTTPRequestEntityTooLarge,
    HTTPUnsupportedMediaType,
)
from pyramid.request import Request
from pyramid.view import view_config
from sqlalchemy import select
from webob.request import DisconnectionError

from ..contract import MAX_BODY_BYTES, MAX_ID, PagingError, requested_page
from ..models import Item
from ..outside_transactions import read_outside_a_transaction
from ..schemas import ItemIn, parse_item
from ..security import WRITE


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
        # The client went away mid-body: nobody reads this answer, but the log shows a 400
        # instead of an unexpected error with its traceback.
        raise HTTPBadRequest("The client disconnected before sending the whole body.") from None
    if len(body) > MAX_BODY_BYTES:
        raise too_large
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise HTTPBadRequest("The body is not valid JSON.") from None
    return parse_item(payload)


def get_or_404(request: Request) -> Item:
    item_id = int(request.matchdict["id"])
    item: Item | None = request.dbsession.get(Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise HTTPNotFound(f"There is no item {item_id}.")
    return item


@view_config(route_name="items", request_method="GET", renderer="json")
def list_items(request: Request) -> list[dict[str, Any]]:
    try:
        page = requested_page(request.GET.getall)
    except PagingError as error:
        raise HTTPBadRequest(str(error)) from None
    if page.past_every_item:
        return []
    query = select(Item).order_by(Item.id).limit(page.limit).offset(page.offset)
    read_outside_a_transaction(request.dbsession)
    items = request.dbsession.scalars(query)
    return [item.to_dict() for item in items]


@view_config(route_name="items", request_method="POST", renderer="json", permission=WRITE)
def create_item(request: Request) -> dict[str, Any]:
    data = item_from_body(request)
    item = Item(name=data.name, description=data.description)
    request.dbsession.add(item)
    request.dbsession.flush()  # Assigns the id; pyramid_tm commits after the view returns.
    request.response.status_int = 201
    request.response.location = request.route_path("item", id=item.id)
    return item.to_dict()


@view_config(route_name="item", request_method="GET", renderer="json")
def get_item(request: Request) -> dict[str, Any]:
    read_outside_a_transaction(request.dbsession)
    return get_or_404(request).to_dict()


@view_config(route_name="item", request_method="PUT", renderer="json", permission=WRITE)
def replace_item(request: Request) -> dict[str, Any]:
    item = get_or_404(request)
    data = item_from_body(request)
    item.name, item.description = data.name, data.description
    return item.to_dict()


@view_config(route_name="item", request_method="DELETE", permission=WRITE)
def delete_item(request: Request) -> HTTPNoContent:
    request.dbsession.delete(get_or_404(request))
    request.dbsession.flush()  # Gone for the rest of this transaction, and errors show here.
    return HTTPNoContent()
