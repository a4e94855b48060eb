"""The items API: /api/items and /api/items/<id>.

Each request's database work is one function of a Session (below the handlers' helpers), which
the handler runs with `await self.in_session(...)`: on a database thread, in one call (the
reads, one query each, with `in_read_session`: outside a transaction). Reads are public; the
writes need an API token (require_api_token).
"""

from collections.abc import Awaitable, Callable
from functools import partial, wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from tornado.web import HTTPError

from ..contract import (
    MAX_ID,
    UNAUTHORIZED_DETAIL,
    PagingError,
    bearer_token_is_valid,
    requested_page,
)
from ..models import Item
from ..schemas import ItemIn, ItemValidationError, parse_item
from .base import BaseHandler, ProblemError

H = TypeVar("H", bound=BaseHandler)
P = ParamSpec("P")


def require_api_token(
    responder: Callable[Concatenate[H, P], Awaitable[None]],
) -> Callable[Concatenate[H, P], Awaitable[None]]:
    """A write responder: without `Authorization: Bearer <token>` naming one of API_TOKENS, a
    401 (with WWW-Authenticate, see BaseHandler.write_error) before anything else, the item,
    the body and the database included.

    A decorator like Tornado's own @authenticated rather than a check in prepare(): the
    handlers stream the body, so prepare() runs before it is read, and an answer from there
    makes Tornado close the connection; the client would see a reset instead of the 401.
    """

    @wraps(responder)
    async def checked(handler: H, /, *args: P.args, **kwargs: P.kwargs) -> None:
        authorization = handler.request.headers.get("Authorization")
        if not bearer_token_is_valid(authorization, handler.application.config.api_tokens):
            raise HTTPError(401, UNAUTHORIZED_DETAIL)
        await responder(handler, *args, **kwargs)

    return checked


def item_from_body(handler: BaseHandler) -> ItemIn:
    try:
        return parse_item(handler.json_body())
    except ItemValidationError as error:
        raise ProblemError(
            422,
            "The request body is not a valid item.",
            errors=[{"field": e.field, "message": e.message} for e in error.errors],
        ) from None


def get_or_404(session: Session, raw_id: str) -> Item:
    item_id = int(raw_id)  # The route accepts digits only.
    item = session.get(Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise HTTPError(404, f"There is no item {item_id}.")
    return item


# The units of work: each runs on a database thread, and returns the answer's data.


def list_items(session: Session, limit: int, offset: int) -> list[dict[str, Any]]:
    items = session.scalars(select(Item).order_by(Item.id).limit(limit).offset(offset))
    return [item.to_dict() for item in items]


def create_item(session: Session, data: ItemIn) -> dict[str, Any]:
    item = Item(name=data.name, description=data.description)
    session.add(item)
    session.commit()
    return item.to_dict()


def read_item(session: Session, item_id: str) -> dict[str, Any]:
    return get_or_404(session, item_id).to_dict()


def replace_item(session: Session, item_id: str, body: Callable[[], ItemIn]) -> dict[str, Any]:
    item = get_or_404(session, item_id)
    data = body()  # After the 404: a missing item is not found, whatever the body says.
    item.name, item.description = data.name, data.description
    session.commit()
    return item.to_dict()


def delete_item(session: Session, item_id: str) -> None:
    session.delete(get_or_404(session, item_id))
    session.commit()


class ItemsHandler(BaseHandler):
    async def get(self) -> None:
        try:
            # strip=False: " 5" is not a limit, as Tornado's default stripping would make it.
            page = requested_page(partial(self.get_query_arguments, strip=False))
        except PagingError as error:
            raise HTTPError(400, str(error)) from None
        if page.past_every_item:
            self.write_json([])
            return
        self.write_json(await self.in_read_session(list_items, page.limit, page.offset))

    # HEAD is GET without the body (RFC 9110); Tornado's flush() leaves the body out.
    head = get

    @require_api_token
    async def post(self) -> None:
        created = await self.in_session(create_item, item_from_body(self))
        self.set_header("Location", self.reverse_url("item", created["id"]))
        self.write_json(created, status=201)


class ItemHandler(BaseHandler):
    async def get(self, item_id: str) -> None:
        self.write_json(await self.in_read_session(read_item, item_id))

    head = get

    @require_api_token
    async def put(self, item_id: str) -> None:
        # Read on the database thread, after the 404 (json_body only reads the request).
        body = partial(item_from_body, self)
        self.write_json(await self.in_session(replace_item, item_id, body))

    @require_api_token
    async def delete(self, item_id: str) -> None:
        await self.in_session(delete_item, item_id)
        self.set_status(204)
        self.finish()
