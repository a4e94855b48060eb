"""Settings read from the environment (see .env.example); the defaults work out of the box."""

import os
from collections.abc import Mapping
from pathlib import Path

from .contract import comma_separated

# The project folder: migrations/ lives here, and a relative SQLite path is resolved against
# it, so the server and the migrate command find the same file wherever they are started.
PROJECT_DIR = Path(__file__).resolve().parent.parent

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else -%}
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}


def database_url(environ: Mapping[str, str] = os.environ) -> str:
    return environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def api_tokens(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The tokens writes to the API accept (security.py); none: every write is refused."""
    return comma_separated(environ.get("API_TOKENS", ""))


def cors_allowed_origins(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The origins whose browsers may call the API (cors.py); none by default."""
    return comma_separated(environ.get("CORS_ALLOWED_ORIGINS", ""))
