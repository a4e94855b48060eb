"""The Tornado application: what the handlers share, reached through `self.application`.

The URL table is in routes.py; this module imports no handler, so the handlers can import it.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from tornado.routing import URLSpec
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler
from tornado.websocket import WebSocketHandler

from .config import Settings
from .contract import MAX_BODY_BYTES
from .migration_check import MigrationCheck

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


class Application(TornadoApplication):
    """The settings, the database sessions and the server state, for every handler."""

    def __init__(
        self, routes: Sequence[URLSpec], config: Settings, engine: AsyncEngine, **settings: Any
    ) -> None:
        self.config = config
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        # Whether the database has every migration in migrations/ (see BaseHandler.session).
        self.migrations = MigrationCheck(MIGRATIONS, "uv run alembic upgrade head")
        # What a stopping server waits for, or closes (see server.py).
        self.requests_in_flight: set[RequestHandler] = set()
        self.websockets: set[WebSocketHandler] = set()
        super().__init__(
            list(routes), websocket_max_message_size=MAX_BODY_BYTES, debug=config.debug, **settings
        )
