"""The service's log records as its tests read them: pytest's caplog with the access lines,
each record stamped with its request's id as the handler of logs.py stamps it."""

import logging
from typing import Any

import pytest

from {{ cookiecutter.project_slug }}.logs import RequestIdFilter


def capture_access_lines(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="access")
    caplog.handler.addFilter(RequestIdFilter())
    return caplog


def access_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    """The fields of the access records (logs.log_access), the request id included."""
    return [vars(record) for record in caplog.records if record.name == "access"]
