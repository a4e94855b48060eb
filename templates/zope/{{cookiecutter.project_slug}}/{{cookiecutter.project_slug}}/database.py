"""What the views need of the object database: the items, once the release step has made them.

The server never evolves the database itself (two workers would race): until the release step
has brought it to the code's generation, `/health` and the API answer 503 naming that step.
"""

import sqlite3
from typing import Any
{% if cookiecutter.database == "postgresql" %}
import psycopg2
{%- endif %}
from ZODB.POSException import ConflictError, StorageError

from .contract import not_migrated
from .generations import GENERATION
from .items import ITEMS_KEY, ItemContainer

RELEASE_COMMAND = "uv run python -m {{ cookiecutter.project_slug }}.release"
# zope.generations' record, in the ZODB root: the generation of each schema manager by name.
GENERATIONS_KEY = "zope.generations"
SCHEMA_MANAGER_NAME = "{{ cookiecutter.project_slug }}"
# What the storage raises when the database does not answer, and a write that still conflicted
# with others after Zope's retries: a 503, not a 500.
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    ConflictError,
{%- if cookiecutter.database == "postgresql" %}
    psycopg2.OperationalError,
    psycopg2.InterfaceError,
{%- endif %}
    sqlite3.OperationalError,
    StorageError,
)
UNAVAILABLE_DETAIL = "The database is not answering."


class NotMigratedError(Exception):
    """The database is older than the code: the release step has not run."""

    def __init__(self, missing: str) -> None:
        super().__init__(not_migrated(RELEASE_COMMAND))
        self.missing = missing


def generation(root: Any) -> int:
    """The generation the database was evolved to; 0 for a new one."""
    record = root.get(GENERATIONS_KEY) or {}
    found: int = record.get(SCHEMA_MANAGER_NAME, 0)
    return found


def items_of(context: Any) -> ItemContainer:
    """The items of the database `context` (any stored object, the Zope root for a view)
    belongs to; NotMigratedError before the release step."""
    root = context._p_jar.root()
    if (reached := generation(root)) < GENERATION:
        raise NotMigratedError(f"generations {reached + 1} to {GENERATION}")
    container: ItemContainer = root[ITEMS_KEY]
    return container
