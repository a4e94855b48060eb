"""{{ cookiecutter.project_name }}: a CherryPy application served by its own HTTP server.

`mount()` puts the application on `cherrypy.tree` and its database plugin on `cherrypy.engine`;
then `python -m {{ cookiecutter.project_slug }}`
(__main__.py) starts the engine and the server.
"""

from typing import Any

import cherrypy

from . import problems
from .contract import MAX_BODY_BYTES
from .database import SAEnginePlugin, SATool
from .root import Root

cherrypy.tools.db = SATool()


def application_config() -> dict[str, dict[str, Any]]:
    return {
        "/": {
            # Only the handlers that take a body read one (items.json_body), at most 1 MiB.
            "request.process_request_body": False,
            "request.body.maxbytes": MAX_BODY_BYTES,
            "request.error_response": problems.error_response,
        },
        "/api/items": {"request.dispatch": cherrypy.dispatch.MethodDispatcher()},
    }


def mount(database_url: str, *, pool_size: int = 5) -> Any:
    """Mount the application at / and subscribe its database plugin to the engine."""
    cherrypy.engine.db = SAEnginePlugin(cherrypy.engine, database_url, pool_size=pool_size)
    cherrypy.engine.db.subscribe()
    application = cherrypy.Application(Root(), "", application_config())
    # Problem details and security headers on every response (see problems.Request).
    application.request_class = problems.Request
    return cherrypy.tree.mount(application)
