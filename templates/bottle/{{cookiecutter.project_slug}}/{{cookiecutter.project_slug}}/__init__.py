"""{{ cookiecutter.project_name }}: the Bottle application."""

from collections.abc import Collection

from bottle import BaseRequest, Bottle, JSONPlugin

from . import config, contract, cors, problems, request_log, routes{% if cookiecutter.observability == "opentelemetry" %}, tracing{% endif %}
from .database import DatabasePlugin, open_database
from .migrate import MigrationCheckPlugin
from .security import ApiTokenPlugin
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

# Request bodies up to the API's limit stay in memory, and Bottle's own body readers
# (request.json, request.forms) answer 413 above it, as the items API does.
BaseRequest.MEMFILE_MAX = contract.MAX_BODY_BYTES


def create_app(
    database_url: str | None = None,
    *,
    api_tokens: Collection[str] | None = None,
    cors_allowed_origins: Collection[str] | None = None,
) -> Bottle:
    """Build the app on DATABASE_URL, API_TOKENS and CORS_ALLOWED_ORIGINS, or on the values
    passed instead (the tests pass theirs)."""
    app = Bottle()
    # Read by the plugin and the hooks that need them, from the app the request is for.
    app.config["api.tokens"] = config.api_tokens() if api_tokens is None else api_tokens
    app.config["cors.allowed_origins"] = (
        config.cors_allowed_origins() if cors_allowed_origins is None else cors_allowed_origins
    )
    database = open_database(database_url or config.database_url())
    # The first installed runs first: unexpected errors are logged whatever plugin raised them,
    # JSON included (Bottle installs its JSON plugin first: a value that cannot become JSON must
    # be such an error), a write without a valid token is refused before anything else, and no
    # transaction opens on a database that lacks migrations.
    app.uninstall(JSONPlugin)
    app.install(problems.UnexpectedErrorPlugin())
    app.install(JSONPlugin())
    app.install(ApiTokenPlugin())
    app.install(MigrationCheckPlugin(database))
    app.install(DatabasePlugin(database))
    # First of the hooks: every answer, a preflight included, gets an id and a line.
    request_log.install(app)
    problems.install(app)
    cors.install(app)
    routes.install(app)
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        tracing.install(app)
{%- endif %}
    return app
