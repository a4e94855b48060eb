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
    # The development server's port (python -m {{ cookiecutter.project_slug }}); the Procfile's
    # server reads PORT itself.
    port: int = {{ cookiecutter._port }}
    # Writes to the API need one of these (resources/items.py); none: every write is refused.
    api_tokens: tuple[str, ...] = ()
    # Origins whose browsers may call the API (the CORS middleware, app.py).
    cors_allowed_origins: tuple[str, ...] = ()


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> Settings:
    return Settings(
        database_url=sqlalchemy_url(environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)),
        port=int(environ.get("PORT", Settings.port)),
        api_tokens=comma_separated(environ.get("API_TOKENS", "")),
        cors_allowed_origins=comma_separated(environ.get("CORS_ALLOWED_ORIGINS", "")),
    )
