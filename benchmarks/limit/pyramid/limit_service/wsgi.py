"""Pyramid's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone,
served like the template (its Procfile web command)."""

from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPNotFound
from pyramid.request import Request

from . import raw_database


def health(request: Request) -> dict[str, str]:
    raw_database.healthy()
    return {"status": "ok"}


def items(request: Request) -> list[raw_database.Item]:
    return raw_database.items()


def item(request: Request) -> raw_database.Item:
    found = raw_database.item(int(request.matchdict["id"]))
    if found is None:
        raise HTTPNotFound()
    return found


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_route("items", "/api/items")
    config.add_route("item", r"/api/items/{id:\d+}")
    config.add_view(health, route_name="health", renderer="json")
    config.add_view(items, route_name="items", renderer="json")
    config.add_view(item, route_name="item", renderer="json")
    app = config.make_wsgi_app()
