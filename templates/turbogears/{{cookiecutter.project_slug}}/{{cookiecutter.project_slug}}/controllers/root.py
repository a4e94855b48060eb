"""The root controller: the hello page, the health check and the API below /api."""

from sqlalchemy import text
from tg import app_globals, expose

from ..lib.base import BaseController, only
from ..lib.database import require_migrated
from .api import ApiController


class RootController(BaseController):
    api = ApiController()

    @expose(content_type="text/plain")
    @only("GET")
    def index(self) -> str:
        return "Hello World!"

    @expose("json")
    @only("GET")
    def health(self) -> dict[str, str]:
        # A pooled connection's SELECT 1, outside the request's session: a load balancer polls
        # it, and it writes nothing. A database error becomes the 503 of lib/problems.py.
        with app_globals.health_engine.connect() as connection:
            require_migrated(connection)
            connection.execute(text("SELECT 1"))
        return {"status": "ok"}
