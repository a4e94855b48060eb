"""Masonite ORM's connections, from DATABASE_URL. Masonite ORM loads this module by its path
(config/database.py, its default) for craft's migrate and migration commands as well."""

import logging
import os

from masoniteorm.config import db_url
from masoniteorm.connections import ConnectionResolver

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"

# libpq's own setting, which psycopg2 reads: fail fast (a 503) instead of waiting for the
# operating system's TCP timeout when the server is away.
os.environ.setdefault("PGCONNECT_TIMEOUT", "5")
{%- else -%}
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}

DATABASES = {
    "default": "main",
    "main": db_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
}

# Masonite ORM logs each model it builds from a row at INFO: a line per row.
logging.getLogger("masoniteorm").setLevel(logging.WARNING)

DB = ConnectionResolver().set_connection_details(DATABASES)
