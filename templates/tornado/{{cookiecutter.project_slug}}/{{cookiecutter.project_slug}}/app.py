"""The Tornado application: what the handlers share, reached through `self.application`.

The URL table is in routes.py; this module imports no handler, so the handlers can import it.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from tornado.routing import URLSpec
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler
from tornado.websocket import WebSocketHandler

from .config import Settings
from .contract import MAX_BODY_BYTES
from .database import create_executor
from .migration_check import MigrationCheck
from .outside_transactions import outside_transactions
from .request_log import log_request

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


class Application(TornadoApplication):
    """The settings, the database and its threads, and the server state, for every handler."""

    def __init__(
        self, routes: Sequence[URLSpec], config: Settings, engine: Engine, **settings: Any
    ) -> None:
        self.config = config
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        # The same pool, for /health's SELECT 1 and the reads (see BaseHandler.in_read_session).
        self.outside_transactions = outside_transactions(engine)
        self.read_sessions = sessionmaker(self.outside_transactions)
        # The threads the database work runs on, off the IOLoop (see BaseHandler.in_session);
        # server.py shuts them down with the engine.
        self.executor = create_executor()
        # Whether the database has every migration in migrations/ (see require_migrated).
        self.migrations = MigrationCheck(MIGRATIONS, "uv run alembic upgrade head")
        # What a stopping server waits for, or closes (see server.py).
        self.requests_in_flight: set[RequestHandler] = set()
        self.websockets: set[WebSocketHandler] = set()
        super().__init__(
            list(routes),
            websocket_max_message_size=MAX_BODY_BYTES,
            debug=config.debug,
            # The one access line of each answer (logs.py), instead of tornado.access's.
            log_function=log_request,
            **settings,
        )
