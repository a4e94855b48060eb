"""The items API: /api/items and /api/items/<id>."""

import json

from flask import Blueprint, Response, abort, current_app, jsonify, request, url_for
from sqlalchemy import select
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import BadRequest, Unauthorized, UnsupportedMediaType

from ..contract import (
    MAX_ID,
    UNAUTHORIZED_DETAIL,
    WRITE_METHODS,
    PagingError,
    bearer_token_is_valid,
    requested_page,
)
from ..extensions import db, require_migrated
from ..models import Item
from ..outside_transactions import read_outside_a_transaction
from ..schemas import ItemIn, parse_item

bp = Blueprint("items", __name__, url_prefix="/api")


def require_api_token() -> None:
    """Writes need `Authorization: Bearer <token>` with a token from API_TOKENS; reads are
    public. Checked first: a refused client learns nothing about the item or the database."""
    authorization = request.headers.get("Authorization")
    if request.method in WRITE_METHODS and not bearer_token_is_valid(
        authorization, current_app.config["API_TOKENS"]
    ):
        challenge = WWWAuthenticate("bearer", {"realm": "api"})
        raise Unauthorized(UNAUTHORIZED_DETAIL, www_authenticate=challenge)


bp.before_request(require_api_token)
bp.before_request(require_migrated)


def item_from_body() -> ItemIn:
    if request.mimetype != "application/json":
        raise UnsupportedMediaType("Send the item as application/json.")
    try:
        payload = json.loads(request.get_data())
    except (ValueError, RecursionError):
        raise BadRequest("The body is not valid JSON.") from None
    return parse_item(payload)


def get_or_404(item_id: int) -> Item:
    item = db.session.get(Item, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        abort(404, f"There is no item {item_id}.")
    return item


@bp.get("/items")
def list_items() -> Response:
    try:
        page = requested_page(request.args.getlist)
    except PagingError as error:
        raise BadRequest(str(error)) from None
    if page.past_every_item:
        return jsonify([])
    query = select(Item).order_by(Item.id).limit(page.limit).offset(page.offset)
    read_outside_a_transaction(db.session())
    items = db.session.scalars(query)
    return jsonify([item.to_dict() for item in items])


@bp.post("/items")
def create_item() -> tuple[Response, int, dict[str, str]]:
    data = item_from_body()
    item = Item(name=data.name, description=data.description)
    db.session.add(item)
    db.session.commit()
    return jsonify(item.to_dict()), 201, {"Location": url_for(".get_item", item_id=item.id)}


@bp.get("/items/<int:item_id>")
def get_item(item_id: int) -> Response:
    read_outside_a_transaction(db.session())
    return jsonify(get_or_404(item_id).to_dict())


@bp.put("/items/<int:item_id>")
def replace_item(item_id: int) -> Response:
    item = get_or_404(item_id)
    data = item_from_body()
    item.name, item.description = data.name, data.description
    db.session.commit()
    return jsonify(item.to_dict())


@bp.delete("/items/<int:item_id>")
def delete_item(item_id: int) -> tuple[str, int]:
    db.session.delete(get_or_404(item_id))
    db.session.commit()
    return "", 204
