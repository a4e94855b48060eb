"""Fixtures: one migrated database and app per test session, a rolled-back transaction per test.

The app is testing.ini's, built as in production: DATABASE_URL, which wins over the .ini file,
names the test database (TEST_DATABASE_URL when set, for example a PostgreSQL server, otherwise a
SQLite file in a temporary folder) while the app is built and migrated; API_TOKENS and
CORS_ALLOWED_ORIGINS hold the `api_token` and `allowed_origin` of tests/api_fixtures.py.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import transaction
import webtest
from alembic import command
from alembic.config import Config
from pyramid.paster import get_app
from pyramid.router import Router
from sqlalchemy import delete
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }}.models import Item, get_tm_session
from {{ cookiecutter.project_slug }}.views import errors

TESTING_INI = str(Path(__file__).parents[1] / "testing.ini")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return os.environ.get("TEST_DATABASE_URL", default)


@pytest.fixture
def reported_by_the_framework() -> list[str]:
    """What wsgi.py names to start_error_reports: the exception view's logger."""
    return [errors.logger.name]


@pytest.fixture(scope="session")
def app(database_url: str, api_token: str, allowed_origin: str) -> Iterator[Router]:
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DATABASE_URL", database_url)
        environment.setenv("API_TOKENS", api_token)
        environment.setenv("CORS_ALLOWED_ORIGINS", allowed_origin)
        alembic_config = Config(TESTING_INI)
        # From whatever a previous run left to an empty schema, then to the newest revision.
        command.upgrade(alembic_config, "head")
        command.downgrade(alembic_config, "base")
        command.upgrade(alembic_config, "head")
        app: Router = get_app(TESTING_INI, "main")
    yield app
    app.registry["dbsession_factory"].kw["bind"].dispose()


@pytest.fixture
def tm() -> Iterator[transaction.TransactionManager]:
    """A transaction that every test rolls back: nothing a test writes outlives it."""
    manager = transaction.TransactionManager(explicit=True)
    manager.begin()
    manager.doom()
    yield manager
    manager.abort()


@pytest.fixture
def dbsession(app: Router, tm: transaction.TransactionManager) -> Session:
    return get_tm_session(app.registry["dbsession_factory"], tm)


@pytest.fixture
def testapp(
    app: Router, tm: transaction.TransactionManager, dbsession: Session, api_token: str
) -> webtest.TestApp:
    """WebTest over the app, sending the API token; its requests run in the test's
    transaction, not pyramid_tm's."""
    return webtest.TestApp(
        app,
        extra_environ={
            "tm.active": True,
            "tm.manager": tm,
            "app.dbsession": dbsession,
            "HTTP_AUTHORIZATION": f"Bearer {api_token}",
        },
    )


@pytest.fixture
def web(testapp: webtest.TestApp, dbsession: Session) -> webtest.TestApp:
    """The client the shared WebTest tests (test_items.py, test_request_log.py) take: the app
    over an empty items table, inside the test's transaction."""
    dbsession.execute(delete(Item))
    return testapp
