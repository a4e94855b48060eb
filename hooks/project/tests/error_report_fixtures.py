"""The error-report fixtures, a pytest plugin (pyproject.toml's addopts): `reported_errors` is
what the service reported to a Sentry endpoint on loopback during the test."""

from collections.abc import Iterator

import pytest
import sentry_sdk
from sentry_sdk.integrations.logging import unignore_logger

from .sentry_endpoint import SentryEndpoint, sentry_endpoint


@pytest.fixture
def reported_by_the_framework() -> list[str]:
    """The loggers the service names to start_error_reports where it starts: none, unless the
    project's conftest.py says otherwise."""
    return []


@pytest.fixture
def reported_errors(
    monkeypatch: pytest.MonkeyPatch, reported_by_the_framework: list[str]
) -> Iterator[SentryEndpoint]:
    """The endpoint the service reports its errors to, from here to the end of the test."""
    # Imported here: a plugin's imports come before coverage starts measuring the package.
    from {{ cookiecutter.project_slug }}.error_reports import start_error_reports

    with sentry_endpoint(flush=sentry_sdk.flush) as endpoint:
        monkeypatch.setenv("SENTRY_DSN", endpoint.dsn)
        assert start_error_reports(reported_by_the_framework)
        try:
            yield endpoint
        finally:
            sentry_sdk.get_client().close()
            sentry_sdk.get_global_scope().set_client(None)
            for name in reported_by_the_framework:
                unignore_logger(name)
