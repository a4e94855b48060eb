"""A bare Masonite app answering /health. Here, as in every Masonite project, because Masonite
imports the application from a top-level module named wsgi."""

from typing import Any

from hello_service.bare import new_application, register
from masonite.controllers import Controller
from masonite.response import Response
from masonite.routes import Route


class HealthController(Controller):  # type: ignore[misc]
    def show(self, response: Response) -> Response:
        return response.json({"status": "ok"})


def routes() -> list[Any]:
    return [Route.get("/health", HealthController.show)]


application = new_application()
register(application, routes)
