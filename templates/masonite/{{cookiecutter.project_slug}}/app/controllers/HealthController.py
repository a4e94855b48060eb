"""GET /health: whether the database answers (its route needs it migrated: routes/web.py)."""

from masonite.configuration import config
from masonite.controllers import Controller
from masonite.response import Response


class HealthController(Controller):  # type: ignore[misc]
    def show(self, response: Response) -> Response:
        config("database.db").statement("SELECT 1")
        return response.json({"status": "ok"})
