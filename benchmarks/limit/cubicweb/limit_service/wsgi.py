"""The raw-driver app, served like the template (its Procfile web command)."""

from typing import Any

from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPNotFound
from pyramid.request import Request

from limit_service import raw_database

# CubicWeb's table of the Item entity type: its id is the entity's eid.
LIST = "SELECT cw_eid, cw_name, cw_description FROM cw_item ORDER BY cw_eid LIMIT 100"
ONE = "SELECT cw_eid, cw_name, cw_description FROM cw_item WHERE cw_eid = {}"


def rows(sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    cursor = raw_database.connection().cursor()
    try:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def health(_request: Request) -> dict[str, str]:
    rows("SELECT 1")
    return {"status": "ok"}


def items(_request: Request) -> list[raw_database.Item]:
    return raw_database.as_items(rows(LIST))


def item(request: Request) -> raw_database.Item:
    found = rows(ONE.format(raw_database.placeholder()), (int(request.matchdict["id"]),))
    if not found:
        raise HTTPNotFound()
    return raw_database.as_items(found)[0]


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_route("items", "/api/items")
    config.add_route("item", r"/api/items/{id:\d+}")
    for view, route in ((health, "health"), (items, "items"), (item, "item")):
        config.add_view(view, route_name=route, request_method="GET", renderer="json")
application = config.make_wsgi_app()
