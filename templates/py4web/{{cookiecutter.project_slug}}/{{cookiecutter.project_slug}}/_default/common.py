"""The objects the actions share, as py4web's scaffold keeps them: the database and the
fixtures that the actions list in `@action.uses(...)`."""

from typing import Any

from py4web import DAL
from pydal.migrator import InDBMigrator

from {{ cookiecutter.project_slug }}.contract import apply_sqlite_pragmas
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.tracing import trace_sqlite_connection
{%- endif %}

from . import settings
from .fixtures import ApiToken, MigrationCheck, ProblemDetails


def after_connection(adapter: Any) -> None:
    """Every new connection to SQLite gets the contract's pragmas (WAL, a busy timeout)."""
    if adapter.dbengine == "sqlite":
        apply_sqlite_pragmas(adapter.connection)
{%- if cookiecutter.observability == "opentelemetry" %}
        trace_sqlite_connection(adapter)
{%- endif %}


# migrate=False: the server only uses the tables; the release step,
# `python -m {{ cookiecutter.project_slug }}.migrate`, creates and alters them.
# pydal's InDBMigrator keeps its record of each table (what pydal compares the model with) in
# the database, in web2py_filesystem, rather than in .table files on the disk of one machine.
db = DAL(
    settings.DB_URI,
    pool_size=settings.DB_POOL_SIZE,
    migrate=False,
    adapter_args={"migrator": InDBMigrator},
    after_connection=after_connection,
    # pydal connects to PostgreSQL as it builds the DAL, when py4web imports the app. A worker
    # that starts while the database is down waits for it, a try a second, rather than fail
    # to boot: the server stops altogether when a worker fails to boot.
    attempts=30,
    table_hash=settings.TABLE_HASH,
)

# Listed first in `@action.uses`: it answers every error of an action as problem details.
problem_details = ProblemDetails(
    unavailable=(db._adapter.driver.OperationalError, db._adapter.driver.InterfaceError)
)
# Writes need one of API_TOKENS; reads are public.
api_token = ApiToken(settings.API_TOKENS)
# 503, naming the migrate command, while the database lacks a table or column of the models.
migration_check = MigrationCheck(db)
