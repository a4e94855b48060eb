"""The items API: /api/items and /api/items/{id}. Reads are public; writes need an API token
(lib/auth.py)."""

import json
from typing import Any

from sqlalchemy import select
from tg import expose, request, response
from tg.controllers import RestController
from tg.exceptions import (
    HTTPBadRequest,
    HTTPNotFound,
    HTTPRequestEntityTooLarge,
    HTTPUnsupportedMediaType,
)
from webob.request import DisconnectionError

from ..contract import MAX_BODY_BYTES, MAX_ID, PagingError, requested_page
from ..lib.auth import require_api_token
from ..lib.base import method_not_allowed
from ..model import DBSession, Item
from ..outside_transactions import read_outside_a_transaction
from ..schemas import ItemIn, parse_item

COLLECTION_METHODS = {"GET", "POST"}
ITEM_METHODS = {"GET", "PUT", "DELETE"}
# TurboGears renders the dict a method returns; these make its JSON renderer write one key's
# value alone: the list of items, or the item (model/item.py's __json__).
ALL_ITEMS = {"key": "items"}
ONE_ITEM = {"key": "item"}


def item_from_body() -> ItemIn:
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


def get_or_404(item_id: str) -> Item:
    number = int(item_id)  # _dispatch let only digits through.
    item = DBSession.get(Item, number) if 0 < number <= MAX_ID else None
    if item is None:
        raise HTTPNotFound(f"There is no item {number}.")
    return item


class ItemsController(RestController):  # type: ignore[misc]  # TurboGears ships no type hints.
    """RestController maps GET, POST, PUT and DELETE to the methods below. The body is JSON
    that item_from_body reads itself; the query string arrives as keyword arguments."""

    def _dispatch(self, state: Any, remainder: Any = None) -> Any:
        # Before RestController's own dispatch: only ASCII digits are ids (anything else is a
        # 404, never a method of this class), a method the path does not support is a 405
        # with Allow (RestController would answer 404), and HEAD is answered like GET.
        path = [part for part in (remainder or ()) if part]
        if len(path) > 1 or (path and not (path[0].isascii() and path[0].isdigit())):
            raise HTTPNotFound(f"There is nothing at {request.path}.")
        allowed = ITEM_METHODS if path else COLLECTION_METHODS
        method = "GET" if request.method == "HEAD" else request.method
        if method not in allowed:
            raise method_not_allowed(allowed)
        # Set here, RestController takes no `_method` parameter to override the request's.
        state.http_method = method.lower()
        return super()._dispatch(state, path)

    @expose("json", render_params=ALL_ITEMS)
    def get_all(self, **_params: str) -> dict[str, Any]:
        try:
            page = requested_page(request.GET.getall)
        except PagingError as error:
            raise HTTPBadRequest(str(error)) from None
        if page.past_every_item:
            return {"items": []}
        query = select(Item).order_by(Item.id).limit(page.limit).offset(page.offset)
        read_outside_a_transaction(DBSession())
        items = DBSession.scalars(query)
        return {"items": list(items)}

    @expose("json", render_params=ONE_ITEM)
    @require_api_token
    def post(self, **_params: str) -> dict[str, Item]:
        data = item_from_body()
        item = Item(name=data.name, description=data.description)
        DBSession.add(item)
        DBSession.flush()  # Assigns the id; the transaction manager commits after the return.
        response.status_int = 201
        response.location = f"{request.path.removesuffix('/')}/{item.id}"
        return {"item": item}

    @expose("json", render_params=ONE_ITEM)
    def get_one(self, item_id: str, **_params: str) -> dict[str, Item]:
        read_outside_a_transaction(DBSession())
        return {"item": get_or_404(item_id)}

    @expose("json", render_params=ONE_ITEM)
    @require_api_token
    def put(self, item_id: str, **_params: str) -> dict[str, Item]:
        item = get_or_404(item_id)
        data = item_from_body()
        item.name, item.description = data.name, data.description
        return {"item": item}

    @expose()
    @require_api_token
    def post_delete(self, item_id: str, **_params: str) -> None:
        DBSession.delete(get_or_404(item_id))
        DBSession.flush()  # Gone for the rest of this transaction, and errors show here.
        # None: TurboGears answers 204 No Content.
