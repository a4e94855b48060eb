"""The items API: one resource on two routes (routes.py), its item responders named with the
route's suffix "item".

    /api/items              on_get (list), on_post (create)
    /api/items/{item_id}    on_get_item, on_put_item (replace), on_delete_item

A method the resource has no responder for is Falcon's 405, with Allow. Reads are public;
writes need an API token (require_api_token).
"""

from collections.abc import Collection
from typing import Any

import falcon
from sqlalchemy import select

from ..contract import (
    MAX_ID,
    UNAUTHORIZED_DETAIL,
    WRITE_METHODS,
    WWW_AUTHENTICATE,
    PagingError,
    bearer_token_is_valid,
    requested_page,
)
from ..database import Database, request_session
from ..models import Item
from ..schemas import ItemIn, parse_item


def require_api_token(
    req: falcon.Request, resp: falcon.Response, resource: Any, params: dict[str, Any]
) -> None:
    """Hook before every responder of ItemsResource (`resource`), the first: a write needs
    `Authorization: Bearer <token>` with one of the resource's API tokens. A refused client
    learns nothing of the item or the database."""
    if req.method in WRITE_METHODS and not bearer_token_is_valid(
        req.get_header("Authorization"), resource.api_tokens
    ):
        raise falcon.HTTPUnauthorized(
            description=UNAUTHORIZED_DETAIL, challenges=[WWW_AUTHENTICATE]
        )


def require_json(
    req: falcon.Request, resp: falcon.Response, resource: object, params: dict[str, Any]
) -> None:
    """Hook before the responders that read a body: it must be JSON. Without this check
    Falcon would take a body without Content-Type for JSON (its default media type)."""
    media_type = (req.content_type or "").partition(";")[0].strip().lower()
    if media_type != falcon.MEDIA_JSON:
        raise falcon.HTTPUnsupportedMediaType(description="Send the item as application/json.")


def require_migrated(
    req: falcon.Request, resp: falcon.Response, resource: Any, params: dict[str, Any]
) -> None:
    """Hook before every responder of ItemsResource (`resource`): a 503 while the database lacks
    a migration, asked on the connection the request's Session then goes on using."""
    resource.database.require_migrated(request_session(req).connection())


def item_from(req: falcon.Request) -> ItemIn:
    # The JSON media handler (media.py) decodes the body: 400, 413 when it cannot. A body
    # that is not a valid item is the app's error handler's 422 (problems.py).
    return parse_item(req.get_media())


def get_or_404(req: falcon.Request, item_id: int) -> Item:
    item = request_session(req).get(Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise falcon.HTTPNotFound(description=f"There is no item {item_id}.")
    return item


# Class hooks run in the order listed, before the responders' own (require_json).
@falcon.before(require_api_token)
@falcon.before(require_migrated)
class ItemsResource:
    # SessionManager (database.py) opens a Session for each request this resource answers.
    uses_session = True

    def __init__(self, database: Database, api_tokens: Collection[str]) -> None:
        self.database = database
        self.api_tokens = api_tokens

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        # Not get_param_as_int: its int() takes "+5" and " 5", and it reads one of a repeated
        # parameter's values. A bad value is still Falcon's 400 naming the parameter.
        try:
            page = requested_page(lambda name: req.get_param_as_list(name, default=[]))
        except PagingError as error:
            raise falcon.HTTPInvalidParam(f"The value {error.rule}.", error.name) from None
        if page.past_every_item:
            resp.media = []
            return
        query = select(Item).order_by(Item.id).limit(page.limit).offset(page.offset)
        resp.media = [item.to_dict() for item in request_session(req).scalars(query)]

    # HEAD is GET without the body (RFC 9110): Falcon sends no body for HEAD.
    on_head = on_get

    @falcon.before(require_json)
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        data = item_from(req)
        item = Item(name=data.name, description=data.description)
        session = request_session(req)
        session.add(item)
        session.commit()
        resp.status = falcon.HTTP_201
        resp.location = f"/api/items/{item.id}"
        resp.media = item.to_dict()

    def on_get_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        resp.media = get_or_404(req, item_id).to_dict()

    on_head_item = on_get_item

    @falcon.before(require_json)
    def on_put_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        item = get_or_404(req, item_id)
        data = item_from(req)
        item.name, item.description = data.name, data.description
        request_session(req).commit()
        resp.media = item.to_dict()

    def on_delete_item(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        session = request_session(req)
        session.delete(get_or_404(req, item_id))
        session.commit()
        resp.status = falcon.HTTP_204
