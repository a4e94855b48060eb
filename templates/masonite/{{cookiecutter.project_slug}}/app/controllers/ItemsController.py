"""The items API: a resource controller (routes/api.py)."""

import json
from typing import Any
from urllib.parse import parse_qs

from masonite.controllers import Controller
from masonite.request import Request
from masonite.response import Response

from {{ cookiecutter.project_slug }}.contract import (
    MAX_BODY_BYTES,
    MAX_ID,
    PagingError,
    requested_page,
)
from {{ cookiecutter.project_slug }}.schemas import ItemIn, ItemValidationError, parse_item

from ..http import BodyTooLarge, request_body
from ..models.Item import Item
from ..problems import ApiError


class ItemsController(Controller):  # type: ignore[misc]
    def index(self, request: Request, response: Response) -> Response:
        query = parse_qs(request.environ.get("QUERY_STRING", ""), keep_blank_values=True)
        try:
            page = requested_page(lambda name: query.get(name, []))
        except PagingError as error:
            raise ApiError(400, str(error)) from None
        if page.past_every_item:
            return response.json([])
        items = Item.order_by("id").limit(page.limit).offset(page.offset).get()
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
