{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The app's settings, read from the environment (see .env.example), as py4web's scaffold
keeps them in settings.py; the defaults work out of the box."""

{% if postgresql -%}
import getpass
{% endif -%}
import os
from pathlib import Path
{%- if postgresql %}
from urllib.parse import urlsplit
{%- endif %}

from {{ cookiecutter.project_slug }}.contract import comma_separated

# The project folder: a relative SQLite path is resolved against it, so that the server and the
# migrate command find the same file wherever they are started.
PROJECT_DIR = Path(__file__).resolve().parents[2]
APP_NAME = "_default"
{%- if postgresql %}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else %}
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}


def pydal_uri(url: str) -> str:
    """DATABASE_URL (sqlite:///relative.db, sqlite:////absolute.db{% if postgresql %} or
    postgresql://...{% endif %}) in pydal's own form."""
    scheme, _, rest = url.partition("://")
    if scheme == "sqlite":
        return f"sqlite://{PROJECT_DIR / rest.removeprefix('/')}"
{%- if postgresql %}
    if scheme in ("postgresql", "postgres"):
        # pydal needs a user in the URL; without one, libpq's default (PGUSER, else the login).
        if "@" not in urlsplit(url).netloc:
            user = os.environ.get("PGUSER") or getpass.getuser()
            rest = f"{user}@{rest}"
        return f"postgres://{rest}"
    raise ValueError(f"DATABASE_URL must be a sqlite:/// or postgresql:// URL, not {scheme}://")
{%- else %}
    raise ValueError(f"DATABASE_URL must be a sqlite:/// URL, not {scheme}://")
{%- endif %}


DB_URI = pydal_uri(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
# Names pydal's record of each table (web2py_filesystem): by default a hash of the URI, which
# would lose the record when the password or the host changes.
TABLE_HASH = APP_NAME
# Connections each server process keeps open: one per thread of the production server.
DB_POOL_SIZE = 4
# Writes to the API (POST, PUT, DELETE) accept these tokens; none: every write is refused.
API_TOKENS = comma_separated(os.environ.get("API_TOKENS", ""))
# The origins whose browsers may call the API (CORS); none by default.
CORS_ALLOWED_ORIGINS = comma_separated(os.environ.get("CORS_ALLOWED_ORIGINS", ""))
