"""Fixtures: one migrated database per test session, the app, and the app on Sanic's server.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder. Most tests call the app in process through sanic-testing's
`app.asgi_client`, which runs the app's listeners around each request. The contract tests (and
the tests that look inside a running worker) use `live_server`: Sanic's own HTTP server, in a
background thread with its own event loop, so that plain HTTP clients can talk to it.
"""

import asyncio
import os
import socket
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from alembic import command
from alembic.config import Config
from sanic import Sanic
from sqlalchemy import delete
from sqlalchemy.engine import URL, Engine

from {{ cookiecutter.project_slug }}.app import create_app
from {{ cookiecutter.project_slug }}.config import ServiceConfig, sqlalchemy_url
from {{ cookiecutter.project_slug }}.context import ServiceApp
from {{ cookiecutter.project_slug }}.database import create_database_engine
from {{ cookiecutter.project_slug }}.models import Item

PROJECT_DIR = Path(__file__).parents[1]

T = TypeVar("T")

# Each test that needs its own app makes one under the service's name; outside test mode Sanic
# allows one app per name and process (sanic-testing turns it on too, once a client exists).
Sanic.test_mode = True


class BackgroundServer:
    """The app on Sanic's HTTP server, on a free loopback port, in a thread of its own."""

    def __init__(self, app: ServiceApp) -> None:
        self.app = app
        sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = self.run(self.start(sock))

    async def start(self, sock: socket.socket) -> Any:
        # Sanic's low-level API: the server, then its listeners, in this loop. (Any: the
        # methods of Sanic's AsyncioServer are unannotated.)
        server: Any = await self.app.create_server(
            sock=sock, return_asyncio_server=True, access_log=False
        )
        if server is None:
            raise RuntimeError("Sanic made no server")
        await server.startup()
        await server.before_start()
        await server.after_start()
        return server

    async def finish(self) -> None:
        await self.server.before_stop()
        self.server.close()
        await self.server.wait_closed()
        await self.server.after_stop()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the server's event loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def stop(self) -> None:
        self.run(self.finish())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


def alembic_config(database_url: str) -> Config:
    config = Config(toml_file=PROJECT_DIR / "pyproject.toml")
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> URL:
    """A migrated test database."""
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    url = os.environ.get("TEST_DATABASE_URL", default)
    config = alembic_config(url)
    # From whatever a previous run left to an empty schema, then to the newest revision.
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    return sqlalchemy_url(url)


@pytest.fixture(scope="session")
def engine(database_url: URL) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def config(database_url: URL, api_token: str, allowed_origin: str) -> ServiceConfig:
    config = ServiceConfig(
        database_url, api_tokens=(api_token,), cors_allowed_origins=(allowed_origin,)
    )
    # Sanic's TouchUp rewrites the request handling code that every app of the process shares,
    # for the signals of the app that starts last: the session's live server, started before
    # the first test that turns Sentry's integration on (it adds signals to the apps that start
    # after it), would then fail each request on a signal it lacks. The production server runs
    # one app, with TouchUp (tests/test_server.py).
    config.TOUCHUP = False
    return config


@pytest.fixture
def app(config: ServiceConfig, engine: Engine, api_token: str) -> ServiceApp:
    """The app on the test database, over an empty items table; its sanic-testing client
    sends the API token."""
    with engine.begin() as connection:
        connection.execute(delete(Item))
    app = create_app(config=config)
    app.asgi_client.headers["Authorization"] = f"Bearer {api_token}"
    return app


@pytest.fixture(scope="session")
def live_server(config: ServiceConfig) -> Iterator[BackgroundServer]:
    server = BackgroundServer(create_app(config=config))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_url(live_server: BackgroundServer) -> str:
    """Base URL of the app on Sanic's server (the contract tests use it)."""
    return live_server.url
