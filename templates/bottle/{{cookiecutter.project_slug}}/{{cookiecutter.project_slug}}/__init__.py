"""{{ cookiecutter.project_name }}: the Bottle application."""

from bottle import BaseRequest, Bottle

from . import config, contract, problems, routes
from .database import DatabasePlugin, open_database
from .migrate import MigrationCheckPlugin

# Request bodies up to the API's limit stay in memory, and Bottle's own body readers
# (request.json, request.forms) answer 413 above it, as the items API does.
BaseRequest.MEMFILE_MAX = contract.MAX_BODY_BYTES


def create_app(database_url: str | None = None) -> Bottle:
    """Build the app on DATABASE_URL, or on `database_url` (the tests pass one)."""
    app = Bottle()
    database = open_database(database_url or config.database_url())
    # The first installed runs first: no transaction opens on a database that lacks migrations.
    app.install(MigrationCheckPlugin(database))
    app.install(DatabasePlugin(database))
    problems.install(app)
    routes.install(app)
    return app
