# mypy: disallow-untyped-decorators=False
# (py4web's @action and @action.uses carry no types: the actions below keep theirs.)
"""The actions: functions py4web maps URLs to with `@action(path)`, and the fixtures each one
uses. This app is `_default`, so its paths are at the root of the site."""

import json
from typing import Any, BinaryIO

from py4web import action, request, response

from {{ cookiecutter.project_slug }}.contract import (
    MAX_BODY_BYTES,
    MAX_ID,
    PagingError,
    requested_page,
)
from {{ cookiecutter.project_slug }}.schemas import ItemIn, ItemValidationError, parse_item

from .common import api_token, db, migration_check, problem_details
from .fixtures import problem_answer
from .hooks import API_PREFIX

# The fixtures of the items API, in the order py4web runs them: errors as problem details,
# writes need a token, then a connection in a transaction (committed when the action returns,
# rolled back when it raises), on a database that has every migration.
ITEMS_API = (problem_details, api_token, db, migration_check)


@action("index", method="GET")
@action.uses("index.html")
def index() -> dict[str, Any]:
    """The welcome page, rendered from templates/index.html."""
    return {"title": "{{ cookiecutter.project_name }}", "api": API_PREFIX + "items"}


@action("health", method="GET")
@action.uses(problem_details, db, migration_check)
def health() -> dict[str, str]:
    # A database that does not answer makes problem_details answer 503.
    db.executesql("SELECT 1")
    return {"status": "ok"}


def to_item(row: Any) -> dict[str, Any]:
    # py4web's JSON encoder writes the str() of a value JSON has no type for (bytes that a
    # text column should not hold): a row that is not an item is an error, not a wrong answer.
    if not isinstance(row.name, str) or not isinstance(row.description, str | None):
        raise TypeError(f"The row of item {row.id} holds a value that is not text.")
    return {"id": row.id, "name": row.name, "description": row.description}


def query_values(name: str) -> list[str]:
    """Every value of a query parameter: py4web's request.query has a list for a repeated one."""
    given = request.query.get(name)
    if given is None:
        return []
    return given if isinstance(given, list) else [given]


def read_body() -> bytes:
    """At most MAX_BODY_BYTES + 1 bytes of the request body, read from the server's stream."""
    stream: BinaryIO = request.environ["wsgi.input"]
    length = request.content_length
    if length >= 0:
        return stream.read(min(length, MAX_BODY_BYTES + 1))
    if request.environ.get("wsgi.input_terminated"):  # A chunked body the server has ended.
        return stream.read(MAX_BODY_BYTES + 1)
    return b""


def item_from_body() -> ItemIn:
    if request.content_type.partition(";")[0].strip() != "application/json":
        raise problem_answer(415, "Send the item as application/json.")
    # Refused unread when the client announces the length, and checked after reading anyway.
    body = b"" if request.content_length > MAX_BODY_BYTES else read_body()
    if request.content_length > MAX_BODY_BYTES or len(body) > MAX_BODY_BYTES:
        raise problem_answer(413, f"The body must be at most {MAX_BODY_BYTES} bytes.")
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise problem_answer(400, "The body is not valid JSON.") from None
    try:
        return parse_item(payload)
    except ItemValidationError as error:
        errors = [{"field": e.field, "message": e.message} for e in error.errors]
        raise problem_answer(422, "The request body is not a valid item.", errors=errors) from None


def found(item_id: int) -> Any:
    """The item's row, or 404 (ids the table cannot hold included)."""
    row = db.item(item_id) if 0 < item_id <= MAX_ID else None
    if row is None:
        raise problem_answer(404, f"There is no item {item_id}.")
    return row


@action("api/items", method="GET")
@action.uses(*ITEMS_API)
def list_items() -> list[dict[str, Any]]:
    try:
        page = requested_page(query_values)
    except PagingError as error:
        raise problem_answer(400, str(error)) from None
    if page.past_every_item:
        return []
    limitby = (page.offset, page.offset + page.limit)
    rows = db(db.item).select(orderby=db.item.id, limitby=limitby)
    return [to_item(row) for row in rows]


@action("api/items", method="POST")
@action.uses(*ITEMS_API)
def create_item() -> dict[str, Any]:
    item = item_from_body()
    item_id = db.item.insert(name=item.name, description=item.description)
    response.status = 201
    response.headers["Location"] = f"{API_PREFIX}items/{item_id}"
    return to_item(db.item(item_id))


@action("api/items/<item_id:int>", method="GET")
@action.uses(*ITEMS_API)
def get_item(item_id: int) -> dict[str, Any]:
    return to_item(found(item_id))


@action("api/items/<item_id:int>", method="PUT")
@action.uses(*ITEMS_API)
def replace_item(item_id: int) -> dict[str, Any]:
    item = item_from_body()
    row = found(item_id)
    row.update_record(name=item.name, description=item.description)
    return to_item(row)


@action("api/items/<item_id:int>", method="DELETE")
@action.uses(*ITEMS_API)
def delete_item(item_id: int) -> None:
    found(item_id).delete_record()
    response.status = 204
