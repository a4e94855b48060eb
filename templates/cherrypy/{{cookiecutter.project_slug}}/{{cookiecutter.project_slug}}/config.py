"""Settings read from the environment (see .env.example); the defaults work out of the box."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .contract import MAX_UNREAD_BODY_BYTES, comma_separated

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else -%}
# A relative SQLite path is relative to the working directory: the project folder.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}
DEFAULT_PORT = 8080
DEFAULT_THREADS = 8

# The plain URL forms people and platforms use, mapped onto the installed driver.
DRIVER_SCHEMES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}


def sqlalchemy_url(database_url: str) -> str:
    scheme, separator, rest = database_url.partition("://")
    return f"{DRIVER_SCHEMES.get(scheme, scheme)}{separator}{rest}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    port: int
    threads: int
    # Writes to the API need one of these (tools.api_token); none: every write is refused.
    api_tokens: tuple[str, ...] = ()
    # Origins whose browsers may call the API (tools.cors).
    cors_allowed_origins: tuple[str, ...] = ()


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> Settings:
    return Settings(
        database_url=sqlalchemy_url(environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
        port=int(environ.get("PORT", DEFAULT_PORT)),
        threads=int(environ.get("WEB_THREADS", DEFAULT_THREADS)),
        api_tokens=comma_separated(environ.get("API_TOKENS", "")),
        cors_allowed_origins=comma_separated(environ.get("CORS_ALLOWED_ORIGINS", "")),
    )


def server_config(
    *, host: str, port: int, threads: int, development: bool = False
) -> dict[str, Any]:
    """CherryPy's global config: its HTTP server, the engine and the logs."""
    config: dict[str, Any] = {
        "server.socket_host": host,
        "server.socket_port": port,
        "server.thread_pool": threads,
        # CherryPy's server, refusing new connections as soon as a stop begins (server.py).
        "server.instance": f"{__package__}.server.PromptlyStoppingServer",
        # The server keeps at most 10 idle keep-alive connections, so busy clients reconnect
        # often; with CherryPy's listen backlog of 5, new connections waited for TCP
        # retransmission (p99 near 1 s under load, see README). The backlog absorbs them.
        "server.socket_queue_size": 128,
        # The application answers a body over MAX_BODY_BYTES with a 413 problem (its
        # request.body.maxbytes), and the server then reads the rest of the body, so the
        # connection stays usable. It refuses bodies larger than this with a plain 413
        # before the application sees them: no request makes it buffer more than this.
        "server.max_request_body_size": MAX_UNREAD_BODY_BYTES,
        # None of CherryPy's own log handlers: its error log reaches the root logger, which
        # logs.configure() sets up, and request_log.py writes the access lines instead.
        "log.screen": False,
    }
    if development:
        config["request.show_tracebacks"] = True
    else:
        # No autoreload, no tracebacks or mismatched-parameter details in responses.
        config["environment"] = "production"
    return config
