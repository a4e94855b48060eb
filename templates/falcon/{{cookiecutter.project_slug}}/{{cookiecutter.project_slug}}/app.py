"""The Falcon app: its middleware, media handlers, error handling and routes."""

import falcon
import falcon.media
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.falcon import FalconInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{%- endif %}

from . import problems
from .config import Settings
from .database import Database, SessionManager
from .media import LimitedJSONHandler
from .middleware import CORS, DrainUnreadBody, RequestLog, SecurityHeaders
from .routes import add_routes
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}


def create_app(
    database: Database, settings: Settings
) -> falcon.App[falcon.Request, falcon.Response]:
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        instrument(database)
{%- endif %}
    app: falcon.App[falcon.Request, falcon.Response] = falcon.App(
        # process_response runs in reverse order: the Session is closed first, the security
        # headers are set next to last, on whatever the response has become, and the request
        # log, first in, logs that.
        middleware=[
            RequestLog(),
            SecurityHeaders(),
            CORS(allow_origins=settings.cors_allowed_origins),
            DrainUnreadBody(),
            SessionManager(database),
        ],
    )
    # JSON only: a body of any other media type is a 415 (Falcon also parses forms by default).
    app.req_options.media_handlers = falcon.media.Handlers(
        {falcon.MEDIA_JSON: LimitedJSONHandler()}
    )
    problems.add_error_handling(app)
    add_routes(app, database, settings.api_tokens)
    return app
{%- if cookiecutter.observability == "opentelemetry" %}


def instrument(database: Database) -> None:
    """A span and the request metrics for each request, with its route template, and a span
    beneath it for each SQL statement. Once a process: the instrumentors are the process's, and
    the first database instrumented stays the only one (a server process has one)."""
    falcon_instrumentor = FalconInstrumentor()
    if falcon_instrumentor.is_instrumented_by_opentelemetry:
        return
    # Falcon's instrumentation replaces falcon.App with a subclass that adds its middleware
    # first (into the middleware list: a tuple has no room), so it comes before the app.
    falcon_instrumentor.instrument()
    # skip_dep_check: the instrumentation declares SQLAlchemy < 2.1, and works with 2.1
    # (tests/test_observability.py).
    SQLAlchemyInstrumentor().instrument(engine=database.engine, skip_dep_check=True)
{%- endif %}
