"""The service's error reports ({{ cookiecutter.project_slug }}/error_reports.py, the same in
every framework); each framework's tests send one from a request that fails."""

import logging

import pytest
import sentry_sdk

from {{ cookiecutter.project_slug }}.error_reports import start_error_reports
from {{ cookiecutter.project_slug }}.logs import REQUEST_ID

from .sentry_endpoint import SentryEndpoint


def test_nothing_is_reported_without_a_dsn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    assert not start_error_reports()


def test_a_report_names_the_request_it_came_from(reported_errors: SentryEndpoint) -> None:
    token = REQUEST_ID.set("req-7")
    try:
        sentry_sdk.capture_exception(ValueError("reported"))
    finally:
        REQUEST_ID.reset(token)
    [event] = reported_errors.events()
    assert event["tags"]["request_id"] == "req-7"
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("ValueError", "reported")


@pytest.mark.parametrize("reported_by_the_framework", [["framework.errors"]])
def test_the_error_lines_the_framework_reports_are_not_reported_again(
    reported_errors: SentryEndpoint,
) -> None:
    logging.getLogger("framework.errors").error("reported by the framework's integration")
    logging.getLogger("service.errors").error("reported from the log")
    events = reported_errors.events()
    assert [event["logger"] for event in events] == ["service.errors"]
