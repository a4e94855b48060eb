"""The Sanic app: `create_app()` builds it from its blueprints, listeners, error handler and
middleware; server.py makes the one Sanic's server runs, the tests their own."""

from sanic import Sanic

from . import cors, problems, request_log, stopping{% if cookiecutter.observability == "opentelemetry" %}, tracing{% endif %}
from .blueprints import items, main
from .config import ServiceConfig
from .context import Context, ServiceApp
from .database import Database
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

NAME = "{{ cookiecutter.project_slug }}"


async def open_database(app: ServiceApp) -> None:
    """before_server_start: each worker opens its own engine and threads, after the fork."""
    app.ctx.database = Database(app.config.DATABASE_URL)


async def close_database(app: ServiceApp) -> None:
    """after_server_stop: once the worker has finished its requests."""
    app.ctx.database.close()


def create_app(config: ServiceConfig | None = None) -> ServiceApp:
    """The app on `config`; by default, the environment's (config.py)."""
    # Sanic's loggers go through the process's logging setup (logs.py, server.py), not the
    # handlers and formats Sanic would configure for them.
    app: ServiceApp = Sanic(
        NAME, config=config or ServiceConfig(), ctx=Context(), configure_logging=False
    )
    # First: its response middleware then runs after the others' (Sanic runs those in reverse).
    request_log.register(app)
    app.blueprint(main.bp)
    app.blueprint(items.bp)
    problems.register(app)
    cors.register(app)
    app.before_server_start(open_database)
    app.after_server_stop(close_database)
    stopping.register(app)
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        # A span and the request duration for each request, a span beneath it for each
        # statement (tracing.py). Server.py's app is made in Sanic's main process: the SDK
        # starts its export threads again in each worker it forks.
        tracing.register(app)
{%- endif %}
    return app
