"""The Tornado application: the routes, and what the handlers share."""

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from tornado.web import Application as TornadoApplication
from tornado.web import RequestHandler, url
from tornado.websocket import WebSocketHandler

from .config import Settings
from .contract import MAX_BODY_BYTES
from .handlers.base import NotFoundHandler
from .handlers.items import ItemHandler, ItemsHandler
from .handlers.main import DelayHandler, EchoWebSocket, HealthHandler, WelcomeHandler


class Application(TornadoApplication):
    """Handlers reach the settings, the database sessions and the server state through
    `self.application`."""

    def __init__(self, config: Settings, engine: AsyncEngine) -> None:
        self.config = config
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        # What a stopping server waits for, or closes (see server.py).
        self.requests_in_flight: set[RequestHandler] = set()
        self.websockets: set[WebSocketHandler] = set()
        super().__init__(
            [
                url(r"/", WelcomeHandler),
                url(r"/health", HealthHandler),
                url(r"/delay", DelayHandler),
                url(r"/ws", EchoWebSocket),
                url(r"/api/items", ItemsHandler),
                url(r"/api/items/([0-9]+)", ItemHandler, name="item"),
            ],
            default_handler_class=NotFoundHandler,
            websocket_max_message_size=MAX_BODY_BYTES,
            debug=config.debug,
        )
