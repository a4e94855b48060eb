"""Fixtures: a migrated database, a CherryPy server and its client per test session, a clean
table per test.

The server is the one production runs: CherryPy's own HTTP server, started with cherrypy.engine
on a free loopback port. CherryPy's tree, config and engine are process-wide, so they are set up
once here and the engine exits when the session ends.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import cherrypy
import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import delete
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import mount
from {{ cookiecutter.project_slug }}.config import DEFAULT_THREADS, server_config, sqlalchemy_url
from {{ cookiecutter.project_slug }}.database import SAEnginePlugin
from {{ cookiecutter.project_slug }}.models import Item
{%- if cookiecutter.observability == "opentelemetry" %}

from .otlp_receiver import OtlpReceiver
{%- endif %}

PROJECT = Path(__file__).resolve().parents[1]


def alembic_config(database_url: str) -> Config:
    # No alembic.ini: its logging setup is for the command line, not for this test session.
    config = Config()
    config.set_main_option("script_location", str(PROJECT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return sqlalchemy_url(os.environ.get("TEST_DATABASE_URL", default))


@pytest.fixture(scope="session")
{%- if cookiecutter.observability == "opentelemetry" %}
def live_url(
    database_url: str, api_token: str, allowed_origin: str, otlp: OtlpReceiver
) -> Iterator[str]:
    """Base URL of the application on CherryPy's server, over a freshly migrated database.

    Traced, as production is with OTEL_EXPORTER_OTLP_ENDPOINT set (`otlp`): CherryPy's
    application is mounted, and its engine started, once a session.
    """
{%- else %}
def live_url(database_url: str, api_token: str, allowed_origin: str) -> Iterator[str]:
    """Base URL of the application on CherryPy's server, over a freshly migrated database."""
{%- endif %}
    migrations = alembic_config(database_url)
    # From whatever a previous run left to an empty schema, then to the newest revision.
    command.upgrade(migrations, "head")
    command.downgrade(migrations, "base")
    command.upgrade(migrations, "head")

    # Port 0: the operating system picks a free port; bound_addr tells which.
    cherrypy.config.update(server_config(host="127.0.0.1", port=0, threads=DEFAULT_THREADS))
    mount(
        database_url,
        pool_size=DEFAULT_THREADS,
        api_tokens=(api_token,),
        cors_allowed_origins=(allowed_origin,),
    )
    cherrypy.engine.start()
    host, port = cherrypy.server.bound_addr
    yield f"http://{host}:{port}"
    cherrypy.engine.exit()


@pytest.fixture(scope="session")
def database(live_url: str) -> SAEnginePlugin:
    """The running database plugin, whose engine the server's requests use."""
    plugin: SAEnginePlugin = cherrypy.engine.db
    return plugin


@pytest.fixture(scope="session")
def server_client(live_url: str, api_token: str) -> Iterator[httpx.Client]:
    """One HTTP client of the test server for the session, sending the API token: each new
    httpx.Client builds an SSL context, and this one keeps its connections."""
    headers = {"Authorization": f"Bearer {api_token}"}
    with httpx.Client(base_url=live_url, headers=headers) as client:
        yield client


@pytest.fixture
def client(server_client: httpx.Client, database: SAEnginePlugin) -> httpx.Client:
    """The HTTP client of the test server, over an empty items table."""
    with Session(database.engine) as session:
        session.execute(delete(Item))
        session.commit()
    return server_client
