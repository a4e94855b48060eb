"""Fixtures: one migrated database and app per test session, a clean table per test.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a SQLite
file in a temporary folder. The app accepts the `api_token` of tests/api_fixtures.py for writes and
lets browsers on `allowed_origin` call it.
"""

import os
from collections.abc import Iterator

import httpx
import pytest
from bottle import Bottle

from {{ cookiecutter.project_slug }} import create_app, problems
from {{ cookiecutter.project_slug }}.database import Database, open_database
from {{ cookiecutter.project_slug }}.migrate import migrate


@pytest.fixture
def reported_by_the_framework() -> list[str]:
    """What wsgi.py names to start_error_reports: the unexpected-error plugin's logger."""
    return [problems.logger.name]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return os.environ.get("TEST_DATABASE_URL", default)


@pytest.fixture(scope="session")
def database(database_url: str) -> Iterator[Database]:
    """The test database, migrated to the newest version."""
    database = open_database(database_url, create=True)
    migrate(database)
    yield database
    database.close()


@pytest.fixture(scope="session")
def app(
    database: Database, database_url: str, api_token: str, allowed_origin: str
) -> Iterator[Bottle]:
    """The Bottle app (a WSGI callable) on the test database."""
    app = create_app(database_url, api_tokens=[api_token], cors_allowed_origins=[allowed_origin])
    yield app
    app.close()


@pytest.fixture
def client(app: Bottle, database: Database, api_token: str) -> Iterator[httpx.Client]:
    """An httpx client that calls the app in this process, over an empty items table, and
    sends the API token."""
    with database.transaction() as db:
        db.execute("DELETE FROM items")
    transport = httpx.WSGITransport(app=app)
    headers = {"Authorization": f"Bearer {api_token}"}
    with httpx.Client(
        transport=transport, base_url="http://testserver", headers=headers
    ) as client:
        yield client
