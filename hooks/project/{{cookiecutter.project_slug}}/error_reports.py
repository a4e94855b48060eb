"""Error reports to Sentry, the same in every framework.

With SENTRY_DSN set, every unhandled error of a request reaches that Sentry project with its
traceback, the request and the request's id (the `request_id` tag, as in the log lines). The SDK
enables its integration of the framework by itself and reads SENTRY_ENVIRONMENT and
SENTRY_RELEASE. Without SENTRY_DSN the SDK is not even imported.
"""

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .logs import REQUEST_ID

if TYPE_CHECKING:
    from sentry_sdk.types import Event, Hint


def start_error_reports(reported_by_the_framework: Iterable[str] = ()) -> bool:
    """Start reporting to the project SENTRY_DSN names, if it names one; say whether it does.

    The SDK reports the errors logged as such too: `reported_by_the_framework` names the loggers
    whose error lines the framework's integration reports already, with the request, so that
    each error is reported once.
    """
    if not os.environ.get("SENTRY_DSN"):
        return False
    # Imported here: only a service that reports pays for the import.
    import sentry_sdk
    from sentry_sdk.integrations.logging import ignore_logger

    # Requests' bodies, cookies and users stay out of the reports (send_default_pii's default).
    sentry_sdk.init(before_send=tag_request_id)
    for name in reported_by_the_framework:
        ignore_logger(name)
    return True


def tag_request_id(event: "Event", hint: "Hint") -> "Event":
    """Name the request the error happened in, to find its log lines."""
    event.setdefault("tags", {})["request_id"] = REQUEST_ID.get()
    return event
