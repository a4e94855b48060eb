"""The service's logging ({{ cookiecutter.project_slug }}/logs.py, the same in every framework)."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

from {{ cookiecutter.project_slug }} import logs


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """configure() replaces the root logger's handlers, pytest's own included: put them back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_an_access_line_is_one_json_object_with_the_request_id() -> None:
    stream = io.StringIO()
    logs.configure({}, stream)
    token = logs.REQUEST_ID.set("req-1")
    try:
        logs.log_access("GET", "/api/items", 200, 1.234, "127.0.0.1")
    finally:
        logs.REQUEST_ID.reset(token)
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["time"]
    assert (record["level"], record["logger"], record["request_id"]) == ("INFO", "access", "req-1")
    fields = {name: record[name] for name in ("method", "path", "status", "duration_ms", "client")}
    assert fields == {
        "method": "GET",
        "path": "/api/items",
        "status": 200,
        "duration_ms": 1.23,
        "client": "127.0.0.1",
    }


def test_an_error_is_one_json_line_with_its_traceback() -> None:
    stream = io.StringIO()
    logs.configure({}, stream)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("{{ cookiecutter.project_slug }}").exception("The request failed.")
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert (record["level"], record["message"], record["request_id"]) == (
        "ERROR",
        "The request failed.",
        "-",
    )
    assert "RuntimeError: boom" in record["exc_info"]


def test_a_terminal_gets_readable_lines_and_log_level_filters() -> None:
    terminal = Terminal()
    logs.configure({"LOG_LEVEL": "warning"}, terminal)
    logging.getLogger("{{ cookiecutter.project_slug }}").info("hidden")
    logging.getLogger("{{ cookiecutter.project_slug }}").warning("shown")
    [line] = terminal.getvalue().splitlines()
    assert "WARNING" in line
    assert line.endswith("shown")


def test_log_format_overrides_the_terminal_guess() -> None:
    terminal = Terminal()
    logs.configure({"LOG_FORMAT": "json"}, terminal)
    logging.getLogger("{{ cookiecutter.project_slug }}").warning("collected")
    assert json.loads(terminal.getvalue())["message"] == "collected"


@pytest.mark.parametrize(
    ("environ", "rule"),
    [({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of"), ({"LOG_FORMAT": "xml"}, "LOG_FORMAT")],
)
def test_bad_settings_are_refused_by_name(environ: dict[str, str], rule: str) -> None:
    with pytest.raises(ValueError, match=rule):
        logs.logging_config(environ, io.StringIO())
