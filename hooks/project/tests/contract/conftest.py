"""The `client` the contract tests talk through, and what it needs to write and cross origins.

With CONTRACT_BASE_URL set (for example http://127.0.0.1:{{ cookiecutter._port }}) the tests run against that
live server, with the token in CONTRACT_API_TOKEN (one of the server's API_TOKENS) and the
origin in CONTRACT_ALLOWED_ORIGIN (one of its CORS_ALLOWED_ORIGINS; without it the tests of an
allowed origin are skipped). Otherwise they run in-process, against the app the project's own
conftest provides with its `api_token` and `allowed_origin`.
"""

import os
from collections.abc import Iterator

import httpx
import pytest
{%- if cookiecutter._interface == "asgi" %}
from starlette.testclient import TestClient
{%- endif %}

LIVE_BASE_URL = os.environ.get("CONTRACT_BASE_URL")


@pytest.fixture(scope="session")
def api_token(api_token: str) -> str:
    """A token the service accepts for writes."""
    if not LIVE_BASE_URL:
        return api_token
    token = os.environ.get("CONTRACT_API_TOKEN")
    if not token:
        pytest.fail("Set CONTRACT_API_TOKEN to one of the server's API_TOKENS.", pytrace=False)
    return token


@pytest.fixture(scope="session")
def allowed_origin(allowed_origin: str) -> str:
    """An origin whose browsers the service lets call it (CORS)."""
    if not LIVE_BASE_URL:
        return allowed_origin
    origin = os.environ.get("CONTRACT_ALLOWED_ORIGIN")
    if not origin:
        pytest.skip("CONTRACT_ALLOWED_ORIGIN is not set (one of the server's CORS origins)")
    return origin


@pytest.fixture(scope="session")
def client(request: pytest.FixtureRequest, api_token: str) -> Iterator[httpx.Client]:
    """Sends the API token on every request; test_contract.without_token() drops it."""
    headers = {"Authorization": f"Bearer {api_token}"}
    if LIVE_BASE_URL:
        with httpx.Client(base_url=LIVE_BASE_URL, headers=headers, timeout=10) as live:
            yield live
        return
{%- if cookiecutter._interface == "wsgi" %}
    # The WSGI app from the `app` fixture, called in this process.
    transport = httpx.WSGITransport(app=request.getfixturevalue("app"))
    with httpx.Client(
        transport=transport, base_url="http://testserver", headers=headers
    ) as in_process:
        yield in_process
{%- elif cookiecutter._interface == "asgi" %}
    # Starlette's TestClient is an httpx.Client that drives the ASGI app and its lifespan.
    with TestClient(
        request.getfixturevalue("app"), raise_server_exceptions=False, headers=headers
    ) as in_process:
        yield in_process
{%- else %}
    # The framework's own server, started by the `live_url` fixture in this test session.
    live_url = request.getfixturevalue("live_url")
    with httpx.Client(base_url=live_url, headers=headers, timeout=10) as own_server:
        yield own_server
{%- endif %}
