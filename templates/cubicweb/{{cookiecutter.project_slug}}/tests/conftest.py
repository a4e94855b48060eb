"""Fixtures: one instance and app per test session, made and migrated as in production, and an
empty items table per test.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a SQLite
file in a temporary folder; the instance's folder is written to a temporary CW_INSTANCES_DIR. The
app accepts the `api_token` of tests/api_fixtures.py for writes and lets browsers on
`allowed_origin` call it. CubicWeb's own test classes (tests/test_cube.py) make an instance of the
cube alone, on a database of their own.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cubicweb.server import utils as cubicweb_passwords
from webtest import TestApp

from {{ cookiecutter.project_slug }}.logs import REQUEST_ID
from {{ cookiecutter.project_slug }}.release import release
from {{ cookiecutter.project_slug }}.service import Service


@pytest.fixture(autouse=True)
def no_request_id_between_tests() -> Iterator[None]:
    """WebTest and httpx serve requests in the tests' own thread: a test starts outside any
    request, as a server thread does before its first."""
    token = REQUEST_ID.set("-")
    yield
    REQUEST_ID.reset(token)


@pytest.fixture(scope="session", autouse=True)
def fresh_cubicweb_test_database() -> None:
    """CubicWebTC keeps the database it makes from the schema in tests/data/database and
    reuses it on the next run, even after schema.py changed: each run starts without it."""
    shutil.rmtree(Path(__file__).parent / "data" / "database", ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes() -> Iterator[None]:
    """Each new database hashes its manager's password three times with CubicWeb's
    sha512_crypt (656,000 rounds: about 0.9 s a database here, and the tests make three). The
    tests' databases keep no password worth the rounds; production's keep the default."""
    with pytest.MonkeyPatch.context() as patch:
        context = cubicweb_passwords._CRYPTO_CTX
        patch.setattr(
            cubicweb_passwords, "_CRYPTO_CTX", context.copy(sha512_crypt__default_rounds=1000)
        )
        yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return os.environ.get("TEST_DATABASE_URL", default)


@pytest.fixture
def reported_by_the_framework() -> list[str]:
    """What wsgi.py names to start_error_reports: the exception views' logger."""
    return ["cubicweb_{{ cookiecutter.project_slug }}.problems"]


@pytest.fixture(scope="session")
def environment(
    tmp_path_factory: pytest.TempPathFactory,
    database_url: str,
    api_token: str,
    allowed_origin: str,
) -> Iterator[pytest.MonkeyPatch]:
    """The settings of the test app, for the whole session."""
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("CW_INSTANCES_DIR", str(tmp_path_factory.mktemp("instances")))
        environment.setenv("DATABASE_URL", database_url)
        environment.setenv("API_TOKENS", api_token)
        environment.setenv("CORS_ALLOWED_ORIGINS", allowed_origin)
        yield environment


@pytest.fixture(scope="session")
def service(environment: pytest.MonkeyPatch, database_url: str) -> Service:
    """The service on the test database, which the release step has created or upgraded."""
    release(database_url)
    service = Service()
    assert service.start() is not None
    return service


@pytest.fixture(scope="session")
def app(service: Service) -> Any:
    """CubicWeb's Pyramid application, as the service serves it once migrated."""
    return service.application


@pytest.fixture
def repo(app: Any) -> Any:
    """The CubicWeb repository, its items all deleted."""
    repository = app.registry["cubicweb.repository"]
    with repository.internal_cnx() as cnx:
        cnx.execute("DELETE Item X")
        cnx.commit()
    return repository


@pytest.fixture
def web(app: Any, repo: Any, api_token: str) -> TestApp:
    """WebTest's client of the app, sending the API token."""
    return TestApp(app, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})
