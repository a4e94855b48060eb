"""Masonite's raw-driver limit: the service's /health and reads through sqlite3 or psycopg alone
(limit_service/raw_database.py), in a bare Masonite app (hello_service/bare.py). Here, as in
every Masonite project, because Masonite imports the application from a top-level module named
wsgi."""

from typing import Any

from hello_service.bare import new_application, register
from limit_service import raw_database
from masonite.controllers import Controller
from masonite.response import Response
from masonite.routes import Route


class ItemsController(Controller):  # type: ignore[misc]
    def health(self, response: Response) -> Response:
        raw_database.healthy()
        return response.json({"status": "ok"})

    def index(self, response: Response) -> Response:
        return response.json(raw_database.items())

    def show(self, item_id: int, response: Response) -> Response:
        found = raw_database.item(int(item_id))
        if found is None:
            return response.json({"status": 404}, status=404)
        return response.json(found)


def routes() -> list[Any]:
    return [
        Route.get("/health", ItemsController.health),
        Route.get("/api/items", ItemsController.index),
        Route.get("/api/items/@item_id:int", ItemsController.show),
    ]


application = new_application()
register(application, routes)
