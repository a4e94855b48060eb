"""The items API: /api/items and /api/items/<id>."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from tornado.web import HTTPError

from ..contract import MAX_ID
from ..models import Item
from ..schemas import ItemIn, ItemValidationError, parse_item
from .base import BaseHandler, ProblemError

MAX_LIMIT = 100


def item_from_body(handler: BaseHandler) -> ItemIn:
    try:
        return parse_item(handler.json_body())
    except ItemValidationError as error:
        raise ProblemError(
            422,
            "The request body is not a valid item.",
            errors=[{"field": e.field, "message": e.message} for e in error.errors],
        ) from None


async def get_or_404(session: AsyncSession, raw_id: str) -> Item:
    item_id = int(raw_id)  # The route accepts digits only.
    item = await session.get(Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise HTTPError(404, f"There is no item {item_id}.")
    return item


class ItemsHandler(BaseHandler):
    async def get(self) -> None:
        limit = self.query_int("limit", default=MAX_LIMIT, minimum=1, maximum=MAX_LIMIT)
        offset = self.query_int("offset", default=0, minimum=0)
        if offset > MAX_ID:
            self.write_json([])  # Past every possible row, and beyond what SQLite can bind.
            return
        async with self.session() as session:
            items = await session.scalars(
                select(Item).order_by(Item.id).limit(limit).offset(offset)
            )
        self.write_json([item.to_dict() for item in items])

    # HEAD is GET without the body (RFC 9110); Tornado's flush() leaves the body out.
    head = get

    async def post(self) -> None:
        data = item_from_body(self)
        item = Item(name=data.name, description=data.description)
        async with self.session() as session:
            session.add(item)
            await session.commit()
        self.set_header("Location", self.reverse_url("item", item.id))
        self.write_json(item.to_dict(), status=201)


class ItemHandler(BaseHandler):
    async def get(self, item_id: str) -> None:
        async with self.session() as session:
            item = await get_or_404(session, item_id)
        self.write_json(item.to_dict())

    head = get

    async def put(self, item_id: str) -> None:
        async with self.session() as session:
            item = await get_or_404(session, item_id)
            data = item_from_body(self)
            item.name, item.description = data.name, data.description
            await session.commit()
        self.write_json(item.to_dict())

    async def delete(self, item_id: str) -> None:
        async with self.session() as session:
            await session.delete(await get_or_404(session, item_id))
            await session.commit()
        self.set_status(204)
        self.finish()
