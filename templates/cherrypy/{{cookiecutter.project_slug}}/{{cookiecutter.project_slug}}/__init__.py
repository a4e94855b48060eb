"""{{ cookiecutter.project_name }}: a CherryPy application served by its own HTTP server.

`mount()` puts the application on `cherrypy.tree` and its database plugin on `cherrypy.engine`;
then `python -m {{ cookiecutter.project_slug }}`
(__main__.py) starts the engine and the server.
"""

from collections.abc import Collection
from typing import Any

import cherrypy
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.wsgi import OpenTelemetryMiddleware
{%- endif %}

from . import problems
from .access import CORSTool, require_api_token
from .contract import MAX_BODY_BYTES
from .database import SAEnginePlugin, SATool
from .root import Root
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
from .tracing import name_span
{%- endif %}

cherrypy.tools.db = SATool()
# Before tools.db (priority 20), which opens the session and checks the migrations.
cherrypy.tools.api_token = cherrypy.Tool("on_start_resource", require_api_token, priority=10)
cherrypy.tools.cors = CORSTool()
{%- if cookiecutter.observability == "opentelemetry" %}
# Before tools.api_token and tools.db: a request they refuse has its route too.
cherrypy.tools.route = cherrypy.Tool("on_start_resource", name_span, priority=5)
{%- endif %}


def application_config(
    api_tokens: Collection[str] = (), cors_allowed_origins: Collection[str] = ()
) -> dict[str, dict[str, Any]]:
    return {
        "/": {
            # Only the handlers that take a body read one (items.json_body), at most 1 MiB.
            "request.process_request_body": False,
            "request.body.maxbytes": MAX_BODY_BYTES,
            "request.error_response": problems.error_response,
        },
        # The settings of the API's tools (root.Api turns them on).
        "/api": {
            "tools.api_token.tokens": tuple(api_tokens),
            "tools.cors.origins": tuple(cors_allowed_origins),
        },
        "/api/items": {"request.dispatch": cherrypy.dispatch.MethodDispatcher()},
    }


def mount(
    database_url: str,
    *,
    pool_size: int = 5,
    api_tokens: Collection[str] = (),
    cors_allowed_origins: Collection[str] = (),
) -> Any:
    """Mount the application at / and subscribe its database plugin to the engine."""
    cherrypy.engine.db = SAEnginePlugin(cherrypy.engine, database_url, pool_size=pool_size)
    cherrypy.engine.db.subscribe()
    config = application_config(api_tokens, cors_allowed_origins)
    application = cherrypy.Application(Root(), "", config)
    # CherryPy's access log would pass its line on to the root logger: request_log.py's
    # replaces it. Its error log does pass on, so that an error is logged once, by logs.py.
    cherrypy.log.access_log.propagate = False
    # Problem details and security headers on every response (see problems.Request).
    application.request_class = problems.Request
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        # A span and the request metrics for each request, from OpenTelemetry's WSGI middleware,
        # first in the application's WSGI pipeline: around CherryPy's own (its internal
        # redirects, its last-resort 500), so that a request has one span, with its final
        # status. It runs in the server thread that runs the handler, so the statements' spans
        # (SAEnginePlugin) fall beneath it. tools.route adds the route, known once dispatched.
        application.wsgiapp.pipeline.insert(0, ("opentelemetry", OpenTelemetryMiddleware))
        application.merge({"/": {"tools.route.on": True}})
{%- endif %}
    return cherrypy.tree.mount(application)
