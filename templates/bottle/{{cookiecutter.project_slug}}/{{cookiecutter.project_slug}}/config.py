"""Settings read from the environment (see .env.example); the defaults work out of the box."""

import os
from collections.abc import Mapping
from pathlib import Path

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
