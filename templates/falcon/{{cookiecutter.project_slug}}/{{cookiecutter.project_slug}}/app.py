"""The Falcon app: its middleware, media handlers, error handling and routes."""

import falcon
import falcon.media

from . import problems
from .config import Settings
from .database import Database, SessionManager
from .media import LimitedJSONHandler
from .middleware import CORS, DrainUnreadBody, RequestLog, SecurityHeaders
from .routes import add_routes


def create_app(
    database: Database, settings: Settings
) -> falcon.App[falcon.Request, falcon.Response]:
    app = falcon.App(
        # process_response runs in reverse order: the Session is closed first, the security
        # headers are set next to last, on whatever the response has become, and the request
        # log, first in, logs that.
        middleware=(
            RequestLog(),
            SecurityHeaders(),
            CORS(allow_origins=settings.cors_allowed_origins),
            DrainUnreadBody(),
            SessionManager(database),
        ),
    )
    # JSON only: a body of any other media type is a 415 (Falcon also parses forms by default).
    app.req_options.media_handlers = falcon.media.Handlers(
        {falcon.MEDIA_JSON: LimitedJSONHandler()}
    )
    problems.add_error_handling(app)
    add_routes(app, database, settings.api_tokens)
    return app
