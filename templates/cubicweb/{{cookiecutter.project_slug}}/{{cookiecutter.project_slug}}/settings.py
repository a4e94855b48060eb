{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The service's settings, read from the environment (see .env.example); the defaults work out
of the box."""

import os
from pathlib import Path

from .contract import comma_separated

# The project folder: a relative SQLite path is resolved against it, so that the server and the
# release step find the same file wherever they are started.
PROJECT_DIR = Path(__file__).resolve().parents[1]
{%- if postgresql %}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else %}
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def api_tokens() -> tuple[str, ...]:
    """Writes to the API (POST, PUT, DELETE) accept these tokens; none: every write is refused."""
    return comma_separated(os.environ.get("API_TOKENS", ""))


def cors_allowed_origins() -> tuple[str, ...]:
    """The origins whose browsers may call the API (CORS); none by default."""
    return comma_separated(os.environ.get("CORS_ALLOWED_ORIGINS", ""))
