"""Logging as a production service logs, the same in every framework.

One line per record on stderr: a JSON object where something collects the logs (a container,
a Procfile runner, CI), a readable line where a person reads them (stderr is a terminal).
LOG_FORMAT (json or console) chooses for itself; LOG_LEVEL sets the level (INFO). Every record
logged while a request is served carries that request's id (`request_id`, set by the
framework's request hook through `REQUEST_ID`), so one request's lines can be found together.
The framework writes one access line per request with `log_access`, instead of its server's
own access log.
"""

import logging
import logging.config
import os
import sys
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, TextIO

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMATS = ("json", "console")
# The request being served in this thread or task; "-" outside a request (start, shutdown).
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
access_logger = logging.getLogger("access")

JSON_FIELDS = "{levelname}{name}{message}{request_id}"
CONSOLE_LINE = "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request it was logged in."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def logging_config(
    environ: Mapping[str, str] = os.environ, stream: TextIO = sys.stderr
) -> dict[str, Any]:
    """The `logging.config.dictConfig` of the service, from LOG_LEVEL and LOG_FORMAT."""
    level = environ.get("LOG_LEVEL", "INFO").upper()
    if level not in LEVELS:
        raise ValueError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}.")
    log_format = environ.get("LOG_FORMAT") or ("console" if stream.isatty() else "json")
    if log_format not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be json or console, not {log_format!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": JSON_FIELDS,
                "style": "{",
                "timestamp": "time",
                "rename_fields": {"levelname": "level", "name": "logger"},
            },
            "console": {"format": CONSOLE_LINE},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": stream,
                "formatter": log_format,
                "filters": ["request_id"],
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
    }


def configure(environ: Mapping[str, str] = os.environ, stream: TextIO = sys.stderr) -> None:
    """Route every logger, the framework's and the server's included, through one handler."""
    logging.config.dictConfig(logging_config(environ, stream))


def log_access(
    method: str, path: str, status: int, duration_ms: float, client: str | None
) -> None:
    """The one access line of a request, once its answer is known."""
    access_logger.info(
        "%s %s %s %.1f ms",
        method,
        path,
        status,
        duration_ms,
        extra={
            "method": method,
            "path": path,
            "status": status,
            "duration_ms": round(duration_ms, 2),
            "client": client,
        },
    )
