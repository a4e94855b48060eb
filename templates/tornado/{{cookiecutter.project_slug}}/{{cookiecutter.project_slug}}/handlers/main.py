"""The welcome page, the health check, the delayed answer and the WebSocket echo."""

import asyncio
from contextlib import suppress

from sqlalchemy import Connection, text
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from ..app import Application
from ..request_log import RequestIdHandler
from .base import BaseHandler, add_security_headers

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


class WelcomeHandler(BaseHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(WELCOME)

    # HEAD is GET without the body (RFC 9110); Tornado's flush() leaves the body out.
    head = get


def select_one(connection: Connection) -> None:
    connection.execute(text("SELECT 1"))


class HealthHandler(BaseHandler):
    """Whether the database answers: `SELECT 1` on a pooled connection, without an ORM session,
    in one executor call (503 while the database is down or not migrated)."""

    async def get(self) -> None:
        await self.in_connection(select_one)
        self.write_json({"status": "ok"})

    head = get


class DelayHandler(BaseHandler):
    """Answers after DELAY_SECONDS; while it waits, the server goes on serving others."""

    async def get(self) -> None:
        delay = self.application.config.delay_seconds
        await asyncio.sleep(delay)
        self.write_json({"delay_seconds": delay})


class EchoWebSocket(RequestIdHandler, WebSocketHandler):
    """Sends every message back as it came, text or binary."""

    application: Application

    def set_default_headers(self) -> None:
        super().set_default_headers()
        add_security_headers(self)

    def open(self, *args: str, **kwargs: str) -> None:
        self.application.websockets.add(self)

    async def on_message(self, message: str | bytes) -> None:
        # Awaiting the write reads the next message only once this one is sent back.
        with suppress(WebSocketClosedError):
            await self.write_message(message, binary=isinstance(message, bytes))

    def on_close(self) -> None:
        self.application.websockets.discard(self)
