"""Fixtures: one migrated database and app per test session, a clean table per test.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import falcon
import pytest
from alembic import command
from alembic.config import Config
from falcon.testing import TestClient
from sqlalchemy import delete
from sqlalchemy.engine import URL

from {{ cookiecutter.project_slug }} import problems
from {{ cookiecutter.project_slug }}.app import create_app
from {{ cookiecutter.project_slug }}.config import Settings, sqlalchemy_url
from {{ cookiecutter.project_slug }}.database import Database
from {{ cookiecutter.project_slug }}.logs import REQUEST_ID
from {{ cookiecutter.project_slug }}.models import Item

PROJECT = Path(__file__).resolve().parents[1]


def alembic_config(database_url: URL | str) -> Config:
    # No alembic.ini: its logging setup is for the command line, not for this test session.
    config = Config()
    config.set_main_option("script_location", str(PROJECT / "migrations"))
    url = database_url if isinstance(database_url, str) else database_url.render_as_string(False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@pytest.fixture(autouse=True)
def no_request_id_between_tests() -> Iterator[None]:
    """The test client serves requests in the tests' own thread, which keeps the last request's
    id (middleware.RequestLog): a test starts outside any request, as a server thread does
    before its first."""
    token = REQUEST_ID.set("-")
    yield
    REQUEST_ID.reset(token)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> URL:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return sqlalchemy_url(os.environ.get("TEST_DATABASE_URL", default))


@pytest.fixture(scope="session")
def database(database_url: URL) -> Iterator[Database]:
    """The app's database, freshly migrated."""
    migrations = alembic_config(database_url)
    # From whatever a previous run left to an empty schema, then to the newest revision.
    command.upgrade(migrations, "head")
    command.downgrade(migrations, "base")
    command.upgrade(migrations, "head")
    database = Database(database_url)
    yield database
    database.engine.dispose()


@pytest.fixture(scope="session")
def settings(database_url: URL, api_token: str, allowed_origin: str) -> Settings:
    return Settings(
        database_url=database_url,
        api_tokens=(api_token,),
        cors_allowed_origins=(allowed_origin,),
    )


@pytest.fixture(scope="session")
def app(database: Database, settings: Settings) -> falcon.App[falcon.Request, falcon.Response]:
    return create_app(database, settings)


@pytest.fixture
def client(
    app: falcon.App[falcon.Request, falcon.Response], database: Database, api_token: str
) -> TestClient:
    """Falcon's test client over an empty items table, sending the API token."""
    with database.sessions() as session:
        session.execute(delete(Item))
        session.commit()
    return TestClient(app, headers={"Authorization": f"Bearer {api_token}"})


@pytest.fixture
def reported_by_the_framework() -> list[str]:
    """The loggers wsgi.py names to start_error_reports (tests/error_report_fixtures.py): the error
    handler's, whose line of an unexpected error Sentry's Falcon integration reports already."""
    return [problems.logger.name]
