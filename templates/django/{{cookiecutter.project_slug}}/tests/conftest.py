"""Fixtures: the migrated test database, the WSGI app the contract tests call, the API token
and browser origin the test settings accept, and a test client that sends the token.

pytest-django runs the tests with the `test` settings. The database is TEST_DATABASE_URL's
when set (for example a PostgreSQL server), otherwise a SQLite file in a temporary folder.
Tests that touch it through Django's test client ask for it with `@pytest.mark.django_db`,
and each runs in a transaction that is rolled back.
"""

import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.test import Client
from pytest_django import DjangoDbBlocker


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Migrate the test database where it is.

    This replaces pytest-django's setup, which would create a `test_` copy of the database and
    drop it at the end: TEST_DATABASE_URL's database (a CI service, say) is used as it is and
    keeps its schema, as `manage.py migrate` would leave it.
    """
    if not os.environ.get("TEST_DATABASE_URL"):
        settings.DATABASES["default"]["NAME"] = str(tmp_path_factory.mktemp("db") / "test.db")
    with django_db_blocker.unblock():
        call_command("migrate", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def app(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[WSGIHandler]:
    """The WSGI application, as the production server runs it, on the test database.

    The contract tests call it through httpx and commit what they write; they delete their
    own items again.
    """
    with django_db_blocker.unblock():
        yield get_wsgi_application()


@pytest.fixture(scope="session")
def api_token() -> str:
    """The token the test settings accept for writes (settings/test.py)."""
    token: str = settings.API_TOKENS[0]
    return token


@pytest.fixture(scope="session")
def allowed_origin() -> str:
    """The origin whose browsers the test settings let call the API (settings/test.py)."""
    origin: str = settings.CORS_ALLOWED_ORIGINS[0]
    return origin


@pytest.fixture
def client(api_token: str) -> Client:
    """Django's test client (pytest-django's `client`), sending the API token."""
    return Client(headers={"Authorization": f"Bearer {api_token}"})
