"""The URL table, and the application that serves it."""

from sqlalchemy.engine import Engine
from tornado.web import url

from .app import Application
from .config import Settings
from .handlers.base import NotFoundHandler
from .handlers.items import ItemHandler, ItemsHandler
from .handlers.main import DelayHandler, EchoWebSocket, HealthHandler, WelcomeHandler


def make_app(config: Settings, engine: Engine) -> Application:
    return Application(
        [
            url(r"/", WelcomeHandler),
            url(r"/health", HealthHandler),
            url(r"/delay", DelayHandler),
            url(r"/ws", EchoWebSocket),
            url(r"/api/items", ItemsHandler),
            url(r"/api/items/([0-9]+)", ItemHandler, name="item"),
        ],
        config,
        engine,
        default_handler_class=NotFoundHandler,
    )
