"""Settings read from the environment (see .env.example); the defaults work out of the box."""

import os
from collections.abc import Mapping
from typing import Any

from .contract import MAX_BODY_BYTES, comma_separated

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else -%}
# A relative SQLite path lives in Flask's instance folder.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}

# The plain URL forms people and platforms use, mapped onto the installed driver.
DRIVER_SCHEMES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}


def sqlalchemy_url(database_url: str) -> str:
    scheme, separator, rest = database_url.partition("://")
    return f"{DRIVER_SCHEMES.get(scheme, scheme)}{separator}{rest}"


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    database_url = sqlalchemy_url(environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        # Check a server's pooled connections first, so the app recovers when it comes back.
        # A SQLite file is opened, not connected to: nothing to check.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": not database_url.startswith("sqlite")},
        "MAX_CONTENT_LENGTH": MAX_BODY_BYTES,
        # Writes to the API need one of these (views/items.py); none: every write is refused.
        "API_TOKENS": comma_separated(environ.get("API_TOKENS", "")),
        # Origins whose browsers may call the API (Flask-CORS, in cors.py).
        "CORS_ALLOWED_ORIGINS": comma_separated(environ.get("CORS_ALLOWED_ORIGINS", "")),
    }
