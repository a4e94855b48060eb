"""The items API: /api/items and /api/items/{id}, reached by traversal.

`/api` is a view of Zope's root; each step after it is found by the view before it
(IPublishTraverse): `items` gives the collection, a number one item. Zope calls the last object
found, whatever the method, and the object answers the method or refuses it with a 405.
"""

import json
from http import HTTPStatus
from typing import Any

from zExceptions import (
    BadRequest,
    HTTPRequestEntityTooLarge,
    HTTPUnsupportedMediaType,
    NotFound,
)
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserPublisher

from {{ cookiecutter.project_slug }} import config
from {{ cookiecutter.project_slug }}.contract import (
    MAX_BODY_BYTES,
    MAX_ID,
    WRITE_METHODS,
    PagingError,
    bearer_token_is_valid,
    requested_page,
)
from {{ cookiecutter.project_slug }}.database import items_of
from {{ cookiecutter.project_slug }}.items import Item, ItemContainer
from {{ cookiecutter.project_slug }}.middleware import API_AUTHORIZATION, API_CONTENT_TYPE
from {{ cookiecutter.project_slug }}.schemas import ItemIn, ItemValidationError, parse_item

from .answers import InvalidFields, TokenRequired, json_body, method_not_allowed

API_PATH = "/api/items"


def item_json(item: Item) -> dict[str, Any]:
    return {"id": item.id, "name": item.name, "description": item.description}


@implementer(IBrowserPublisher)
class Resource:
    """A step of the API's path: published when it is the last one, else it finds the next."""

    # Zope publishes only objects with a docstring, and asks for their roles: public.
    __roles__ = None
    # The path pattern the resource answers, as spans name it (tracing.py); none: it answers
    # nothing (a 404).
    route: str | None = None
    allowed: tuple[str, ...] = ()

    def __init__(self, context: Any, request: Any) -> None:
        self.context = context
        self.request = request

    def publishTraverse(self, request: Any, name: str) -> Any:  # noqa: N802 (Zope's name)
        raise NotFound(f"There is nothing at {request['PATH_INFO']}.")

    def browserDefault(self, request: Any) -> tuple[Any, tuple[str, ...]]:  # noqa: N802
        return self, ()

    def __call__(self) -> str:
        """Answers the request's method."""
        method = self.request.method
        if method not in self.allowed:
            raise method_not_allowed(self.allowed)
        # The token is checked here, before any data; the middleware keeps it from Zope's users.
        authorization = self.request.environ.get(API_AUTHORIZATION)
        if method in WRITE_METHODS and not bearer_token_is_valid(authorization, config.API_TOKENS):
            raise TokenRequired
        return str(getattr(self, "on_" + method.lower())())

    def on_head(self) -> str:
        return str(self.on_get())

    def on_get(self) -> str:
        raise NotImplementedError

    def items(self) -> ItemContainer:
        return items_of(self.context)

    def item_from_body(self) -> ItemIn:
        request = self.request
        content_type = request.environ[API_CONTENT_TYPE].partition(";")[0].strip().lower()
        if content_type != "application/json":
            raise HTTPUnsupportedMediaType("Send the item as application/json.")
        length = int(request.getHeader("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            raise HTTPRequestEntityTooLarge(f"The body is over {MAX_BODY_BYTES} bytes.")
        body = request.get("BODYFILE")
        raw = body.read(MAX_BODY_BYTES + 1) if body is not None else b""
        if len(raw) > MAX_BODY_BYTES:
            raise HTTPRequestEntityTooLarge(f"The body is over {MAX_BODY_BYTES} bytes.")
        try:
            payload = json.loads(raw)
        except (ValueError, RecursionError) as error:  # RecursionError: nested too deep.
            raise BadRequest("The body is not valid JSON.") from error
        try:
            return parse_item(payload)
        except ItemValidationError as error:
            errors = [{"field": e.field, "message": e.message} for e in error.errors]
            raise InvalidFields("The item is not valid.", errors) from error


class Api(Resource):
    """/api: nothing of its own; `items` under it."""

    def publishTraverse(self, request: Any, name: str) -> Any:  # noqa: N802
        if name == "items":
            return ItemsResource(self.context, request)
        return super().publishTraverse(request, name)

    def __call__(self) -> str:
        raise NotFound("There is nothing at /api.")


class ItemsResource(Resource):
    """/api/items: the list (GET) and new items (POST)."""

    route = "/api/items"
    allowed = ("GET", "HEAD", "POST")

    def publishTraverse(self, request: Any, name: str) -> Any:  # noqa: N802
        if name.isdigit() and name.isascii() and int(name) <= MAX_ID:
            return ItemResource(self.context, request, int(name))
        return super().publishTraverse(request, name)

    def query_values(self, name: str) -> list[str]:
        """Every value of a query parameter: Zope's request.form has a list for a repeated one
        (and a converted value for a `name:int` one, checked as its text)."""
        given = self.request.form.get(name, [])
        return [str(value) for value in (given if isinstance(given, list) else [given])]

    def on_get(self) -> str:
        try:
            page = requested_page(self.query_values)
        except PagingError as error:
            raise BadRequest(str(error)) from None
        if page.past_every_item:
            return json_body(self.request.response, [])
        found = [item_json(item) for item in self.items().page(page.limit, page.offset)]
        return json_body(self.request.response, found)

    def on_post(self) -> str:
        new = self.item_from_body()
        item = self.items().add(new.name, new.description)
        self.request.response.setHeader("Location", f"{API_PATH}/{item.id}")
        return json_body(self.request.response, item_json(item), HTTPStatus.CREATED)


class ItemResource(Resource):
    """/api/items/{id}: one item."""

    route = "/api/items/{id}"
    allowed = ("GET", "HEAD", "PUT", "DELETE")

    def __init__(self, context: Any, request: Any, item_id: int) -> None:
        super().__init__(context, request)
        self.item_id = item_id

    def found(self) -> Item:
        item = self.items().get(self.item_id)
        if item is None:
            raise NotFound(f"There is no item {self.item_id}.")
        return item

    def on_get(self) -> str:
        return json_body(self.request.response, item_json(self.found()))

    def on_put(self) -> str:
        new = self.item_from_body()
        item = self.found()
        item.name, item.description = new.name, new.description
        return json_body(self.request.response, item_json(item))

    def on_delete(self) -> str:
        self.items().remove(self.found().id)
        self.request.response.setStatus(HTTPStatus.NO_CONTENT)
        return ""
