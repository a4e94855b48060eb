"""Settings: the .ini file's [app:main] section, then the environment over it (make_app).

`DATABASE_URL` replaces `sqlalchemy.url`, so platforms and containers configure the service the
way they configure any other (see .env.example). The API tokens (`API_TOKENS`, secrets that no
.ini file should hold) and the origins browsers may call the API from (`CORS_ALLOWED_ORIGINS`)
come from the environment only; everything else lives in the .ini files.
"""

import os
from collections.abc import Mapping
from typing import Any

from ..contract import comma_separated

# The plain URL forms people and platforms use, mapped onto the installed driver.
DRIVER_SCHEMES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}


def sqlalchemy_url(database_url: str) -> str:
    scheme, separator, rest = database_url.partition("://")
    return f"{DRIVER_SCHEMES.get(scheme, scheme)}{separator}{rest}"


def with_environment(
    settings: Mapping[str, Any], environ: Mapping[str, str] = os.environ
) -> dict[str, Any]:
    """Return the settings with the environment's overrides applied."""
    merged = dict(settings)
    database_url = environ.get("DATABASE_URL") or merged["sqlalchemy.url"]
    merged["sqlalchemy.url"] = sqlalchemy_url(database_url)
    # Check a server's pooled connections first, so the app recovers when it comes back. A
    # SQLite file is opened, not connected to: nothing to check.
    merged.setdefault("sqlalchemy.pool_pre_ping", not database_url.startswith("sqlite"))
    # Writes need one of these (lib/auth.py); none: every write is refused.
    merged["api_tokens"] = comma_separated(environ.get("API_TOKENS", ""))
    # Origins whose browsers may call the API (lib/wrappers.py).
    merged["cors_allowed_origins"] = comma_separated(environ.get("CORS_ALLOWED_ORIGINS", ""))
    return merged
