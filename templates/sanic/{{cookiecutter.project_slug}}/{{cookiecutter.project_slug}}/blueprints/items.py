"""The items API: /api/items and /api/items/<id>.

Each request's database work is one function of a Session (the units of work below), which
the handler runs with `await database.in_session(...)`: on a database thread, in one call.
The reads, one query each, run with `in_read_session`, outside a transaction.
"""

import json
from typing import Any

from sanic import Blueprint
from sanic.exceptions import BadRequest, NotFound, PayloadTooLarge, SanicException, Unauthorized
from sanic.response import HTTPResponse, empty
from sanic.response import json as json_response
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import cors
from ..context import ServiceRequest
from ..contract import (
    MAX_BODY_BYTES,
    MAX_ID,
    UNAUTHORIZED_DETAIL,
    WRITE_METHODS,
    WWW_AUTHENTICATE,
    PagingError,
    bearer_token_is_valid,
    requested_page,
)
from ..models import Item
from ..schemas import ItemIn, ItemValidationError, parse_item

bp = Blueprint("items", url_prefix="/api/items")


class UnsupportedMediaType(SanicException):
    status_code = 415
    quiet = True


async def require_api_token(request: ServiceRequest) -> None:
    """Blueprint request middleware: writes need `Authorization: Bearer <token>` with a token
    from API_TOKENS; reads are public. It runs before the handler, so a refused client learns
    nothing about the item or the database, and its body is never parsed."""
    authorization = request.headers.get("authorization")
    if request.method in WRITE_METHODS and not bearer_token_is_valid(
        authorization, request.app.config.API_TOKENS
    ):
        challenge = {"WWW-Authenticate": WWW_AUTHENTICATE}
        raise Unauthorized(UNAUTHORIZED_DETAIL, headers=challenge)


bp.middleware(require_api_token, "request")


def item_from_body(request: ServiceRequest) -> ItemIn:
    """The item in a JSON body, or the 413, 415, 400 or 422 that says why there is none."""
    if len(request.body) > MAX_BODY_BYTES:
        # Sanic's server answers a larger body before the handler (REQUEST_MAX_SIZE); an ASGI
        # server (and sanic-testing's ASGI client) leaves the limit to the app.
        raise PayloadTooLarge(f"The body is larger than {MAX_BODY_BYTES} bytes.")
    if request.content_type.partition(";")[0].strip().lower() != "application/json":
        raise UnsupportedMediaType("Send the body as application/json.")
    try:
        payload = json.loads(request.body)
    except (ValueError, RecursionError):
        raise BadRequest("The body is not valid JSON.") from None
    try:
        return parse_item(payload)
    except ItemValidationError as error:
        errors = [{"field": e.field, "message": e.message} for e in error.errors]
        # Sanic sends an exception's context to the client: the problem's `errors`.
        raise SanicException(
            "The request body is not a valid item.",
            status_code=422,
            quiet=True,
            context={"errors": errors},
        ) from None


def get_or_404(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise NotFound(f"There is no item {item_id}.")
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


def read_item(session: Session, item_id: int) -> dict[str, Any]:
    return get_or_404(session, item_id).to_dict()


def replace_item(session: Session, item_id: int, request: ServiceRequest) -> dict[str, Any]:
    item = get_or_404(session, item_id)
    data = item_from_body(request)  # After the 404: a missing item is not found, whatever
    item.name, item.description = data.name, data.description  # the body says.
    session.commit()
    return item.to_dict()


def delete_item(session: Session, item_id: int) -> None:
    session.delete(get_or_404(session, item_id))
    session.commit()


async def list_(request: ServiceRequest) -> HTTPResponse:
    # Blank values kept: `?limit=` is a bad limit (400), not a missing one.
    query = request.get_args(keep_blank_values=True)
    try:
        page = requested_page(lambda name: query.getlist(name, []))
    except PagingError as error:
        raise BadRequest(str(error)) from None
    if page.past_every_item:
        return json_response([])
    database = request.app.ctx.database
    return json_response(await database.in_read_session(list_items, page.limit, page.offset))


@bp.post("")
async def create(request: ServiceRequest) -> HTTPResponse:
    created = await request.app.ctx.database.in_session(create_item, item_from_body(request))
    location = request.app.url_for("items.read", item_id=created["id"])
    return json_response(created, status=201, headers={"Location": location})


async def read(request: ServiceRequest, item_id: int) -> HTTPResponse:
    return json_response(await request.app.ctx.database.in_read_session(read_item, item_id))


@bp.put("/<item_id:int>")
async def replace(request: ServiceRequest, item_id: int) -> HTTPResponse:
    # The body is read on the database thread, after the 404 (it is in memory already).
    database = request.app.ctx.database
    return json_response(await database.in_session(replace_item, item_id, request))


@bp.delete("/<item_id:int>")
async def delete(request: ServiceRequest, item_id: int) -> HTTPResponse:
    await request.app.ctx.database.in_session(delete_item, item_id)
    return empty()


# GET and HEAD (RFC 9110: a server that answers GET answers HEAD; Sanic sends no body for it).
# add_route, because mypy takes route()'s decorator for an untyped one.
bp.add_route(list_, "", methods=["GET", "HEAD"])
bp.add_route(read, "/<item_id:int>", methods=["GET", "HEAD"])
# Browsers' CORS preflights, before a cross-origin write (cors.py).
bp.add_route(cors.preflight, "", methods=["OPTIONS"], name="list_preflight")
bp.add_route(cors.preflight, "/<item_id:int>", methods=["OPTIONS"], name="item_preflight")
