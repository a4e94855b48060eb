"""The FastAPI app: `create_app()` builds it, `app` is what the servers import."""

from functools import cached_property

from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from . import database, logs, openapi
from .config import Settings
from .contract import (
    CORS_ALLOWED_HEADERS,
    CORS_ALLOWED_METHODS,
    CORS_EXPOSED_HEADERS,
    CORS_MAX_AGE,
    MAX_BODY_BYTES,
)
from .error_reports import start_error_reports
from .middleware import (
    BodyLimitMiddleware,
    HeadAsGetMiddleware,
    ProblemCORSMiddleware,
    RequestLogMiddleware,
    SecurityHeadersMiddleware,
)
from .problems import EXCEPTION_HANDLERS
from .routers import items, main


class Service(FastAPI):
    """FastAPI with the request log around all it does. Outside the stack's
    ServerErrorMiddleware, which `add_middleware` cannot reach: the request log sees every
    answer, the 500s included. Outside Starlette's `__call__`, which Sentry's integration wraps:
    an unexpected error reaches Sentry with its request before the request log logs it, and
    that log line is not reported again (the SDK drops an error it has just sent)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.request_log(scope, receive, send)

    @cached_property
    def request_log(self) -> RequestLogMiddleware:
        return RequestLogMiddleware(super().__call__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app from the environment and `.env`; tests pass their own settings."""
    settings = settings or Settings()
    app = Service(
        title={{ cookiecutter.project_name | python_string }},
        {{ cookiecutter.description | python_argument("description", 8) }},
        version={{ cookiecutter.version | tojson }},
        lifespan=database.lifespan(settings.database_url),
        exception_handlers=EXCEPTION_HANDLERS,
    )
    # Read by the token check of the write path operations (routers/items.py).
    app.state.api_tokens = settings.api_tokens
    # The last one added is the outermost: the security headers reach every response, the
    # CORS preflights included, and the CORS headers reach the 413s.
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=MAX_BODY_BYTES)
    app.add_middleware(
        ProblemCORSMiddleware,
        allow_origins=settings.cors_allowed_origins,
        allow_methods=CORS_ALLOWED_METHODS,
        allow_headers=CORS_ALLOWED_HEADERS,
        expose_headers=CORS_EXPOSED_HEADERS,
        max_age=CORS_MAX_AGE,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.include_router(main.router)
    app.include_router(items.router)
    app.openapi = lambda: openapi.contract_openapi(app)  # type: ignore[method-assign]
    return app


# Logging and error reports are the process's, set up in the module the servers import: before
# the app logs or fails anything.
logs.configure()
start_error_reports()
app = create_app()
