"""Fixtures: one migrated database and app per test session, an empty items table per test.

The app is test.ini's, built as in production: DATABASE_URL, which wins over the .ini file, names
the test database (TEST_DATABASE_URL when set, for example a PostgreSQL server, otherwise a SQLite
file in a temporary folder) while the app is built and migrated; API_TOKENS and
CORS_ALLOWED_ORIGINS hold the `api_token` and `allowed_origin` of tests/api_fixtures.py.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import transaction
import webtest
from alembic import command
from alembic.config import Config
from paste.deploy import loadapp
from sqlalchemy import Engine, delete

from {{ cookiecutter.project_slug }}.config.application import make_app
from {{ cookiecutter.project_slug }}.model import DBSession, Item, init_model

TEST_INI = str(Path(__file__).parents[1] / "test.ini")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return os.environ.get("TEST_DATABASE_URL", default)


def load_test_app() -> Any:
    """test.ini's app, as PasteDeploy builds it for gearbox and wsgi.py."""
    return loadapp(f"config:{TEST_INI}")


@pytest.fixture(scope="session")
def app(database_url: str, api_token: str, allowed_origin: str) -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DATABASE_URL", database_url)
        environment.setenv("API_TOKENS", api_token)
        environment.setenv("CORS_ALLOWED_ORIGINS", allowed_origin)
        alembic_config = Config(TEST_INI)
        # From whatever a previous run left to an empty schema, then to the newest revision.
        command.upgrade(alembic_config, "head")
        command.downgrade(alembic_config, "base")
        command.upgrade(alembic_config, "head")
        app = load_test_app()
    yield app
    DBSession.remove()


@pytest.fixture
def testapp(app: Any, api_token: str) -> Iterator[webtest.TestApp]:
    """WebTest over the app, sending the API token, on an empty items table. Its requests
    commit, as in production, in the transaction TurboGears runs for each."""
    with transaction.manager:
        DBSession.execute(delete(Item))
    yield webtest.TestApp(app, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})
    DBSession.remove()


@pytest.fixture
def web(testapp: webtest.TestApp) -> webtest.TestApp:
    """The client the shared WebTest tests (test_items.py, test_request_log.py) take."""
    return testapp


@pytest.fixture
def build_app(app: Any) -> Iterator[Callable[..., Any]]:
    """make_app, for an app beside the session's. DBSession is the process's one session, which
    every app binds to its engine: it is bound back to the session app's afterwards."""
    engine = DBSession.get_bind()
    assert isinstance(engine, Engine)
    yield make_app
    DBSession.remove()
    init_model(engine)
