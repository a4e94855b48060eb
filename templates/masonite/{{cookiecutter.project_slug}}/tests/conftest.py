"""Fixtures: the environment the app loads its configuration from, a migrated test database,
and the WSGI app for the shared contract tests (tests/contract/).

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from wsgiref.types import WSGIApplication

import pytest

from {{ cookiecutter.project_slug }}.logs import REQUEST_ID


def pytest_configure(config: pytest.Config) -> None:
    """The environment of the tests, set before pytest collects them: Masonite reads its
    configuration once (config/*.py), and Masonite ORM loads config/database.py as soon as
    anything touches a model class, which collecting a test module that imports one does."""
    folder = Path(tempfile.mkdtemp(prefix="test-database-"))
    config.add_cleanup(lambda: shutil.rmtree(folder))
    os.environ["DATABASE_URL"] = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{folder / 'test.db'}"
    )
    os.environ["API_TOKENS"] = "test-api-token"
    os.environ["CORS_ALLOWED_ORIGINS"] = "https://app.example.com"


@pytest.fixture(scope="session", autouse=True)
def database() -> None:
    """The test database, from whatever a previous run left to empty and migrated again."""
    from masoniteorm.migrations import Migration

    migrations = Migration(migration_directory="databases/migrations")
    migrations.create_table_if_not_exists()
    migrations.reset()
    migrations.migrate()


@pytest.fixture(autouse=True)
def empty_items(database: None) -> None:
    from app.models.Item import Item

    Item.where("id", ">", 0).delete()


@pytest.fixture(autouse=True)
def no_request_id_between_tests() -> Iterator[None]:
    """The app keeps the last request's id in the thread that served it (app/http.py): a test
    starts outside any request, as a server worker does before its first."""
    token = REQUEST_ID.set("-")
    yield
    REQUEST_ID.reset(token)


@pytest.fixture(scope="session")
def api_token() -> str:
    """The token the test app accepts for writes."""
    return os.environ["API_TOKENS"]


@pytest.fixture(scope="session")
def allowed_origin() -> str:
    """The origin whose browsers the test app lets call its API."""
    return os.environ["CORS_ALLOWED_ORIGINS"]


@pytest.fixture(scope="session")
def app(database: None) -> WSGIApplication:
    """The WSGI callable the production server serves (wsgi.py)."""
    from wsgi import application

    return application  # type: ignore[no-any-return]
