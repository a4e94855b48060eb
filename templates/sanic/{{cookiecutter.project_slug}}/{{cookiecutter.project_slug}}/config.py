"""Settings: Sanic's own config, read from the environment (see .env.example).

Sanic loads every `SANIC_`-prefixed variable into the config (`SANIC_ACCESS_LOG=true` sets
ACCESS_LOG); DATABASE_URL keeps the name platforms and compose give it, and API_TOKENS and
CORS_ALLOWED_ORIGINS the names every service of the template shares. The defaults work out of
the box.
"""

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from sanic.config import Config
from sqlalchemy.engine import URL, make_url

from .contract import MAX_BODY_BYTES, comma_separated

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else -%}
# A relative SQLite path is taken from the project folder, wherever the server starts.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}
PROJECT_DIR = Path(__file__).resolve().parents[1]

# The plain URL forms people and platforms use, mapped onto the installed drivers: the
# standard library's sqlite3 (SQLAlchemy's default for sqlite://) and psycopg 3.
DRIVERS = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
}

# The service's values for Sanic's settings; a SANIC_ variable overrides each.
SERVICE_DEFAULTS: dict[str, str | bool | int | float | None] = {
    # Sanic answers 413 to a larger body before a handler runs.
    "REQUEST_MAX_SIZE": MAX_BODY_BYTES,
    # How long a stopping worker lets requests in progress finish: the whole stop stays
    # within 2 s, so a platform's restart is not held up by a slow client.
    "GRACEFUL_SHUTDOWN_TIMEOUT": 1.0,
    # Errors Sanic renders before the app's handler can (none expected) are JSON, not HTML.
    "FALLBACK_ERROR_FORMAT": "json",
    # The app logs one access line per request (request_log.py), in place of Sanic's own,
    # which SANIC_ACCESS_LOG=true would add beside it.
    "ACCESS_LOG": False,
}


def sqlalchemy_url(database_url: str) -> URL:
    url = make_url(database_url)
    url = url.set(drivername=DRIVERS.get(url.drivername, url.drivername))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=str(PROJECT_DIR / url.database))
    return url


def database_url_from_environment(environ: Mapping[str, str] = os.environ) -> URL:
    return sqlalchemy_url(environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))


def comma_separated_from_environment(
    name: str, environ: Mapping[str, str] = os.environ
) -> tuple[str, ...]:
    return comma_separated(environ.get(name, ""))


class ServiceConfig(Config):
    """Sanic's Config with the service's defaults, its database, the tokens that writes need
    and the origins whose browsers may call the API; each from the environment unless given."""

    DATABASE_URL: URL
    # Writes to the API need one of these (blueprints/items.py); none: every write is refused.
    API_TOKENS: tuple[str, ...]
    # Origins whose browsers may call the API (cors.py).
    CORS_ALLOWED_ORIGINS: tuple[str, ...]

    def __init__(
        self,
        database_url: URL | None = None,
        *,
        api_tokens: Sequence[str] | None = None,
        cors_allowed_origins: Sequence[str] | None = None,
    ) -> None:
        super().__init__(defaults=SERVICE_DEFAULTS)  # Then the SANIC_ variables over them.
        self.DATABASE_URL = database_url or database_url_from_environment()
        self.API_TOKENS = (
            tuple(api_tokens)
            if api_tokens is not None
            else comma_separated_from_environment("API_TOKENS")
        )
        self.CORS_ALLOWED_ORIGINS = (
            tuple(cors_allowed_origins)
            if cors_allowed_origins is not None
            else comma_separated_from_environment("CORS_ALLOWED_ORIGINS")
        )
