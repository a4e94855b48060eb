"""Reading settings from the environment: flags, lists and DATABASE_URL."""

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ..contract import sqlite_pragma_statements

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off", ""})

# Every DATABASE_URL scheme the project accepts, mapped onto the Django backend that serves it
# (the postgresql backend uses psycopg 3).
ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
}
# Several server workers share one SQLite file: the contract's pragmas (WAL, busy_timeout),
# and IMMEDIATE transactions take the write lock up front, so a transaction never fails
# halfway for it.
SQLITE_OPTIONS = {
    "init_command": "; ".join(sqlite_pragma_statements()),
    "transaction_mode": "IMMEDIATE",
}


def env_flag(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def env_list(name: str) -> list[str]:
    """A comma-separated variable as a list; empty when unset."""
    return [part.strip() for part in os.environ.get(name, "").split(",") if part.strip()]


def database_from_url(url: str, base_dir: Path) -> dict[str, Any]:
    """Django's DATABASES entry for a DATABASE_URL.

    `sqlite:///name.db` is a file relative to `base_dir`, `sqlite:////abs/name.db` an
    absolute one; `postgresql://user:password@host:port/name` (or `postgres://`) may add
    libpq options as a query, such as `?sslmode=require`.
    """
    parts = urlsplit(url)
    engine = ENGINES.get(parts.scheme)
    if engine is None:
        schemes = ", ".join(f"{scheme}://" for scheme in ENGINES)
        raise ValueError(f"DATABASE_URL must start with one of {schemes}, not {url!r}")
    # Reuse connections between requests, checking each before use, so that the service
    # recovers by itself when the database comes back after an outage.
    database: dict[str, Any] = {"ENGINE": engine, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    if parts.scheme == "sqlite":
        path = unquote(parts.path)[1:]  # the path after the third slash
        return {**database, "NAME": str(base_dir / path), "OPTIONS": dict(SQLITE_OPTIONS)}
    return {
        **database,
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }
