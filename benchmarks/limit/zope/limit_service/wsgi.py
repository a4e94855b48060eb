"""A WSGI app over one ZODB connection per request, as Zope opens them."""

import json
import os
from collections.abc import Iterable
from itertools import islice
from typing import Any
from wsgiref.types import StartResponse, WSGIEnvironment

import ZODB
from relstorage.options import Options
from relstorage.storage import RelStorage

DATABASE_URL = os.environ["DATABASE_URL"]
# The ZODB root's key of the service's items: "<package>.items".
SUFFIX = ".items"


def open_database() -> Any:
    options = Options(keep_history=False, create_schema=False)
    if DATABASE_URL.startswith("sqlite:///"):
        from relstorage.adapters.sqlite.adapter import Sqlite3Adapter

        folder = DATABASE_URL.removeprefix("sqlite:///")
        adapter = Sqlite3Adapter(folder, pragmas={"journal_mode": "WAL"}, options=options)
    else:
        from psycopg2.extensions import make_dsn, parse_dsn
        from relstorage.adapters.postgresql import PostgreSQLAdapter

        # As the service's storage.py: RelStorage adds its own `key=value` settings to the
        # connection string, so it gets libpq's keywords, not the URL.
        adapter = PostgreSQLAdapter(dsn=make_dsn(**parse_dsn(DATABASE_URL)), options=options)
    return ZODB.DB(RelStorage(adapter, options=options))


database = open_database()


def state(stored: Any) -> dict[str, Any]:
    """What an object of the service's stores: ZODB's Broken stand-in holds it where the
    service's classes cannot be imported; otherwise the object's own attributes."""
    broken: dict[str, Any] | None = getattr(stored, "__Broken_state__", None)
    if broken is not None:
        return broken
    stored._p_activate()
    return vars(stored)


def as_item(stored: Any) -> dict[str, Any]:
    attributes = state(stored)
    return {name: attributes.get(name) for name in ("id", "name", "description")}


def answer(environ: WSGIEnvironment) -> tuple[str, Any]:
    path = environ["PATH_INFO"]
    with database.transaction() as connection:
        root = connection.root()
        if path == "/health":
            return "200 OK", {"status": "ok"}
        # The service's ItemContainer, whose IOBTree of items ZODB can load.
        [items] = [state(root[key])["items"] for key in root if key.endswith(SUFFIX)]
        if path == "/api/items":
            return "200 OK", [as_item(item) for item in islice(items.values(), 100)]
        item_id = path.removeprefix("/api/items/")
        if item_id.isdigit() and (item := items.get(int(item_id))) is not None:
            return "200 OK", as_item(item)
    return "404 Not Found", {"status": 404}


def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    status, body = answer(environ)
    start_response(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]
