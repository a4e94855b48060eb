"""The items API: a resource controller (routes/api.py)."""

import json
from typing import Any
from urllib.parse import parse_qs

from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response

from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES, MAX_ID
from {{ cookiecutter.project_slug }}.schemas import ItemIn, ItemValidationError, parse_item

from ..http import BodyTooLarge, request_body
from ..models.Item import Item
from ..problems import ApiError

DEFAULT_LIMIT = 100
MAX_LIMIT = 100


class ItemsController(Controller):  # type: ignore[misc]
    def index(self, request: Request, response: Response) -> Response:
        limit = query_integer(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = query_integer(request, "offset", 0, 0, None)
        if offset > MAX_ID:  # Past any table's end, and past what a database's OFFSET takes.
            return response.json([])
        items = Item.order_by("id").limit(limit).offset(offset).get()
        return response.json([item.to_json_dict() for item in items])

    def store(self, request: Request, response: Response) -> Response:
        fields = item_in(request)
        item = Item.create({"name": fields.name, "description": fields.description})
        response.header("Location", f"/api/items/{item.id}")
        return response.json(item.to_json_dict(), status=201)

    def show(self, item_id: int, response: Response) -> Response:
        return response.json(find_item(item_id).to_json_dict())

    def update(self, item_id: int, request: Request, response: Response) -> Response:
        item = find_item(item_id)
        fields = item_in(request)
        item.update({"name": fields.name, "description": fields.description})
        return response.json(item.to_json_dict())

    def destroy(self, item_id: int, response: Response) -> Response:
        find_item(item_id).delete()
        return response.status(204)


def find_item(item_id: int | str) -> Item:
    item: Item | None = Item.find(int(item_id)) if int(item_id) <= MAX_ID else None
    if item is None:
        raise ApiError(404, f"There is no item {item_id}.")
    return item


def query_integer(request: Request, name: str, default: int, low: int, high: int | None) -> int:
    """A query parameter that must be one integer from low to high (if any), or absent."""
    values = parse_qs(request.environ.get("QUERY_STRING", ""), keep_blank_values=True).get(name)
    if values is None:
        return default
    if len(values) == 1 and values[0].isascii() and values[0].isdigit():
        value = int(values[0])
        if low <= value and (high is None or value <= high):
            return value
    bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
    raise ApiError(400, f"{name} must be an integer {bounds}.")


def item_in(request: Request) -> ItemIn:
    """The request's JSON body as an item: 415, 413, 400 or 422 when it is not one."""
    content_type, body = request_body(request)
    if content_type.partition(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "The body must be JSON (Content-Type: application/json).")
    if isinstance(body, BodyTooLarge):
        raise ApiError(413, f"The body is larger than {MAX_BODY_BYTES} bytes.")
    try:
        payload: Any = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise ApiError(400, "The body is not valid JSON.") from error
    try:
        return parse_item(payload)
    except ItemValidationError as error:
        errors = [{"field": e.field, "message": e.message} for e in error.errors]
        raise ApiError(422, "The request body is not a valid item.", errors=errors) from error
