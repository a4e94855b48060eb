"""The `client` the contract tests talk through.

With CONTRACT_BASE_URL set (for example http://127.0.0.1:{{ cookiecutter._port }}) the tests run against that
live server; otherwise in-process, against the app the project's own conftest provides.
"""

import os
from collections.abc import Iterator

import httpx
import pytest
{%- if cookiecutter._interface == "asgi" %}
from starlette.testclient import TestClient
{%- endif %}


@pytest.fixture(scope="session")
def client(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    base_url = os.environ.get("CONTRACT_BASE_URL")
    if base_url:
        with httpx.Client(base_url=base_url, timeout=10) as live:
            yield live
        return
{%- if cookiecutter._interface == "wsgi" %}
    # The WSGI app from the `app` fixture, called in this process.
    transport = httpx.WSGITransport(app=request.getfixturevalue("app"))
    with httpx.Client(transport=transport, base_url="http://testserver") as in_process:
        yield in_process
{%- elif cookiecutter._interface == "asgi" %}
    # Starlette's TestClient is an httpx.Client that drives the ASGI app and its lifespan.
    with TestClient(request.getfixturevalue("app"), raise_server_exceptions=False) as in_process:
        yield in_process
{%- else %}
    # The framework's own server, started by the `live_url` fixture in this test session.
    with httpx.Client(base_url=request.getfixturevalue("live_url"), timeout=10) as own_server:
        yield own_server
{%- endif %}
