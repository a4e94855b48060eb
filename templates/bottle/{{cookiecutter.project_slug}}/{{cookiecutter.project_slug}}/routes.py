"""The routes: the greeting and the square, the health check, and the items API."""

import json
import math
from pathlib import Path
from typing import BinaryIO

from bottle import Bottle, HTTPError, request, response, template

from . import items, models, schemas
from .contract import (
    MAX_BODY_BYTES,
    MAX_ID,
    PagingError,
    drain_unread_body,
    requested_page,
)
from .database import Connection

# Bottle looks for templates in ./views of the working directory; these live in the package.
VIEWS = [str(Path(__file__).parent / "views")]
# The largest number whose square is still exact in JSON (at most 2**53 - 1).
MAX_SQUARED = math.isqrt(2**53 - 1)
# Set by servers whose wsgi.input ends with the body, chunked or not (Granian, Gunicorn):
# reading it to the end is safe. Elsewhere a read past the body waits for the client.
INPUT_TERMINATED = "wsgi.input_terminated"


def greet(name: str = "World") -> str:
    page: str = template("greet", name=name, template_lookup=VIEWS)
    return page


def square(number: int) -> dict[str, int]:
    if abs(number) > MAX_SQUARED:
        raise HTTPError(400, f"The number must be between -{MAX_SQUARED} and {MAX_SQUARED}.")
    return {"number": number, "square": number * number}


def health(db: Connection) -> dict[str, str]:
    # A database that does not answer makes the database plugin answer 503.
    db.execute("SELECT 1")
    return {"status": "ok"}


def too_large() -> HTTPError:
    return HTTPError(413, f"The body must be at most {MAX_BODY_BYTES} bytes.")


def read_body() -> bytes:
    """At most MAX_BODY_BYTES + 1 bytes of the request body.

    From a server that has removed a chunked body's framing (wsgi.input_terminated), straight
    from its stream: request.body would parse the framing again, a byte at a time, and keep
    the worker busy for minutes on a large body.
    """
    if request.content_length < 0 and request.environ.get(INPUT_TERMINATED):
        stream: BinaryIO = request.environ["wsgi.input"]
        return stream.read(MAX_BODY_BYTES + 1)
    body: bytes = request.body.read(MAX_BODY_BYTES + 1)
    return body


def item_from_body() -> schemas.ItemIn:
    if request.content_type.partition(";")[0].strip() != "application/json":
        raise HTTPError(415, "Send the item as application/json.")
    # Refused unread when the client announces the length, and checked after reading anyway.
    if request.content_length > MAX_BODY_BYTES:
        raise too_large()
    body = read_body()
    if len(body) > MAX_BODY_BYTES:
        raise too_large()
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise HTTPError(400, "The body is not valid JSON.") from None
    try:
        return schemas.parse_item(payload)
    except schemas.ItemValidationError as error:
        # The error handler lists error.errors in the problem's `errors`.
        raise HTTPError(422, "The request body is not a valid item.", exception=error) from None


def not_found(item_id: int) -> HTTPError:
    return HTTPError(404, f"There is no item {item_id}.")


def possible_id(item_id: int) -> int:
    """The id itself, or 404 when the items table cannot hold it."""
    if not 0 < item_id <= MAX_ID:
        raise not_found(item_id)
    return item_id


def list_items(db: Connection) -> str:
    try:
        page = requested_page(request.query.getall)
    except PagingError as error:
        raise HTTPError(400, str(error)) from None
    found = (
        [] if page.past_every_item else items.list_items(db, limit=page.limit, offset=page.offset)
    )
    # Bottle turns a returned dict into JSON, but not a list.
    response.content_type = "application/json"
    return json.dumps(found)


def create_item(db: Connection) -> models.Item:
    item = items.create_item(db, item_from_body())
    response.status = 201
    response.set_header("Location", request.app.get_url("item", item_id=item["id"]))
    return item


def get_item(db: Connection, item_id: int) -> models.Item:
    item = items.get_item(db, possible_id(item_id))
    if item is None:
        raise not_found(item_id)
    return item


def replace_item(db: Connection, item_id: int) -> models.Item:
    item = items.replace_item(db, possible_id(item_id), item_from_body())
    if item is None:
        raise not_found(item_id)
    return item


def delete_item(db: Connection, item_id: int) -> None:
    if not items.delete_item(db, possible_id(item_id)):
        raise not_found(item_id)
    response.status = 204


def drain_unread_request_body() -> None:
    """after_request hook: read what a route left of the request body (a 413 reads none of it).

    Otherwise Granian closes the connection once it has answered, and a client still sending
    gets a reset instead of the answer; contract.drain_unread_body bounds the read.
    """
    if "bottle.request.body" not in request.environ:  # Else Bottle has read it all already.
        drain_unread_body(request.environ)


def install(app: Bottle) -> None:
    app.add_hook("after_request", drain_unread_request_body)
    app.route("/", "GET", greet)
    app.route("/greet/<name>", "GET", greet)
    app.route("/square/<number:int>", "GET", square)
    app.route("/health", "GET", health)
    app.route("/api/items", "GET", list_items)
    app.route("/api/items", "POST", create_item)
    app.route("/api/items/<item_id:int>", "GET", get_item, name="item")
    app.route("/api/items/<item_id:int>", "PUT", replace_item)
    app.route("/api/items/<item_id:int>", "DELETE", delete_item)
