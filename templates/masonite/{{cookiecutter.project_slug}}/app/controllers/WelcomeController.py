"""The welcome page."""

from masonite.configuration import config
from masonite.controllers import Controller
from masonite.response import Response


class WelcomeController(Controller):  # type: ignore[misc]
    def show(self, response: Response) -> Response:
        name = config("application.name")
        return response.view(f"Welcome to {name}! The API is under /api/items.")
