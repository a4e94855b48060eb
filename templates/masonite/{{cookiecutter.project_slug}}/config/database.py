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

# Masonite ORM opens a connection for each query unless it keeps them in its pool: a new
# PostgreSQL connection costs milliseconds, many times the query. One request at a time goes
# through Masonite in each server worker (app/http.py), so a few connections are plenty.
# app/database.py's forget_pooled_connections drops them after a database error.
POOLING = {"connection_pooling_enabled": True, "connection_pooling_max_size": 4}
{%- else -%}
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}

DATABASES = {
    "default": "main",
{%- if cookiecutter.database == "postgresql" %}
    "main": {**db_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL), **POOLING},
{%- else %}
    "main": db_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
{%- endif %}
}

# Masonite ORM logs each model it builds from a row at INFO: a line per row.
logging.getLogger("masoniteorm").setLevel(logging.WARNING)

DB = ConnectionResolver().set_connection_details(DATABASES)
