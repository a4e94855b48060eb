"""Fixtures: one migrated database per test session, and the app on Tornado's own HTTPServer.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder. The server runs in a background thread with its own event
loop, so that plain HTTP clients (httpx, the contract tests) can talk to it from the tests.
"""

import asyncio
import os
import socket
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import delete
from tornado.testing import bind_unused_port

from {{ cookiecutter.project_slug }}.config import Settings, sqlalchemy_url
from {{ cookiecutter.project_slug }}.models import Item
from {{ cookiecutter.project_slug }}.server import Service

PROJECT_DIR = Path(__file__).parents[1]

T = TypeVar("T")


class BackgroundServer:
    """A Service on a free loopback port, in a thread with its own event loop."""

    def __init__(self, settings: Settings) -> None:
        sock, port = bind_unused_port()
        self.url = f"http://127.0.0.1:{port}"
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.service = self.run(self.start(settings, sock))

    @staticmethod
    async def start(settings: Settings, sock: socket.socket) -> Service:
        return Service(settings, [sock])

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the server's event loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def stop(self) -> None:
        self.run(self.service.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


def alembic_config(database_url: str) -> Config:
    config = Config(toml_file=PROJECT_DIR / "pyproject.toml")
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@pytest.fixture(scope="session")
def settings(
    tmp_path_factory: pytest.TempPathFactory, api_token: str, allowed_origin: str
) -> Settings:
    """Settings of a migrated test database, a short delay for GET /delay, the API token and
    the allowed origin."""
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    database_url = os.environ.get("TEST_DATABASE_URL", default)
    config = alembic_config(database_url)
    # From whatever a previous run left to an empty schema, then to the newest revision.
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    return Settings(
        database_url=sqlalchemy_url(database_url),
        delay_seconds=0.5,
        shutdown_timeout=2,
        api_tokens=(api_token,),
        cors_allowed_origins=(allowed_origin,),
    )


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[BackgroundServer]:
    server = BackgroundServer(settings)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_url(live_server: BackgroundServer) -> str:
    """Base URL of the app on Tornado's HTTPServer (the contract tests use it too)."""
    return live_server.url


@pytest.fixture(scope="session")
def server_client(live_server: BackgroundServer, api_token: str) -> Iterator[httpx.Client]:
    """One HTTP client of the live server for the session, sending the API token: each new
    httpx.Client builds an SSL context, and this one keeps its connections."""
    headers = {"Authorization": f"Bearer {api_token}"}
    with httpx.Client(base_url=live_server.url, headers=headers, timeout=10) as client:
        yield client


@pytest.fixture
def client(live_server: BackgroundServer, server_client: httpx.Client) -> httpx.Client:
    """The HTTP client of the live server, over an empty items table."""
    with live_server.service.application.sessions() as session:
        session.execute(delete(Item))
        session.commit()
    return server_client
