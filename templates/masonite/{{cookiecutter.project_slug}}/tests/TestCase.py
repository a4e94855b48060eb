"""The project's TestCase: Masonite's, whose requests go through the application's response
handler (app/http.py) as a server's do, with a JSON body and headers."""

# Masonite's module name, which the tests `craft test` writes import (tests.TestCase).
# ruff: noqa: N999

import io
import json
import os
from typing import Any

import pytest
from masonite.request import Request
from masonite.tests import HttpTestResponse
from masonite.tests import TestCase as MasoniteTestCase
from masonite.utils.http import generate_wsgi


class TestCase(MasoniteTestCase):  # type: ignore[misc]
    def setUp(self) -> None:
        # Masonite's setUp loads .env over the environment the tests set (conftest.py), then
        # imports the application, which reads its configuration once: import it before, with
        # the tests' environment, or a test module run alone gets the .env's API token.
        import wsgi  # noqa: F401

        environment = dict(os.environ)
        super().setUp()
        os.environ.clear()
        os.environ.update(environment)
        self.withHeaders({"Authorization": f"Bearer {self.fixture('api_token')}"})

    def tearDown(self) -> None:
        # Masonite's tearDown logs a user out through its auth, which an API without users
        # has not registered.
        self.withHeaders({})
        self._test_headers.clear()
        self.application.make("router").routes = list(self.routes_to_restore)

    def fetch(self, path: str, data: Any = None, method: str | None = None) -> HttpTestResponse:
        """The request as the production server would send it: through the WSGI app, the body
        as JSON (Masonite's own fetch sends a form token and no content type)."""
        path, _, query_string = path.partition("?")
        body = b"" if data is None else json.dumps(data).encode()
        headers = {
            f"HTTP_{name.upper().replace('-', '_')}": value
            for name, value in self._test_headers.items()
        }
        environ = generate_wsgi(
            {
                **headers,
                "CONTENT_TYPE": "application/json" if body else "",
                "CONTENT_LENGTH": str(len(body)),
                "wsgi.input": io.BytesIO(body),
            },
            path=path,
            query_string=query_string,
            method=method or "GET",
        )
        answer = self.application(environ, lambda status, headers: None)
        # Read to its end and closed, as a server does: a WSGI middleware may act only then.
        b"".join(answer)
        getattr(answer, "close", lambda: None)()
        request: Request = self.application.make("request")
        route = getattr(request, "route", None)
        return self.application.make("tests.response").build(
            self, self.application, request, self.application.make("response"), route
        )

    @pytest.fixture(autouse=True)
    def _pytest_request(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def fixture(self, name: str) -> Any:
        """A pytest fixture's value, for a unittest-style test: `self.fixture("caplog")`."""
        return self._request.getfixturevalue(name)
