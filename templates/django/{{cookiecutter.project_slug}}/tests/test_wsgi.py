"""The WSGI entry point the production server imports."""

from io import BytesIO
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

from {{ cookiecutter.project_slug }}.wsgi import application


# The first request of a process checks the database's migrations, and Django closes the
# connection a request starts with: outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_reads_what_the_app_left_of_the_request_body(api_token: str) -> None:
    body = BytesIO(b'{"name": "' + b"n" * 2 * 1024 * 1024 + b'"}')
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/items",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body.getvalue())),
        "HTTP_AUTHORIZATION": f"Bearer {api_token}",
        "wsgi.input": body,
        "wsgi.input_terminated": True,  # As Granian sets it: the stream ends with the body.
    }
    setup_testing_defaults(environ)
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        statuses.append(status)

    application(environ, start_response)
    assert [status[:3] for status in statuses] == ["413"]
    assert body.read() == b""
