"""Fixtures: one migrated database and app per test session, a clean table per test.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a SQLite
file in a temporary folder. py4web reads the app's settings from the environment when it imports
the app, once per session: the app accepts the `api_token` of tests/api_fixtures.py for writes and
lets browsers on `allowed_origin` call it.
"""

import os
from collections.abc import Iterator
from typing import Any

import pytest
from webtest import TestApp

from {{ cookiecutter.project_slug }}.logs import REQUEST_ID
from {{ cookiecutter.project_slug }}.migrate import app_module, migrate
from {{ cookiecutter.project_slug }}.service import load_apps


@pytest.fixture(autouse=True)
def no_request_id_between_tests() -> Iterator[None]:
    """WebTest and httpx serve requests in the tests' own thread: a test starts outside any
    request, as a server thread does before its first."""
    token = REQUEST_ID.set("-")
    yield
    REQUEST_ID.reset(token)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return os.environ.get("TEST_DATABASE_URL", default)


@pytest.fixture(scope="session")
def app(database_url: str, api_token: str, allowed_origin: str) -> Iterator[Any]:
    """py4web's WSGI app, serving the app on the freshly migrated test database."""
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DATABASE_URL", database_url)
        environment.setenv("API_TOKENS", api_token)
        environment.setenv("CORS_ALLOWED_ORIGINS", allowed_origin)
        app = load_apps()
        # Once py4web has imported the app: app_module() then finds the modules it imported.
        migrate(app_module("settings").DB_URI)
        yield app


@pytest.fixture
def db(app: Any) -> Any:
    """The app's database over an empty items table, outside any request."""
    db = app_module("common").db
    db.get_connection_from_pool_or_new()
    db(db.item).delete()
    # Back to the pool: a request served in this thread takes it from there.
    db.recycle_connection_in_pool_or_close("commit")
    return db


@pytest.fixture
def web(app: Any, db: Any, api_token: str) -> TestApp:
    """WebTest's client of the app, sending the API token."""
    return TestApp(app, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})
