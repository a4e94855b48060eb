"""Fixtures: the Zope layer (layers.py) as pytest fixtures, through zope.pytestlayer, and the
clients the tests talk through."""

from collections.abc import Iterator
from typing import Any

import pytest
from webtest import TestApp
from zope.pytestlayer import fixture

from {{ cookiecutter.project_slug }}.logs import REQUEST_ID

from .layers import ALLOWED_ORIGIN, ServiceLayer, accepted_api_token

globals().update(
    fixture.create(
        ServiceLayer,
        session_fixture_name="zope_session",
        class_fixture_name="zope_class",
        function_fixture_name="zope_test",
    )
)


@pytest.fixture(autouse=True)
def no_request_id_between_tests() -> Iterator[None]:
    """WebTest and httpx serve requests in the tests' own thread: a test starts outside any
    request, as a server thread does before its first."""
    token = REQUEST_ID.set("-")
    yield
    REQUEST_ID.reset(token)


@pytest.fixture(scope="session")
def api_token() -> str:
    """The token the test app accepts for writes."""
    return accepted_api_token()


@pytest.fixture(scope="session")
def allowed_origin() -> str:
    """The origin whose browsers the test app lets call its API."""
    return ALLOWED_ORIGIN


@pytest.fixture(scope="session")
def app(zope_session: type[ServiceLayer]) -> Any:
    """The WSGI pipeline of etc/zope.ini, serving the layer's database."""
    return zope_session.app


@pytest.fixture
def web(app: Any, api_token: str, zope_test: type[ServiceLayer]) -> TestApp:
    """WebTest's client of the app, on an empty items container, sending the API token."""
    return TestApp(app, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})
