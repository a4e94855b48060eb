"""Settings read from the environment (see .env.example); the defaults work out of the box."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from .contract import comma_separated

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


def sqlalchemy_url(database_url: str) -> URL:
    url = make_url(database_url)
    url = url.set(drivername=DRIVERS.get(url.drivername, url.drivername))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=str(PROJECT_DIR / url.database))
    return url


@dataclass(frozen=True)
class Settings:
    database_url: URL
    port: int = {{ cookiecutter._port }}
    # Worker processes of the production server (1 = no fork).
    processes: int = 2
    # How long GET /delay waits before it answers.
    delay_seconds: float = 1.0
    # How long a stopping server lets requests in progress finish: the 1 s delay fits, and the
    # whole stop stays within 2 s, so a platform's restart is not held up by a slow client.
    shutdown_timeout: float = 1.5
    debug: bool = False
    # Writes to the API need one of these (handlers/items.py); none: every write is refused.
    api_tokens: tuple[str, ...] = ()
    # Origins whose browsers may call the API (handlers/base.py answers their preflights).
    cors_allowed_origins: tuple[str, ...] = ()


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> Settings:
    return Settings(
        database_url=sqlalchemy_url(environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
        port=int(environ.get("PORT", Settings.port)),
        processes=int(environ.get("WEB_CONCURRENCY", Settings.processes)),
        delay_seconds=float(environ.get("DELAY_SECONDS", Settings.delay_seconds)),
        shutdown_timeout=float(environ.get("SHUTDOWN_TIMEOUT", Settings.shutdown_timeout)),
        api_tokens=comma_separated(environ.get("API_TOKENS", "")),
        cors_allowed_origins=comma_separated(environ.get("CORS_ALLOWED_ORIGINS", "")),
    )
